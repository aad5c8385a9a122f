// Reading an xlsx for import: the parts zipCheck.ts has already inflated and checked, parsed with saxes (the strict
// streaming XML parser exceljs itself uses) straight into the sheet grid — values, merges, indents — without
// exceljs' document model. That model builds a cell object with its style for every cell and took 4–5× the time of
// a plain streaming read on a 5,000-project T2 (docs/benchmarks.md); import needs only what recognition reads.
// Values follow what Excel shows and what exceljs gave before: shared and inline strings with their rich-text runs
// joined (phonetic runs left out), `_xHHHH_` escapes decoded, numbers as numbers, TRUE/FALSE, dates by their number
// format as yyyy-mm-dd, a formula's cached result, errors and formulas without a result as empty (the latter also
// listed in the sheet's uncachedFormulas, so the import can say their value is unknown).

import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { UserError } from '../../../shared/errors.ts';
import type { CellValue, SheetData } from '../../../shared/import/sheetGrid.ts';
import { damagedMessage } from './messages.ts';
import type { CheckedParts } from './zipCheck.ts';

type Parts = CheckedParts;
type Attributes = Record<string, string>;

const SLICE = 1 << 20;

/** Walks an XML part, calling `open`/`close` with local names (a prefix such as `x:` dropped) and `text` with text. */
function walk(
  file: string,
  part: string,
  xml: Buffer,
  on: { open?(name: string, attrs: Attributes): void; close?(name: string): void; text?(text: string): void },
): void {
  const parser = new SaxesParser();
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  if (on.open) {
    const open = on.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Attributes));
  }
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  try {
    // In slices, so that a sheet of tens of MB is never one string as well as its bytes.
    const decoder = new StringDecoder('utf8');
    for (let at = 0; at < xml.length; at += SLICE) parser.write(decoder.write(xml.subarray(at, at + SLICE)));
    parser.write(decoder.end()).close();
  } catch (e) {
    throw new UserError(damagedMessage(file, `内部文件 ${part} 不是完整的 XML（${(e as Error).message.split('\n')[0]}）`));
  }
}

/** `_x000D_`-style escapes Excel writes for characters XML cannot hold. */
const unescapeText = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

function partPath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(file: string, parts: Parts, of: string): Map<string, { type: string; target: string }> {
  const slash = of.lastIndexOf('/');
  const relsName = `${of.slice(0, slash + 1)}_rels/${of.slice(slash + 1)}.rels`;
  const rels = new Map<string, { type: string; target: string }>();
  const xml = parts.get(relsName);
  if (!xml) return rels;
  walk(file, relsName, xml, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target) rels.set(a.Id, { type: a.Type ?? '', target: partPath(of, a.Target) });
    },
  });
  return rels;
}

/** Shared strings: each `<si>`'s text, its runs joined, phonetic guides (`<rPh>`) left out. */
function sharedStrings(file: string, parts: Parts, name: string | undefined): string[] {
  const xml = name ? parts.get(name) : undefined;
  if (!name || !xml) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  walk(file, name, xml, {
    open(tag) {
      if (tag === 'si') current = [];
      else if (tag === 'rPh') phonetic++;
      else if (tag === 't' && phonetic === 0) inT = true;
    },
    close(tag) {
      if (tag === 'si') strings.push(unescapeText((current ?? []).join('')));
      else if (tag === 'rPh') phonetic--;
      else if (tag === 't') inT = false;
    },
    text(t) {
      if (inT && current) current.push(t);
    },
  });
  return strings;
}

