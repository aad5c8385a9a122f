// What every reader's grid must be before template recognition walks it: inside Excel's own sheet size, with a cap
// on the cells merged ranges cover (recognition visits each covered cell, so one hostile `MergeDown="1048575"` across
// the whole width would stall the app; real tables merge a few thousand cells at most), and with a merged range's
// value on its first cell only, as Excel shows it (a file may still hold values in covered cells).

import { UserError } from '../../../shared/errors.ts';
import { columnLetters, type SheetData } from '../../../shared/import/sheetGrid.ts';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Cells covered by merged ranges in one file (a 5,000-project T2 merges about 150,000). */
export const MAX_MERGED_CELLS = 5_000_000;

function outside(file: string, sheet: string, r: number, c: number): UserError {
  return new UserError(
    `“${file}”的工作表“${sheet}”在第 ${r} 行第 ${c} 列有内容或合并单元格，超出了 Excel 表格的范围（${MAX_ROWS} 行 × ${MAX_COLS} 列），文件可能已损坏，未导入`,
  );
}

const inside = (r: number, c: number) => r >= 1 && c >= 1 && r <= MAX_ROWS && c <= MAX_COLS;

/** Refuses merged ranges outside the sheet or covering too many cells, before anything expands them. */
function checkMerges(file: string, sheet: string, merges: SheetData['merges'], coveredSoFar = 0): number {
  let covered = coveredSoFar;
  for (const m of merges) {
    if (!inside(m.top, m.left) || !inside(m.bottom, m.right) || m.bottom < m.top || m.right < m.left) throw outside(file, sheet, m.bottom, m.right);
    covered += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (covered > MAX_MERGED_CELLS) {
      throw new UserError(`“${file}”的合并单元格共覆盖超过 ${MAX_MERGED_CELLS} 个单元格，不像是正常的绩效目标表，可能已损坏或是恶意文件，未导入`);
    }
  }
  return covered;
}

/**
 * Cells of a sheet's used range (rows × columns, from A1 to its farthest content). Recognition walks that range, so
 * one stray cell at XFD1048576 would have it visit 17 billion cells; a real 20,000-project stacked T2 spans about
 * 6 million.
 */
export const MAX_USED_RANGE = 20_000_000;

function checkUsedRange(file: string, s: SheetData): void {
  let maxRow = 0;
  let maxCol = 0;
  for (const cell of s.cells) {
    if (cell.r > maxRow) maxRow = cell.r;
    if (cell.c > maxCol) maxCol = cell.c;
  }
  for (const m of s.merges) {
    if (m.bottom > maxRow) maxRow = m.bottom;
    if (m.right > maxCol) maxCol = m.right;
  }
  if (maxRow * maxCol <= MAX_USED_RANGE) return;
  const far = [...s.cells].sort((a, b) => b.r * b.c - a.r * a.c)[0];
  const where = far ? `${columnLetters(far.c)}${far.r}` : `${columnLetters(maxCol)}${maxRow}`;
  throw new UserError(
    `“${file}”的工作表“${s.name}”的内容一直延伸到第 ${maxRow} 行、第 ${maxCol} 列（例如 ${where}），远远超出一张绩效目标表的范围，` +
      `可能在远处误输入了内容或文件已损坏。请删除 ${where} 等远离表格的单元格后再导入；未导入`,
  );
}

/** Holds the sheets to the rules above; drops values in covered cells. */
export function settleGrid(file: string, sheets: SheetData[]): void {
  let coveredSoFar = 0;
  for (const s of sheets) {
    for (const cell of s.cells) if (!inside(cell.r, cell.c)) throw outside(file, s.name, cell.r, cell.c);
    coveredSoFar = checkMerges(file, s.name, s.merges, coveredSoFar);
    checkUsedRange(file, s);
    if (s.merges.length === 0) continue;
    // Per row, the merged ranges crossing it: one entry per merged row, not per covered cell.
    const byRow = new Map<number, SheetData['merges']>();
    for (const m of s.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const list = byRow.get(r);
        if (list) list.push(m);
        else byRow.set(r, [m]);
      }
    }
    const isCovered = (r: number, c: number) =>
      byRow.get(r)?.some((m) => c >= m.left && c <= m.right && (r !== m.top || c !== m.left)) ?? false;
    s.cells = s.cells.filter((cell) => !isCovered(cell.r, cell.c));
  }
}
