// Pages for tables whose header sits mid-sheet (T2's indicator grid, T3's 绩效指标 section), where print titles
// cannot repeat it: the layout predicts where pages end from the row heights and the fit-to-width scale, puts a
// page break before an indicator row that would not fit, and starts the next page with the header again and with
// the 一级/二级 cells restarted, as the published tables do.

import { type GridCell, layoutGrid } from './grid.ts';
import type { ExportFonts, PrintSetup } from './sheet.ts';

const A4 = { width: 595, height: 842 };
/** Leave room for the renderers' own rounding, so our break comes before theirs. */
const SAFETY = 0.92;

/** Height in sheet points (before scaling) that one printed page holds. */
export function pageHeight(columns: readonly number[], print: Pick<PrintSetup, 'orientation' | 'margins'>): number {
  const paper = print.orientation === 'portrait' ? A4 : { width: A4.height, height: A4.width };
  const m = print.margins;
  const printableWidth = paper.width - (m.left + m.right) * 72;
  const printableHeight = paper.height - (m.top + m.bottom) * 72;
  const sheetWidth = columns.reduce((s, w) => s + (w * 7 + 5) * 0.75, 0);
  const scale = Math.min(1, printableWidth / sheetWidth);
  return (printableHeight / scale) * SAFETY;
}

/** Height used on the last page after rows of these heights, starting with `used` on the first. */
export function usedAfter(heights: readonly number[], page: number, used = 0): number {
  let u = used;
  for (const h of heights) u = u + h > page && u > 0 ? h : u + h;
  return u;
}

/** Heights of logical rows 1..rows of a cell list. */
export function logicalHeights(columns: readonly number[], cells: readonly GridCell[], rows: number, fonts: ExportFonts, fixed?: ReadonlyMap<number, number>): number[] {
  const grid = layoutGrid(columns, cells, rows, fonts, fixed);
  const out: number[] = [];
  for (let r = 1; r <= rows; r++) {
    let h = 0;
    for (let p = grid.rowOf(r); p <= grid.lastRowOf(r); p++) h += grid.rowHeights[p - 1] ?? 0;
    out.push(h);
  }
  return out;
}

/**
 * Splits `rowHeights` (the indicator rows) into page chunks, given the height already used on the current page
 * and the header's height. `breakFirst` is true when not even the header and one row fit on the current page.
 */
export function chunkRows(rowHeights: readonly number[], header: number, used: number, page: number): { breakFirst: boolean; chunks: [number, number][] } {
  const chunks: [number, number][] = [];
  const first = rowHeights[0] ?? 0;
  const breakFirst = used > 0 && used + header + first > page;
  let u = (breakFirst ? 0 : used) + header;
  let start = 0;
  rowHeights.forEach((h, i) => {
    if (i > start && u + h > page) {
      chunks.push([start, i]);
      start = i;
      u = header;
    }
    u += h;
  });
  if (rowHeights.length > 0) chunks.push([start, rowHeights.length]);
  return { breakFirst, chunks };
}