// Built-in number formats that show a date or time (ECMA-376 §18.8.30, and the CJK date formats 27–36, 50–58).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code that shows a date: y/m/d/h/s outside quoted text and [..] sections (as exceljs decides). */
const isDateCode = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Per cell style index: its indent, and whether its number format shows dates. */
function cellStyles(file: string, parts: Parts, name: string | undefined): { indent: number; date: boolean }[] {
  const xml = name ? parts.get(name) : undefined;
  if (!name || !xml) return [];
  const dateFormats = new Set(DATE_FORMAT_IDS);
  const styles: { indent: number; date: boolean }[] = [];
  let inCellXfs = false;
  walk(file, name, xml, {
    open(tag, a) {
      if (tag === 'numFmt' && a.numFmtId && a.formatCode && isDateCode(a.formatCode)) dateFormats.add(Number(a.numFmtId));
      else if (tag === 'cellXfs') inCellXfs = true;
      else if (inCellXfs && tag === 'xf') styles.push({ indent: 0, date: dateFormats.has(Number(a.numFmtId ?? 0)) });
      else if (inCellXfs && tag === 'alignment' && a.indent) styles[styles.length - 1]!.indent = Number(a.indent) || 0;
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** `B12` → row 12, column 2; null when it is not a cell reference. */
function cellRef(ref: string): { r: number; c: number } | null {
  // By character codes: this runs for every cell of the file.
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let c = 0;
  const lettersFrom = i;
  for (let ch = ref.charCodeAt(i) | 32; ch >= 97 && ch <= 122 && i - lettersFrom < 3; ch = ref.charCodeAt(++i) | 32) c = c * 26 + ch - 96;
  if (i === lettersFrom) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let r = 0;
  const digitsFrom = i;
  for (let ch = ref.charCodeAt(i); ch >= 48 && ch <= 57 && i - digitsFrom < 7; ch = ref.charCodeAt(++i)) r = r * 10 + ch - 48;
  if (i === digitsFrom || i !== ref.length) return null;
  return { r, c };
}

const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000));

interface SheetContext {
  strings: readonly string[];
  styles: readonly { indent: number; date: boolean }[];
  date1904: boolean;
}

function readSheet(file: string, part: string, xml: Buffer, sheetName: string, ctx: SheetContext): SheetData {
  const cells: SheetData['cells'] = [];
  const merges: SheetData['merges'] = [];
  const uncachedFormulas: NonNullable<SheetData['uncachedFormulas']> = [];
  let row = 0;
  let col = 0;
  // The cell being read.
  let type = '';
  let style = 0;
  let hasFormula = false;
  let formula: string[] = [];
  let value: string[] | null = null;
  let inlineText: string[] | null = null;
  let phonetic = 0;
  let into: string[] | null = null;

  const finish = () => {
    let v: CellValue | null = null;
    const raw = value?.join('') ?? null;
    // A formula saved without its result (a program wrote the file): its value is unknown, and said so.
    if (hasFormula && (raw === null || (raw === '' && type !== 'str')) && type !== 'inlineStr') uncachedFormulas.push({ r: row, c: col, formula: formula.join('') });
    if (type === 'inlineStr') v = unescapeText((inlineText ?? []).join(''));
    else if (raw === null) v = null;
    else if (type === 's') v = ctx.strings[Number(raw)] ?? null;
    else if (type === 'str') v = unescapeText(raw);
    else if (type === 'b') v = hasFormula ? null : raw.trim() === '1' ? 'TRUE' : 'FALSE';
    else if (type === 'e') v = null;
    else if (type === 'd') v = hasFormula ? null : raw.slice(0, 10);
    else {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) v = null;
      else if (ctx.styles[style]?.date) v = hasFormula ? null : excelDate(n, ctx.date1904).toISOString().slice(0, 10);
      else v = n;
    }
    if (v === null || v === '') return;
    const indent = ctx.styles[style]?.indent;
    cells.push({ r: row, c: col, v, ...(indent ? { indent } : {}) });
  };

  walk(file, part, xml, {
    open(tag, a) {
      switch (tag) {
        case 'row':
          row = a.r ? Number(a.r) : row + 1;
          col = 0;
          break;
        case 'c': {
          const at = a.r ? cellRef(a.r) : null;
          if (at) {
            row = at.r;
            col = at.c;
          } else col++;
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          hasFormula = false;
          formula = [];
          value = null;
          inlineText = null;
          break;
        }
        case 'f':
          hasFormula = true;
          into = formula;
          break;
        case 'v':
          into = value = [];
          break;
        case 'is':
          inlineText = [];
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inlineText && phonetic === 0) into = inlineText;
          break;
        case 'mergeCell': {
          const [from, to] = (a.ref ?? '').split(':');
          const start = from ? cellRef(from) : null;
          const end = to ? cellRef(to) : start;
          if (start && end) merges.push({ top: Math.min(start.r, end.r), left: Math.min(start.c, end.c), bottom: Math.max(start.r, end.r), right: Math.max(start.c, end.c) });
          break;
        }
      }
    },
    close(tag) {
      if (tag === 'v' || tag === 't' || tag === 'f') into = null;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'c') finish();
    },
    text(t) {
      into?.push(t);
    },
  });
  return { name: sheetName, cells, merges, ...(uncachedFormulas.length > 0 ? { uncachedFormulas } : {}) };
}

/** Every worksheet of the workbook (chart sheets and dialog sheets have no cells and are left out), in tab order. */
export function readXlsxParts(file: string, parts: Parts): SheetData[] {
  const root = relationships(file, parts, '');
  const bookPart = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const book = parts.get(bookPart);
  if (!book) throw new UserError(damagedMessage(file, '找不到工作簿（xl/workbook.xml）'));
  const rels = relationships(file, parts, bookPart);
  const partOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const sheetList: { name: string; part: string | undefined }[] = [];
  let date1904 = false;
  walk(file, bookPart, book, {
    open(tag, a) {
      if (tag === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (tag !== 'sheet') return;
      const id = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      const rel = id ? rels.get(id) : undefined;
      if (!rel || rel.type.endsWith('/worksheet')) sheetList.push({ name: a.name ?? '', part: rel?.target });
    },
  });
  const ctx: SheetContext = {
    strings: sharedStrings(file, parts, partOfType('/sharedStrings')),
    styles: cellStyles(file, parts, partOfType('/styles')),
    date1904,
  };
  return sheetList.map(({ name, part }) => {
    const xml = part ? parts.get(part) : undefined;
    if (!part || !xml) throw new UserError(damagedMessage(file, `找不到工作表“${name}”的内容`));
    return readSheet(file, part, xml, name, ctx);
  });
}
