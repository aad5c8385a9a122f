// A worksheet as the importers see it, independent of any xlsx library: sparse cell values, merged ranges and
// indents. The core's exceljs adapter fills it; the template readers in this folder only read it.

import { withoutHtml } from './html.ts';

export type CellValue = string | number;

export interface SheetData {
  name: string;
  /** Non-empty cells; a merged range's value sits on its top-left cell only. */
  cells: { r: number; c: number; v: CellValue; indent?: number }[];
  merges: { top: number; left: number; bottom: number; right: number }[];
  /**
   * Formula cells saved without their computed value (files written by a program and never opened in Excel/WPS):
   * their value is unknown, so they are not in `cells` and must be reported, never read as empty or 0.
   */
  uncachedFormulas?: { r: number; c: number; formula: string }[];
}

export interface ImportWarning {
  /** `Sheet1!G12`, or the sheet or file name when no cell is meant. */
  where: string;
  message: string;
}

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Label text for matching: no spaces of any width, half-width brackets and colons. */
export function labelKey(text: string): string {
  return text
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':');
}

/**
 * A header cell's label: its label key without a leading `其中:` and trailing qualifiers in brackets, so that
 * `总计\n（万元）`, `其中：财政拨款` and `绩效指标（年度）` are 总计, 财政拨款 and 绩效指标.
 */
export function headerKey(text: string): string {
  return labelKey(text)
    .replace(/^其中[:,，]?/, '')
    .replace(/(?:\([^()]*\))+$/, '');
}

export class SheetGrid {
  readonly name: string;
  readonly maxRow: number;
  readonly maxCol: number;
  private readonly values = new Map<number, CellValue>();
  private readonly indents = new Map<number, number>();
  /** Cell key → key of its merge master, for every cell of a merged range except the master. */
  private readonly masterOf = new Map<number, number>();
  private readonly mergeAt = new Map<number, { top: number; left: number; bottom: number; right: number }>();
  private readonly uncached = new Set<number>();
  /** Text cells whose HTML was taken out, with their text as the file had it. */
  readonly htmlRemoved: { r: number; c: number; before: string }[] = [];

  constructor(data: SheetData) {
    this.name = data.name;
    let maxRow = 0;
    let maxCol = 0;
    for (const cell of data.cells) {
      const clean = typeof cell.v === 'string' ? withoutHtml(cell.v) : null;
      if (clean !== null) this.htmlRemoved.push({ r: cell.r, c: cell.c, before: cell.v as string });
      this.values.set(this.key(cell.r, cell.c), clean ?? cell.v);
      if (cell.indent) this.indents.set(this.key(cell.r, cell.c), cell.indent);
      maxRow = Math.max(maxRow, cell.r);
      maxCol = Math.max(maxCol, cell.c);
    }
    for (const m of data.merges) {
      const master = this.key(m.top, m.left);
      this.mergeAt.set(master, m);
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          if (r !== m.top || c !== m.left) this.masterOf.set(this.key(r, c), master);
        }
      }
      maxRow = Math.max(maxRow, m.bottom);
      maxCol = Math.max(maxCol, m.right);
    }
    for (const f of data.uncachedFormulas ?? []) this.uncached.add(this.key(f.r, f.c));
    this.maxRow = maxRow;
    this.maxCol = maxCol;
  }

  /** A formula cell saved without its computed value: its value is unknown (not empty, not 0). */
  valueUnknown(r: number, c: number): boolean {
    return this.uncached.has(this.key(r, c));
  }

  private key(r: number, c: number): number {
    return r * 16384 + c;
  }

  ref(r: number, c: number): string {
    return `${this.name}!${columnLetters(c)}${r}`;
  }

  /** The cell's own value (a merge's other cells have none). */
  raw(r: number, c: number): CellValue | null {
    return this.values.get(this.key(r, c)) ?? null;
  }

  /** What the cell shows: inside a merged range, the master's value. */
  shown(r: number, c: number): CellValue | null {
    const m = this.masterOf.get(this.key(r, c));
    return m === undefined ? this.raw(r, c) : (this.values.get(m) ?? null);
  }

  /** Shown value as text ("" when empty); numbers in their shortest form. */
  text(r: number, c: number): string {
    const v = this.shown(r, c);
    return v === null ? '' : String(v);
  }

  isCovered(r: number, c: number): boolean {
    return this.masterOf.has(this.key(r, c));
  }

  /** The merged range a master cell starts, if any. */
  mergeFrom(r: number, c: number) {
    return this.mergeAt.get(this.key(r, c));
  }

  /** Last column of the merged range starting at (r, c), or c itself. */
  rightOf(r: number, c: number): number {
    return this.mergeAt.get(this.key(r, c))?.right ?? c;
  }

  indent(r: number, c: number): number {
    return this.indents.get(this.key(r, c)) ?? 0;
  }

  rowIsEmpty(r: number): boolean {
    for (let c = 1; c <= this.maxCol; c++) if (this.raw(r, c) !== null && String(this.raw(r, c)).trim() !== '') return false;
    return true;
  }

  /** First cell (row-major) whose label key matches, from row `from` on. */
  find(test: (key: string) => boolean, from = 1, to = this.maxRow): { r: number; c: number } | null {
    for (let r = from; r <= to; r++) {
      for (let c = 1; c <= this.maxCol; c++) {
        const v = this.raw(r, c);
        if (v !== null && test(labelKey(String(v)))) return { r, c };
      }
    }
    return null;
  }

  findAll(test: (key: string) => boolean): { r: number; c: number }[] {
    const out: { r: number; c: number }[] = [];
    for (let r = 1; r <= this.maxRow; r++) {
      for (let c = 1; c <= this.maxCol; c++) {
        const v = this.raw(r, c);
        if (v !== null && test(labelKey(String(v)))) out.push({ r, c });
      }
    }
    return out;
  }

  /** The first non-empty cell to the right of (r, c), skipping the rest of c's own merged range. */
  nextRight(r: number, c: number, limit = this.maxCol): { c: number; v: CellValue } | null {
    for (let col = this.rightOf(r, c) + 1; col <= limit; col++) {
      const v = this.raw(r, col);
      if (v !== null && String(v).trim() !== '') return { c: col, v };
    }
    return null;
  }

  /** The cell right after (r, c)'s merged range, empty or not: a value cell that may be blank. */
  cellRight(r: number, c: number): { c: number; v: CellValue | null } {
    const col = this.rightOf(r, c) + 1;
    return { c: col, v: this.raw(r, col) };
  }
}

