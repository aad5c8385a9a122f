// Reading xlsx for import, through exceljs, after checking the file ourselves: old binary .xls/.et, a CSV renamed,
// a password-protected workbook, a truncated or damaged zip and a zip bomb each get one clear message before any
// parser sees the bytes. The zip is inflated entry by entry with a hard output cap, so a bomb never fills memory.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { UserError } from '../../../shared/errors.ts';
import type { CellValue, SheetData } from '../../../shared/import/sheetGrid.ts';

/** Unpacked size above which a workbook is refused (a real 5,000-project table unpacks to a few tens of MB). */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function looksLikeText(head: Buffer): boolean {
  const s = head.toString('utf8');
  if (s.includes('\uFFFD') || head.includes(0)) return false;
  return /[,\t;\n]/.test(s);
}

/** Says what is wrong with a file that is not a readable xlsx; returns when it looks like one. */
function checkContainer(file: string, buf: Buffer): void {
  const name = path.basename(file);
  if (buf.length === 0) throw new UserError(`“${name}”是空文件`);
  if (buf.subarray(0, 8).equals(OLE2)) {
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new UserError(`“${name}”设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码（文件 › 信息 › 保护工作簿）并保存后再导入`);
    }
    const wps = /\.et$/i.test(file);
    throw new UserError(
      `“${name}”是旧版${wps ? ' WPS 表格（.et）' : ' Excel 97-2003（.xls）'}格式，本程序只读取 .xlsx。请在 ${wps ? 'WPS' : 'Excel 或 WPS'} 中用“另存为”保存为 Excel 工作簿（.xlsx）后再导入`,
    );
  }
  if (buf.readUInt32LE(0) !== 0x04034b50) {
    const start = buf.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (start.startsWith('{') || start.startsWith('[')) {
      throw new UserError(`“${name}”是 JSON 文件，不是 xlsx 工作簿。交换格式的 JSON 请用 load 命令载入`);
    }
    if (looksLikeText(buf.subarray(0, 4096))) {
      throw new UserError(`“${name}”是文本文件（像是 CSV），不是 xlsx 工作簿。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`);
    }
    throw new UserError(`“${name}”不是 xlsx 工作簿，无法导入`);
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  crc: number;
  offset: number;
}

function damagedZip(name: string, detail: string): UserError {
  return new UserError(`“${name}”已损坏或不完整（${detail}），可能在下载或复制时被截断。请重新获取文件后再导入`);
}

/** Walks the zip's central directory and inflates every entry under a running size cap. */
function checkZip(file: string, buf: Buffer): void {
  const name = path.basename(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damagedZip(name, '找不到压缩包目录');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) throw new UserError(`“${name}”包含 ${count} 个内部文件，不像是正常的工作簿，未导入`);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw damagedZip(name, '压缩包目录不完整');
    const nameLen = buf.readUInt16LE(p + 28);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  const declared = entries.reduce((s, e) => s + e.size, 0);
  const tooBig = (bytes: number) =>
    new UserError(
      `“${name}”解压后超过 ${Math.round(bytes / 2 ** 20)} MB（上限 ${MAX_UNPACKED_BYTES / 2 ** 20} MB），不像是正常的绩效目标表，可能已损坏或是恶意文件，未导入`,
    );
  if (declared > MAX_UNPACKED_BYTES) throw tooBig(declared);
  let used = 0;
  for (const e of entries) {
    const h = e.offset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw damagedZip(name, `内部文件 ${e.name} 缺失`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const data = buf.subarray(start, start + e.compressed);
    if (data.length < e.compressed) throw damagedZip(name, `内部文件 ${e.name} 不完整`);
    let out: Buffer;
    try {
      if (e.method === 0) out = data;
      else if (e.method === 8) out = zlib.inflateRawSync(data, { maxOutputLength: MAX_UNPACKED_BYTES - used + 1 });
      else throw damagedZip(name, `内部文件 ${e.name} 使用了不支持的压缩方式 ${e.method}`);
    } catch (err) {
      if (err instanceof UserError) throw err;
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(MAX_UNPACKED_BYTES + 1);
      throw damagedZip(name, `内部文件 ${e.name} 无法解压`);
    }
    used += out.length;
    if (used > MAX_UNPACKED_BYTES) throw tooBig(used);
    if (out.length !== e.size || zlib.crc32(out) !== e.crc) throw damagedZip(name, `内部文件 ${e.name} 校验失败`);
  }
}

// exceljs re-checks every merge against all earlier ones while reading (quadratic in the number of merges: a
// stacked T2 of thousands of projects would take hours). Read merges against an empty map and put it together.
type MergeParsing = { _merges: Record<string, unknown>; mergeCellsWithoutStyle(range: string): void };
const worksheetProto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet('x')) as {
  _parseMergeCells(this: MergeParsing, model: { mergeCells?: string[] }): void;
};
worksheetProto._parseMergeCells = function (this: MergeParsing, model) {
  const all: Record<string, unknown> = { ...this._merges };
  for (const range of model.mergeCells ?? []) {
    this._merges = {};
    this.mergeCellsWithoutStyle(range);
    Object.assign(all, this._merges);
  }
  this._merges = all;
};

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function cellValue(cell: ExcelJS.Cell): CellValue | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      return typeof r === 'number' || typeof r === 'string' ? r : null;
    }
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(v);
}

/** Reads every sheet of an xlsx file into plain cell data. Bad files are UserErrors; nothing is written. */
export async function readXlsxFile(file: string): Promise<SheetData[]> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UserError(
      code === 'ENOENT'
        ? `找不到要导入的文件“${file}”`
        : code === 'EISDIR'
          ? `“${file}”是文件夹，不是 xlsx 文件`
          : code === 'EACCES' || code === 'EPERM'
            ? `没有权限读取“${file}”`
            : `无法读取“${file}”：${(e as Error).message}`,
    );
  }
  checkContainer(file, buf);
  checkZip(file, buf);
  if (buf.includes(Buffer.from('application/vnd.oasis.opendocument.spreadsheet'))) {
    throw new UserError(`“${path.basename(file)}”是 ODS 格式（LibreOffice/WPS），不是 xlsx。请用“另存为”保存为 Excel 工作簿（.xlsx）后再导入`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new UserError(`“${path.basename(file)}”不是可读取的 xlsx 工作簿（${(e as Error).message}）`);
  }
  const sheets: SheetData[] = [];
  wb.eachSheet((ws) => {
    const cells: SheetData['cells'] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const v = cellValue(cell);
        if (v === null || v === '') return;
        const indent = cell.alignment?.indent;
        cells.push({ r, c, v, ...(indent ? { indent } : {}) });
      });
    });
    // The merge map is private; `ws.model` would rebuild the whole sheet model just to list it.
    const ranges = Object.values((ws as unknown as { _merges: Record<string, MergeRange> })._merges);
    const merges = ranges.map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
    sheets.push({ name: ws.name, cells, merges });
  });
  if (sheets.every((s) => s.cells.length === 0)) {
    throw new UserError(`“${path.basename(file)}”是空的工作簿，没有可导入的内容`);
  }
  return sheets;
}
