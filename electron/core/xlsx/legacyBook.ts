// Binary Excel 97-2003 (.xls, BIFF8; BIFF5 too), WPS .et and OpenDocument (.ods), read with SheetJS CE
// (@e965/xlsx 0.20.3, see docs/import-formats.md for why this build). Before SheetJS sees a compound file we look
// into it ourselves, so a Word document renamed .xls and a password-protected workbook each get their own message.

import * as XLSX from '@e965/xlsx';
import { UserError } from '../../../shared/errors.ts';
import type { CellValue, SheetData } from '../../../shared/import/sheetGrid.ts';
import { damagedMessage, PASSWORD_PROTECTED } from './messages.ts';

/** What we use of SheetJS's untyped CFB and SSF helpers. */
interface CfbContainer {
  FileIndex: { name: string; type: number; content?: Uint8Array | number[] }[];
}
const CFB = XLSX.CFB as { read(data: Uint8Array, opts: { type: 'buffer' }): CfbContainer };
const SSF = XLSX.SSF as {
  is_date(format: string): boolean;
  parse_date_code(serial: number, opts: { date1904: boolean }): { y: number; m: number; d: number } | null;
};

function stream(cfb: CfbContainer, name: string): Uint8Array | null {
  const e = cfb.FileIndex.find((f) => f.type === 2 && f.name.toLowerCase() === name.toLowerCase());
  return e?.content ? Uint8Array.from(e.content) : null;
}

/** Whether the workbook globals (up to their EOF record) carry a FILEPASS record: the file is encrypted. */
function hasFilePass(book: Uint8Array): boolean {
  for (let p = 0, n = 0; p + 4 <= book.length && n < 10_000; n++) {
    const type = (book[p] ?? 0) | ((book[p + 1] ?? 0) << 8);
    const len = (book[p + 2] ?? 0) | ((book[p + 3] ?? 0) << 8);
    if (type === 0x002f) return true;
    if (type === 0x000a) return false;
    p += 4 + len;
  }
  return false;
}

/** Says what a compound file without a readable workbook is; returns when it holds one. */
function checkCompoundFile(name: string, bytes: Uint8Array, wps: boolean): void {
  let cfb: CfbContainer;
  try {
    cfb = CFB.read(bytes, { type: 'buffer' });
  } catch {
    throw new UserError(damagedMessage(name, 'Office 复合文件的结构不完整'));
  }
  if (stream(cfb, 'EncryptedPackage')) throw new UserError(`“${name}”${PASSWORD_PROTECTED}`);
  const book = stream(cfb, 'Workbook') ?? stream(cfb, 'Book');
  if (book) {
    if (hasFilePass(book)) throw new UserError(`“${name}”${PASSWORD_PROTECTED}`);
    return;
  }
  if (stream(cfb, 'WordDocument')) throw new UserError(`“${name}”是 Word 文档（.doc），不是表格。请导入绩效目标表的 Excel 文件`);
  if (stream(cfb, 'PowerPoint Document')) throw new UserError(`“${name}”是 PowerPoint 演示文稿，不是表格。请导入绩效目标表的 Excel 文件`);
  throw new UserError(
    wps
      ? `“${name}”是 WPS 表格（.et）文件，但其中没有本程序能读取的工作簿数据。请在 WPS 中用“另存为”保存为 Excel 工作簿（.xlsx）后再导入`
      : `“${name}”是 Office 复合文件，但其中没有 Excel 工作簿数据（Workbook），不是可导入的表格`,
  );
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A cell as the xlsx reader gives it: text, number, dates as YYYY-MM-DD, booleans TRUE/FALSE, errors dropped. */
function cellValue(cell: XLSX.CellObject, date1904: boolean): CellValue | null {
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return typeof v === 'string' ? v : null;
    case 'n': {
      if (typeof v !== 'number') return null;
      if (typeof cell.z === 'string' && SSF.is_date(cell.z)) {
        const d = SSF.parse_date_code(v, { date1904 });
        if (d) return isoDate(d.y, d.m, d.d);
      }
      return v;
    }
    case 'b':
      return v ? 'TRUE' : 'FALSE';
    case 'd':
      return v instanceof Date ? v.toISOString().slice(0, 10) : null;
    default:
      return null;
  }
}

/** The grid as SheetJS read it; gridRules.ts (applied to every reader) then bounds it and drops covered values. */
function toSheets(wb: XLSX.WorkBook): SheetData[] {
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return wb.SheetNames.map((sheetName) => {
    const ws = wb.Sheets[sheetName] ?? {};
    const cells: SheetData['cells'] = [];
    for (const ref of Object.keys(ws)) {
      if (ref.startsWith('!')) continue;
      const { r, c } = XLSX.utils.decode_cell(ref);
      const v = cellValue(ws[ref] as XLSX.CellObject, date1904);
      if (v !== null && v !== '') cells.push({ r: r + 1, c: c + 1, v });
    }
    cells.sort((a, b) => a.r - b.r || a.c - b.c);
    const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    return { name: sheetName, cells, merges };
  });
}

const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  cellNF: true,
  cellText: false,
  cellHTML: false,
  cellFormula: false,
  cellDates: false,
  cellStyles: false,
  sheetStubs: false,
  bookVBA: false,
};

function read(name: string, bytes: Uint8Array): XLSX.WorkBook {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, READ_OPTIONS);
  } catch (e) {
    throw new UserError(`“${name}”已损坏或不完整，无法读取（${(e as Error).message}）。请重新获取文件，或在 Excel/WPS 中打开后另存为 .xlsx 再导入`);
  }
  // Excel and WPS never save a workbook without a sheet: the workbook data is cut short or damaged.
  if (wb.SheetNames.length === 0) throw new UserError(damagedMessage(name, '工作簿中找不到任何工作表'));
  return wb;
}

/** Binary .xls (BIFF8/BIFF5) or WPS .et. */
export async function readCompoundBook(name: string, bytes: Uint8Array, wps: boolean): Promise<SheetData[]> {
  checkCompoundFile(name, bytes, wps);
  // Excel 5/95 workbooks and document properties store text in the file's code page (936 for Chinese). The tables
  // take a fifth of a second to load, so only compound files load them.
  XLSX.set_cptable(await import('@e965/xlsx/dist/cpexcel.full.mjs'));
  return toSheets(read(name, bytes));
}

/** OpenDocument spreadsheet (the zip was checked, bomb and DOCTYPE included, before this). */
export function readOds(name: string, bytes: Uint8Array): SheetData[] {
  return toSheets(read(name, bytes));
}
