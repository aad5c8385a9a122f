// A worksheet as the importers see it, independent of any xlsx library: sparse cell values, merged ranges and
// indents. The core's exceljs adapter fills it; the template readers in this folder only read it.

import { withoutHtml } from './html.ts';

export type CellValue = string | number;

type Merge = SheetData['merges'][number];

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
  // Most cells need no change; one scan tells, before four replacing passes.
  if (!NOT_IN_LABEL_KEY.test(text)) return text;
  return text
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':');
}

const NOT_IN_LABEL_KEY = /[\s\u00a0\u3000（）：]/;

/**
 * A header cell's label, from its label key: without a leading `其中:` and trailing qualifiers in brackets, so that
 * `总计\n（万元）`, `其中：财政拨款` and `绩效指标（年度）` are 总计, 财政拨款 and 绩效指标.
 */
function headerKey(label: string): string {
  return label.replace(/^其中[:,，]?/, '').replace(/(?:\([^()]*\))+$/, '');
}

/**
 * A cell that holds a value, with the keys recognition matches it by. Templates are recognised by looking for
 * labels all over the sheet, many times over: each key is worked out once, on first use.
 */
export class GridCell {
  private labelText: string | undefined;
  private headerText: string | undefined;
  private blankText: boolean | undefined;

  readonly r: number;
  readonly c: number;
  readonly v: CellValue;

  constructor(r: number, c: number, v: CellValue) {
    this.r = r;
    this.c = c;
    this.v = v;
  }

  /** labelKey of the value's text. */
  get label(): string {
    this.labelText ??= labelKey(String(this.v));
    return this.labelText;
  }

  /** The value's header key (see headerKey). */
  get header(): string {
    this.headerText ??= headerKey(this.label);
    return this.headerText;
  }

  /** Only spaces (or nothing): a cell that reads as empty. */
  get blank(): boolean {
    this.blankText ??= String(this.v).trim() === '';
    return this.blankText;
  }
}

const NO_CELLS: readonly GridCell[] = [];

