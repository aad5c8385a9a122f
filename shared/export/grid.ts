// Row heights computed from the text. Excel and LibreOffice do not grow wrapped or merged rows by themselves, so an
// export that leaves heights to them prints one clipped line per cell. Here every cell's text is measured against
// the width it has (CJK characters are full width), rows grow to fit, merged cells spread what they need over the
// rows they cover, and a row taller than Excel's limit (409 pt) is split into several rows with its cells merged
// over them, so no text is ever cut off on paper.

import type { CellStyle, ExportFonts, FontSpec, Merge, SheetCell } from './sheet.ts';

/** Excel refuses taller rows. */
export const MAX_ROW_HEIGHT = 409;
/** Height of the rows a too-tall row is split into. */
const SPLIT_ROW_HEIGHT = 120;
/** Pixels per Excel column-width unit (the default font's digit width) and the cell's inner padding. */
const PX_PER_UNIT = 7;
const PADDING_PX = 6;
/** Line height as a multiple of the font size; LibreOffice's CJK faces need more than Excel's 宋体 (1.3). */
const LINE_FACTOR = 1.45;
const ROW_PADDING_PT = 4;
/** Keep a margin: renderers break lines at slightly different places. */
const FILL = 0.9;

/** Width of a character in em: full width for CJK and full-width forms, about half for ASCII. */
function charEm(code: number): number {
  if (code < 0x80) return code === 0x20 ? 0.35 : 0.58;
  if (code >= 0xff61 && code <= 0xff9f) return 0.58; // half-width katakana
  return 1;
}

export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0) ?? 0);
  return em;
}

/** Lines a text needs in a cell `widthUnits` wide (Excel units) with the given font, wrapping on. */
export function linesNeeded(text: string, widthUnits: number, font: FontSpec): number {
  const px = font.size * (96 / 72) * (font.bold ? 1.05 : 1);
  const usable = Math.max(1, (widthUnits * PX_PER_UNIT - PADDING_PX) * FILL);
  let lines = 0;
  for (const para of text.split(/\r?\n/)) {
    lines += Math.max(1, Math.ceil((textEm(para) * px) / usable));
  }
  return lines;
}

export function heightForLines(lines: number, font: FontSpec): number {
  return Math.ceil(lines * font.size * LINE_FACTOR + ROW_PADDING_PT);
}

/** A cell placed on logical rows; it may span columns and rows (a merge). */
export interface GridCell {
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  value: string | number | null;
  style: CellStyle;
}

export interface GridLayout {
  cells: SheetCell[];
  merges: Merge[];
  rowHeights: number[];
  /** First physical row of a logical row. */
  rowOf: (logicalRow: number) => number;
  /** Last physical row of a logical row. */
  lastRowOf: (logicalRow: number) => number;
}

/**
 * Lays cells out on logical rows 1..rowCount and computes physical rows and heights. `fixed` gives heights for
 * rows that hold no text (spacers).
 */
export function layoutGrid(
  columns: readonly number[],
  cells: readonly GridCell[],
  rowCount: number,
  fonts: ExportFonts,
  fixed: ReadonlyMap<number, number> = new Map(),
): GridLayout {
  const need = (c: GridCell): number => {
    if (c.value === null || c.value === '') return 0;
    let width = 0;
    for (let i = 0; i < (c.colSpan ?? 1); i++) width += columns[c.col - 1 + i] ?? 10;
    const font = fonts[c.style.font];
    const f = c.style.bold ? { ...font, bold: true } : font;
    return heightForLines(linesNeeded(String(c.value), width, f), f);
  };

  // Logical heights: single-row cells first, then merged cells top up the last row they cover.
  const heights: number[] = [];
  for (let r = 1; r <= rowCount; r++) heights[r] = fixed.get(r) ?? heightForLines(1, fonts.body);
  for (const c of cells) {
    if ((c.rowSpan ?? 1) === 1 && !fixed.has(c.row)) heights[c.row] = Math.max(heights[c.row] ?? 0, need(c));
  }
  for (const c of cells) {
    const span = c.rowSpan ?? 1;
    if (span === 1) continue;
    let have = 0;
    for (let r = c.row; r < c.row + span; r++) have += heights[r] ?? 0;
    const deficit = need(c) - have;
    if (deficit > 0) {
      // Spread the extra over the covered rows, so a tall 一级 label does not make one indicator row huge.
      for (let r = c.row; r < c.row + span; r++) heights[r] = (heights[r] ?? 0) + Math.ceil(deficit / span);
    }
  }

  // Physical rows: a logical row taller than Excel allows becomes k equal rows.
  const first: number[] = [];
  const count: number[] = [];
  const rowHeights: number[] = [];
  let next = 1;
  for (let r = 1; r <= rowCount; r++) {
    const h = heights[r] ?? 0;
    // Split into short rows, not rows just under the limit: a page break can then fall between any of them and
    // pages fill up instead of carrying one 400 pt slice each.
    const k = h > MAX_ROW_HEIGHT ? Math.ceil(h / SPLIT_ROW_HEIGHT) : 1;
    first[r] = next;
    count[r] = k;
    for (let i = 0; i < k; i++) rowHeights.push(Math.ceil(h / k));
    next += k;
  }
  const rowOf = (r: number) => first[r] ?? next;
  const lastRowOf = (r: number) => (first[r] ?? next) + (count[r] ?? 1) - 1;

  const out: SheetCell[] = [];
  const merges: Merge[] = [];
  for (const c of cells) {
    const top = rowOf(c.row);
    const bottom = lastRowOf(c.row + (c.rowSpan ?? 1) - 1);
    const right = c.col + (c.colSpan ?? 1) - 1;
    // Text in a row split over several physical rows starts at the top, so it flows from the first page on instead
    // of being centred somewhere in the middle of a multi-page block.
    const style = (count[c.row] ?? 1) > 1 ? { ...c.style, v: 'top' as const } : c.style;
    out.push({ row: top, col: c.col, value: c.value, style });
    if (bottom > top || right > c.col) merges.push({ top, left: c.col, bottom, right });
  }
  return { cells: out, merges, rowHeights, rowOf, lastRowOf };
}
