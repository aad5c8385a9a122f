// SpreadsheetML 2003 ("XML 电子表格 2003"), the format the 预算管理一体化 system's pmkpi module exports (usually
// named .xls): read with saxes, a strict streaming XML parser, so a truncated or malformed file is an error with its
// line and column rather than a silently shorter table, and no entity is ever expanded (a DOCTYPE is refused).
//
// What the grid needs from it: cells placed by `ss:Index` jumps (cells covered by a merge are left out of the file)
// and `ss:MergeAcross`/`ss:MergeDown`; each Data's text exactly as written (amounts are often `ss:Type="String"`
// "720.00", which the importers read as money; `&#10;` is a line break; rich text is `<Font>` runs to join);
// indents from the styles. Everything else (NamedCell, Names, WorksheetOptions, comments, empty sheets) is noise.

import { SaxesParser, type SaxesTagNS } from 'saxes';
import { UserError } from '../../../shared/errors.ts';
import type { CellValue, SheetData } from '../../../shared/import/sheetGrid.ts';
import { refuseDtdText } from './xmlText.ts';

const SS = 'urn:schemas-microsoft-com:office:spreadsheet';
const WORD = 'http://schemas.microsoft.com/office/word/2003/wordml';
/** The elements whose attributes matter; the rest (Border, Font, NamedCell, …) are passed over. */
const READ = new Set(['Style', 'Alignment', 'Worksheet', 'Row', 'Cell', 'Data']);

/** A tag's SpreadsheetML attributes by local name: `ss:`-qualified, or unqualified as some generators write them. */
function ssAttributes(tag: SaxesTagNS): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a && (a.uri === SS || a.uri === '')) out[a.local] = a.value;
  }
  return out;
}

/** A value in the data type's own terms, mirroring what the xlsx reader gives for the same cell. */
function dataValue(type: string | undefined, text: string): CellValue | null {
  if (text === '') return null;
  switch (type) {
    case 'Number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'Boolean':
      return text.trim() === '1' || text.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
    case 'DateTime':
      return /^\d{4}-\d\d-\d\d/.test(text) ? text.slice(0, 10) : text;
    case 'Error':
      return null;
    default:
      return text;
  }
}

class XmlFault extends Error {
  readonly line: number;
  readonly column: number;
  constructor(line: number, column: number, reason: string) {
    super(reason);
    this.line = line;
    this.column = column;
  }
}

/**
 * The first `&` that starts no entity or character reference, by line and column. saxes reads such an `&` as the
 * start of a name running to the next `;`, so its own error comes later or only at the end, like a truncation.
 */