/** The index of the first item whose number is at least `n`, in items sorted by that number (bisection). */
function firstAtLeast<T>(items: readonly T[], n: number, numberOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (numberOf(items[mid] as T) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SheetGrid {
  readonly name: string;
  readonly maxRow: number;
  readonly maxCol: number;
  /**
   * The cells of each row that has any, left to right: a cell is looked up by bisection in its row, so the grid
   * keeps no second map of all its cells (the grids of a big T2's sheets add up to hundreds of MB of garbage).
   */
  private readonly rows = new Map<number, GridCell[]>();
  /** Those rows' numbers, ascending: a search walks the rows that have cells, never the empty ones between. */
  private readonly rowNumbers: number[];
  private readonly indents = new Map<number, number>();
  /**
   * The merged ranges crossing each row, in the file's order: one entry per merged row rather than per covered cell
   * (a 5,000-project T2 covers hundreds of thousands of cells).
   */
  private readonly mergesIn = new Map<number, Merge[]>();
  private readonly mergeAt = new Map<number, Merge>();
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
      if (cell.indent) this.indents.set(this.key(cell.r, cell.c), cell.indent);
      maxRow = Math.max(maxRow, cell.r);
      maxCol = Math.max(maxCol, cell.c);
      // Columns before the first (which every reader refuses) and cells without a value are not cells.
      if (cell.c < 1 || (cell.v as CellValue | null | undefined) == null) continue;
      const grid = new GridCell(cell.r, cell.c, clean ?? cell.v);
      const row = this.rows.get(cell.r);
      if (row) row.push(grid);
      else this.rows.set(cell.r, [grid]);
    }
    for (const [r, row] of this.rows) {
      // In column order; a cell given twice keeps its last value (the sort is stable), as the grid always has.
      row.sort((a, b) => a.c - b.c);
      const once = row.filter((cell, i) => row[i + 1]?.c !== cell.c);
      if (once.length < row.length) this.rows.set(r, once);
    }
    this.rowNumbers = [...this.rows.keys()].sort((a, b) => a - b);
    for (const m of data.merges) {
      const master = this.key(m.top, m.left);
      this.mergeAt.set(master, m);
      for (let r = m.top; r <= m.bottom; r++) {
        const crossing = this.mergesIn.get(r);
        if (crossing) crossing.push(m);
        else this.mergesIn.set(r, [m]);
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

  private cellAt(r: number, c: number): GridCell | undefined {
    const row = this.rows.get(r);
    const cell = row?.[firstAtLeast(row, c, (x) => x.c)];
    return cell?.c === c ? cell : undefined;
  }

  /** The cell's own value (a merge's other cells have none). */
  raw(r: number, c: number): CellValue | null {
    return this.cellAt(r, c)?.v ?? null;
  }

  /** The cells of row r that hold a value (blank text included), left to right. */
  cellsIn(r: number): readonly GridCell[] {
    return this.rows.get(r) ?? NO_CELLS;
  }

  /** The label key of the cell's own value ("" when it has none). */
  label(r: number, c: number): string {
    return this.cellAt(r, c)?.label ?? '';
  }

  /** What the cell shows: inside a merged range, the master's value. */
  shown(r: number, c: number): CellValue | null {
    const m = this.coveredBy(r, c);
    return m === undefined ? this.raw(r, c) : this.raw(m.top, m.left);
  }

  /** Shown value as text ("" when empty); numbers in their shortest form. */
  text(r: number, c: number): string {
    const v = this.shown(r, c);
    return v === null ? '' : String(v);
  }

  isCovered(r: number, c: number): boolean {
    return this.coveredBy(r, c) !== undefined;
  }

  /** The merged range covering (r, c) other than at its first cell; the last such range when ranges overlap. */
  private coveredBy(r: number, c: number): Merge | undefined {
    const crossing = this.mergesIn.get(r);
    if (!crossing) return undefined;
    for (let i = crossing.length - 1; i >= 0; i--) {
      const m = crossing[i] as Merge;
      if (c >= m.left && c <= m.right && (r !== m.top || c !== m.left)) return m;
    }
    return undefined;
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
    return this.cellsIn(r).every((cell) => cell.blank);
  }

  /** First cell (row-major) whose label key matches, from row `from` on. */
  find(test: (key: string) => boolean, from = 1, to = this.maxRow): { r: number; c: number } | null {
    const rows = this.rowNumbers;
    for (let i = firstAtLeast(rows, from, (r) => r); i < rows.length && (rows[i] as number) <= to; i++) {
      for (const cell of this.rows.get(rows[i] as number) as GridCell[]) if (test(cell.label)) return { r: cell.r, c: cell.c };
    }
    return null;
  }

  findAll(test: (key: string) => boolean): { r: number; c: number }[] {
    const out: { r: number; c: number }[] = [];
    for (const r of this.rowNumbers) {
      if (r < 1 || r > this.maxRow) continue;
      for (const cell of this.rows.get(r) as GridCell[]) if (test(cell.label)) out.push({ r, c: cell.c });
    }
    return out;
  }

  /** The first non-empty cell to the right of (r, c), skipping the rest of c's own merged range. */
  nextRight(r: number, c: number, limit = this.maxCol): { c: number; v: CellValue } | null {
    const after = this.rightOf(r, c);
    for (const cell of this.cellsIn(r)) {
      if (cell.c > limit) break;
      if (cell.c > after && !cell.blank) return { c: cell.c, v: cell.v };
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
  const filled = grid.cellsIn(r).filter((cell) => !cell.blank);
  const c0 = filled[0]?.c;
  if (c0 === undefined) return null;
  const merged = filled.length === 1 && grid.rightOf(r, c0) - c0 >= 2;
  const outside = filled.every((cell) => cell.c < first || cell.c > last);
  // The label key of the trimmed text is the cell's own: labelKey drops every space trim would.
  const note = NOTE_LINE.test(filled[0]?.label ?? '');
  return note || merged || outside ? { c: c0, text: filled.map((cell) => String(cell.v).trim()).join(' ') } : null;
}

/** The warning for a row nonTableRow found. */
export function skippedRowWarning(grid: SheetGrid, r: number, row: { c: number; text: string }): ImportWarning {
  const shown = row.text.length > 40 ? `${row.text.slice(0, 40)}…` : row.text;
  return { where: grid.ref(r, row.c), message: `“${shown}”不是表格中的一行（签名、日期、注释或表外文字），已跳过` };
}
