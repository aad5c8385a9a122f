// The summary table keeps each unit's block while that unit's rows are the same objects (shared/summaryTable.ts):
// after any change the lines must be exactly those of a table made from scratch — a stale block would show an old
// amount or sum, or lose a project.
import { describe, expect, it } from 'vitest';
import { type SummaryLine, summaryTable } from '../../shared/summaryTable.ts';
import type { DepartmentRow, ProjectRow, UnitRow } from '../../shared/views.ts';

/** A table made from rows no table has seen: copies of every row, so nothing kept can answer for them. */
function fresh(departments: DepartmentRow[], units: UnitRow[], projects: Map<number, ProjectRow>, departmentId: number | null) {
  return summaryTable(
    departments.map((d) => ({ ...d })),
    units.map((u) => ({ ...u })),
    [...projects.values()].map((p) => ({ ...p })),
    departmentId,
  );
}

/** The lines as plain values (a project line's `project` is its row, compared by value too). */
const plain = (lines: readonly SummaryLine[]) => JSON.parse(JSON.stringify(lines)) as unknown;

// A small deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('summaryTable kept from one call to the next', () => {
  it('gives the same lines as a table made from scratch through 300 random changes, for all and for each department', () => {
    const rnd = random(7);
    const int = (n: number) => Math.floor(rnd() * n);
    let departments: DepartmentRow[] = [1, 2, 3].map((id) => ({ id, position: id, name: `部门${id}`, code: '', hasOverall: false }));
    let units: UnitRow[] = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, departmentId: (i % 3) + 1, position: int(4), name: `单位${i + 1}`, code: '' }));
    const projects = new Map<number, ProjectRow>();
    let nextId = 1;
    const addProject = () => {
      const id = nextId++;
      projects.set(id, {
        id,
        unitId: int(8) + 1,
        position: int(10),
        code: '',
        name: `项目${id}`,
        fiscal: int(100_000),
        fiscalSpecial: int(3) === 0 ? int(5_000) : 0,
        other: int(2) === 0 ? int(7_000) : 0,
        goal: '',
        indicatorText: '',
        indicatorCount: 0,
        hasUnparsed: false,
      });
    };
    for (let i = 0; i < 60; i++) addProject();

    for (let step = 0; step < 300; step++) {
      const ids = [...projects.keys()];
      const pick = () => projects.get(ids[int(ids.length)] as number) as ProjectRow;
      switch (int(7)) {
        case 0: {
          const p = pick();
          projects.set(p.id, { ...p, fiscal: int(100_000) });
          break;
        }
        case 1: {
          const p = pick();
          projects.set(p.id, { ...p, unitId: int(8) + 1, position: int(10) });
          break;
        }
        case 2:
          projects.delete(pick().id);
          break;
        case 3:
          addProject();
          break;
        case 4: {
          const i = int(units.length);
          units = units.map((u, j) => (j === i ? { ...u, name: `${u.name}改`, position: int(4) } : u));
          break;
        }
        case 5: {
          const i = int(units.length);
          units = units.map((u, j) => (j === i ? { ...u, departmentId: int(3) + 1 } : u));
          break;
        }
        default: {
          const i = int(departments.length);
          departments = departments.map((d, j) => (j === i ? { ...d, position: int(5), name: `${d.name}·` } : d));
        }
      }
      for (const dept of [null, 1, 2, 3]) {
        const kept = summaryTable(departments, units, projects.values(), dept);
        const expected = fresh(departments, units, projects, dept);
        expect(plain(kept.lines), `step ${step}, department ${dept}`).toEqual(plain(expected.lines));
        expect(kept.total).toEqual(expected.total);
      }
    }
  });

  it('keeps the lines of units nothing happened to, and makes the changed unit’s again', () => {
    const departments: DepartmentRow[] = [{ id: 1, position: 1, name: '部门', code: '', hasOverall: false }];
    const units: UnitRow[] = [1, 2].map((id) => ({ id, departmentId: 1, position: id, name: `单位${id}`, code: '' }));
    const row = (id: number, unitId: number, fiscal: number): ProjectRow => ({
      id, unitId, position: id, code: '', name: `项目${id}`, fiscal, fiscalSpecial: 0, other: 0, goal: '', indicatorText: '', indicatorCount: 0, hasUnparsed: false,
    });
    const projects = new Map([1, 2, 3, 4].map((id) => [id, row(id, id <= 2 ? 1 : 2, 100)]));
    const a = summaryTable(departments, units, projects.values(), 1);
    projects.set(3, row(3, 2, 500));
    const b = summaryTable(departments, units, projects.values(), 1);
    const line = (t: typeof a, key: string) => t.lines.find((l) => l.key === key);
    expect(line(b, 'u1')).toBe(line(a, 'u1'));
    expect(line(b, 'p1')).toBe(line(a, 'p1'));
    expect(line(b, 'u2')).not.toBe(line(a, 'u2'));
    expect(line(b, 'u2')?.total).toBe(600);
    expect(b.total.total).toBe(800);
  });
});
