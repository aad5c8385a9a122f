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

/**
 * Places a section (a header row followed by one row per item) from logical row `at`, split into pages: each
 * part after a break starts with the header again. `used` is the height already taken on the current page.
 * Returns the cells, the logical rows after which a page break goes, and the next free row.
 */
export function placeSection<T>(opts: {
  columns: readonly number[];
  fonts: ExportFonts;
  page: number;
  used: number;
  at: number;
  items: readonly T[];
  section: (first: number, items: readonly T[]) => GridCell[];
}): { cells: GridCell[]; breaks: number[]; next: number } {
  const { items, section } = opts;
  const [header = 0, ...rows] = logicalHeights(opts.columns, section(1, items), items.length + 1, opts.fonts);
  const { breakFirst, chunks } = chunkRows(rows, header, opts.used, opts.page);
  const cells: GridCell[] = [];
  const breaks: number[] = breakFirst ? [opts.at - 1] : [];
  let r = opts.at;
  if (chunks.length === 0) chunks.push([0, 0]);
  chunks.forEach(([a, b], i) => {
    if (i > 0) breaks.push(r - 1);
    cells.push(...section(r, items.slice(a, b)));
    r += 1 + (b - a);
  });
  return { cells, breaks, next: r };
}

/** Height used on the current page by the cells on logical rows `from`..`to` (the part above a section). */
export function usedBy(columns: readonly number[], cells: readonly GridCell[], from: number, to: number, fonts: ExportFonts, page: number, fixed?: ReadonlyMap<number, number>): number {
  const shifted = cells.filter((c) => c.row >= from && c.row <= to).map((c) => ({ ...c, row: c.row - from + 1 }));
  const fixedShifted = new Map([...(fixed ?? new Map<number, number>())].map(([r, h]) => [r - from + 1, h] as [number, number]));
  return usedAfter(logicalHeights(columns, shifted, to - from + 1, fonts, fixedShifted), page);
}
