// How a sheet's grid takes a new list of rows (renderer/src/grid/rowUpdates.ts): only the rows that changed when the
// list kept its rows and order, the whole list otherwise — a wrong answer here shows stale sums or loses a row.
import { describe, expect, it } from 'vitest';
import { rowUpdate, sameFields } from '../../renderer/src/grid/rowUpdates.ts';
import { summaryTable } from '../../shared/summaryTable.ts';
import type { DepartmentRow, ProjectRow, UnitRow } from '../../shared/views.ts';

interface Row {
  key: string;
  amount: number;
}
const id = (r: Row) => r.key;

describe('rowUpdate', () => {
  it('does nothing for the same list, or for rows rebuilt with the same values', () => {
    const a = [{ key: 'a', amount: 1 }, { key: 'b', amount: 2 }];
    expect(rowUpdate(a, a, id)).toEqual({ kind: 'none' });
    expect(rowUpdate(a, a.map((r) => ({ ...r })), id)).toEqual({ kind: 'none' });
  });

  it('hands over exactly the rows whose values changed when the ids stay in the same order', () => {
    const a = [{ key: 'a', amount: 1 }, { key: 'b', amount: 2 }, { key: 'c', amount: 3 }];
    const b = [a[0] as Row, { key: 'b', amount: 5 }, { key: 'c', amount: 3 }];
    const u = rowUpdate(a, b, id);
    expect(u.kind).toBe('update');
    expect(u.kind === 'update' && u.rows).toEqual([{ key: 'b', amount: 5 }]);
    expect(u.kind === 'update' && u.rows[0]).toBe(b[1]);
  });

  it('replaces the list when a row came, went or moved', () => {
    const a = [{ key: 'a', amount: 1 }, { key: 'b', amount: 2 }];
    expect(rowUpdate(a, [...a, { key: 'c', amount: 3 }], id)).toEqual({ kind: 'replace' });
    expect(rowUpdate(a, [a[0] as Row], id)).toEqual({ kind: 'replace' });
    expect(rowUpdate(a, [a[1] as Row, a[0] as Row], id)).toEqual({ kind: 'replace' });
    // Same length, another row in place of one that went.
    expect(rowUpdate(a, [a[0] as Row, { key: 'c', amount: 2 }], id)).toEqual({ kind: 'replace' });
  });

  it('compares fields by value one level deep: a nested object that is another object is a change', () => {
    const p = { id: 1 };
    expect(sameFields({ a: 1, p }, { a: 1, p })).toBe(true);
    expect(sameFields({ a: 1, p }, { a: 1, p: { id: 1 } })).toBe(false);
    expect(sameFields({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameFields({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameFields(null, {})).toBe(false);
  });

  it('after an amount changes in the summary table: that project, its unit, its department and nothing else', () => {
    const departments: DepartmentRow[] = [1, 2].map((d) => ({ id: d, position: d, name: `部门${d}`, code: '', hasOverall: false }));
    const units: UnitRow[] = [1, 2, 3, 4].map((u) => ({ id: u, departmentId: u <= 2 ? 1 : 2, position: u, name: `单位${u}`, code: '' }));
    const project = (id: number, fiscal: number): ProjectRow => ({
      id,
      unitId: ((id - 1) % 4) + 1,
      position: id,
      code: '',
      name: `项目${id}`,
      fiscal,
      fiscalSpecial: 0,
      other: 0,
      goal: '',
      indicatorText: '',
      indicatorCount: 0,
      hasUnparsed: false,
    });
    const projects = new Map(Array.from({ length: 12 }, (_, i) => [i + 1, project(i + 1, 100)]));
    const before = summaryTable(departments, units, projects.values(), null).lines;
    projects.set(6, project(6, 250));
    const after = summaryTable(departments, units, projects.values(), null).lines;
    const u = rowUpdate(before, after, (l) => l.key);
    expect(u.kind === 'update' && u.rows.map((l) => l.key).sort()).toEqual(['d1', 'p6', 'u2']);
    expect(u.kind === 'update' && u.rows.find((l) => l.key === 'u2')?.total).toBe(100 * 2 + 250);
  });
});
