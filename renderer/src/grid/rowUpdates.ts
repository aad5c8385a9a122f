// How a grid takes a new list of rows. A sheet redraws from the whole list after every change, but handing AG Grid
// the whole list makes it compare every row (5,000 projects: tens of milliseconds per edit, twice per edit). When the
// rows are the same ones in the same order — an amount or a text changed — only the rows that differ are handed over,
// as an update transaction; when rows came, went or moved, the grid takes the whole list.

export type RowUpdate<R> = { kind: 'none' } | { kind: 'update'; rows: R[] } | { kind: 'replace' };

/** True when both rows hold the same values, field by field (a subtotal line rebuilt with the same sums). */
export function sameFields(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || (a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

/**
 * What the grid must do to go from `before` to `after`: nothing, update the listed rows (same ids in the same order),
 * or replace the list.
 */
export function rowUpdate<R>(before: readonly R[], after: readonly R[], rowId: (row: R) => string): RowUpdate<R> {
  if (before === after) return { kind: 'none' };
  if (before.length !== after.length) return { kind: 'replace' };
  const changed: R[] = [];
  for (let i = 0; i < after.length; i++) {
    const a = before[i] as R;
    const b = after[i] as R;
    if (a === b) continue;
    if (rowId(a) !== rowId(b)) return { kind: 'replace' };
    if (!sameFields(a, b)) changed.push(b);
  }
  return changed.length === 0 ? { kind: 'none' } : { kind: 'update', rows: changed };
}