/**
 * How the lines printed under or around a table start (label keys, see labelKey): signatures (`填表人：`, `审核人：`),
 * dates (`填报日期：`), phone numbers, notes (`注：`, `注1：`, `备注：`, `说明：`), and a PDF's page footer
 * (`第 1 页，共 3 页`).
 */
const NOTE_LINE =
  /^(?:(?:填表|填报|制表|审核|审批|复核|核对|经办|联系|(?:单位|部门|财务|主要|项目)?负责)人(?:\(?(?:签字|签名|签章|盖章)\)?)?:|(?:填表|填报|制表|报送|编制|审核)?日期:|(?:联系)?电话:|(?:注|附注|备注)\d*[:.、]|(?:填表|填报)?说明:|第\d+页(?:[,，]?共\d+页)?$)/;

/**
 * A row with text that is not a row of the table spanning columns `first`..`last`: a signature, date or note line
 * (by how its first text starts), one text merged across three or more columns, or text only outside the table's
 * columns. Gives where it starts and all its text, for the warning that says it was skipped.
 */
export function nonTableRow(grid: SheetGrid, r: number, first: number, last: number): { c: number; text: string } | null {
  const filled: number[] = [];
  for (let c = 1; c <= grid.maxCol; c++) {
    const v = grid.raw(r, c);
    if (v !== null && String(v).trim() !== '') filled.push(c);
  }
  const c0 = filled[0];
  if (c0 === undefined) return null;
  const texts = filled.map((c) => String(grid.raw(r, c)).trim());
  const merged = filled.length === 1 && grid.rightOf(r, c0) - c0 >= 2;
  const outside = filled.every((c) => c < first || c > last);
  const note = NOTE_LINE.test(labelKey(texts[0] ?? ''));
  return note || merged || outside ? { c: c0, text: texts.join(' ') } : null;
}

/** The warning for a row nonTableRow found. */
export function skippedRowWarning(grid: SheetGrid, r: number, row: { c: number; text: string }): ImportWarning {
  const shown = row.text.length > 40 ? `${row.text.slice(0, 40)}…` : row.text;
  return { where: grid.ref(r, row.c), message: `“${shown}”不是表格中的一行（签名、日期、注释或表外文字），已跳过` };
}