function bareAmpersand(xml: string): { line: number; column: number } | null {
  const m = /&(?![A-Za-z_:][\w.:-]*;|#\d+;|#x[\da-fA-F]+;)/.exec(xml);
  if (!m) return null;
  const before = xml.slice(0, m.index);
  const line = before.split('\n').length;
  return { line, column: m.index - before.lastIndexOf('\n') };
}

interface OpenCell {
  r: number;
  c: number;
  style: string | undefined;
  value: CellValue | null;
}

/** Reads every worksheet of a SpreadsheetML document (already decoded to text). */
export function readSpreadsheetML(name: string, xml: string): SheetData[] {
  refuseDtdText(name, xml);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const sheets: SheetData[] = [];
  const styleParent = new Map<string, string>();
  const styleIndent = new Map<string, number>();
  const open: SaxesTagNS[] = [];
  let sheet: SheetData | null = null;
  let row = 0;
  let rowSpan = 0;
  let rowStyle: string | undefined;
  let lastCol = 0;
  let cell: OpenCell | null = null;
  let data: { type: string | undefined; text: string } | null = null;
  let styleId: string | undefined;

  const where = () => `工作表“${sheet?.name ?? ''}”第 ${row} 行`;
  const count = (attrs: Record<string, string | undefined>, local: string, min: number): number | undefined => {
    const v = attrs[local];
    if (v === undefined) return undefined;
    const n = Number(v.trim());
    if (!Number.isSafeInteger(n) || n < min) throw new UserError(`“${name}”${where()}：ss:${local}="${v}" 不是有效的数字，文件可能已损坏`);
    return n;
  };
  const indentOf = (id: string | undefined): number => {
    for (let s = id, hops = 0; s !== undefined && hops < 32; s = styleParent.get(s), hops++) {
      const indent = styleIndent.get(s);
      if (indent !== undefined) return indent;
    }
    return 0;
  };

  parser.on('error', (err) => {
    throw new XmlFault(parser.line, parser.column, err.message.replace(/^\d+:\d+: /, ''));
  });
  parser.on('doctype', () => refuseDtdText(name, '<!DOCTYPE'));
  parser.on('opentag', (tag) => {
    const parent = open.at(-1);
    open.push(tag);
    if (!parent) {
      if (tag.uri === SS && tag.local === 'Workbook') return;
      throw new UserError(
        tag.uri === WORD
          ? `“${name}”是 Word 2003 XML 文档，不是表格。请导入绩效目标表的 Excel 文件`
          : `“${name}”是 XML 文件，但不是 Excel 2003 XML 表格（根元素为 <${tag.name}>），无法导入`,
      );
    }
    if (data) return; // rich text runs inside a Data
    if (tag.uri !== SS || !READ.has(tag.local)) return;
    const attrs = ssAttributes(tag);
    switch (tag.local) {
      case 'Style':
        styleId = attrs.ID;
        if (styleId !== undefined) {
          const p = attrs.Parent;
          if (p !== undefined) styleParent.set(styleId, p);
        }
        break;
      case 'Alignment': {
        const indent = attrs.Indent;
        if (styleId !== undefined && parent.local === 'Style' && indent !== undefined && Number(indent) > 0) styleIndent.set(styleId, Number(indent));
        break;
      }
      case 'Worksheet':
        sheet = { name: attrs.Name ?? `Sheet${sheets.length + 1}`, cells: [], merges: [] };
        row = 0;
        rowSpan = 0;
        break;
      case 'Row':
        if (!sheet) break;
        row = count(attrs, 'Index', 1) ?? row + 1 + rowSpan;
        rowSpan = count(attrs, 'Span', 0) ?? 0;
        rowStyle = attrs.StyleID;
        lastCol = 0;
        break;
      case 'Cell': {
        if (!sheet || parent.local !== 'Row') break;
        const c = count(attrs, 'Index', 1) ?? lastCol + 1;
        const across = count(attrs, 'MergeAcross', 0) ?? 0;
        const down = count(attrs, 'MergeDown', 0) ?? 0;
        if (across > 0 || down > 0) sheet.merges.push({ top: row, left: c, bottom: row + down, right: c + across });
        lastCol = c + across;
        cell = { r: row, c, style: attrs.StyleID ?? rowStyle, value: null };
        break;
      }
      case 'Data':
        // A Comment's Data is not the cell's value.
        if (cell && parent.local === 'Cell' && parent.uri === SS) data = { type: attrs.Type, text: '' };
        break;
    }
  });
  const onText = (t: string) => {
    if (data) data.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    open.pop();
    if (tag.uri !== SS) return;
    if (tag.local === 'Data' && data && open.at(-1)?.local === 'Cell') {
      if (cell) cell.value = dataValue(data.type, data.text);
      data = null;
    } else if (tag.local === 'Cell' && cell && sheet) {
      if (cell.value !== null) {
        const indent = indentOf(cell.style ?? 'Default');
        sheet.cells.push({ r: cell.r, c: cell.c, v: cell.value, ...(indent ? { indent } : {}) });
      }
      cell = null;
    } else if (tag.local === 'Style') {
      styleId = undefined;
    } else if (tag.local === 'Worksheet' && sheet) {
      sheets.push(sheet);
      sheet = null;
    }
  });

  // An error while writing is malformed XML; one only when closing means the document stops early.
  let closing = false;
  try {
    parser.write(xml);
    closing = true;
    parser.close();
  } catch (e) {
    if (!(e instanceof XmlFault)) throw e;
    const amp = bareAmpersand(xml);
    if (amp && (amp.line < e.line || (amp.line === e.line && amp.column <= e.column))) {
      throw new UserError(
        `“${name}”不是格式正确的 XML 表格：第 ${amp.line} 行第 ${amp.column} 列有未转义的“&”（应写作 &amp;），多见于由程序直接拼出的导出文件。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
      );
    }
    if (closing) throw new UserError(`“${name}”不完整：XML 在第 ${e.line} 行处中断（${e.message}），可能在下载或复制时被截断。请重新获取文件后再导入`);
    throw new UserError(
      `“${name}”不是格式正确的 XML 表格（第 ${e.line} 行第 ${e.column} 列：${e.message}），可能已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
    );
  }
  return sheets;
}
