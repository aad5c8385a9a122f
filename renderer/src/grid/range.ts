// A rectangle of selected cells, by displayed row index and displayed column index: what Ctrl+C copies, Delete
// clears and a pasted value fills. AG Grid Community has no range selection; this is the small part we need.

export interface CellPos {
  row: number;
  col: number;
}

export interface CellRange {
  anchor: CellPos;
  focus: CellPos;
}

export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rectOf(r: CellRange): Rect {
  return {
    top: Math.min(r.anchor.row, r.focus.row),
    bottom: Math.max(r.anchor.row, r.focus.row),
    left: Math.min(r.anchor.col, r.focus.col),
    right: Math.max(r.anchor.col, r.focus.col),
  };
}

export function contains(r: Rect | null, row: number, col: number): boolean {
  return r !== null && row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function isSingleCell(r: Rect): boolean {
  return r.top === r.bottom && r.left === r.right;
}
