// The summary table (T1) as the official template lays it out: 合计 first, then each unit's subtotal row with its
// projects under it — and, when a year holds several departments and all are shown, a row per department above its
// units. Pure: the screen hands over the rows it holds and gets back the lines to show, sums included.

import type { DepartmentRow, MoneySums, ProjectRow, UnitRow } from './views.ts';
import { byPosition, rowTotal, sumRows } from './views.ts';

interface LineBase {
  /** Stable row id for the grid: `d12`, `u34`, `p56`, `total`. */
  key: string;
  id: number;
  name: string;
  total: number;
  fiscal: number;
  fiscalSpecial: number;
  other: number;
}

export interface DepartmentLine extends LineBase {
  kind: 'department';
}

export interface UnitLine extends LineBase {
  kind: 'unit';
  departmentId: number;
}

export interface ProjectLine extends LineBase {
  kind: 'project';
  departmentId: number;
  unitId: number;
  project: ProjectRow;
  goal: string;
  indicatorText: string;
}

export interface TotalLine extends LineBase {
  kind: 'total';
}

export type SummaryLine = DepartmentLine | UnitLine | ProjectLine | TotalLine;

function sumsOf(s: MoneySums): Pick<LineBase, 'total' | 'fiscal' | 'fiscalSpecial' | 'other'> {
  return { total: s.total, fiscal: s.fiscal, fiscalSpecial: s.fiscalSpecial, other: s.other };
}

/** Project lines are cached by row object, so an unchanged project keeps its line (and the grid its DOM). */
const projectLines = new WeakMap<ProjectRow, ProjectLine>();

function projectLine(p: ProjectRow, departmentId: number): ProjectLine {
  const cached = projectLines.get(p);
  if (cached && cached.departmentId === departmentId) return cached;
  const line: ProjectLine = {
    kind: 'project',
    key: `p${p.id}`,
    id: p.id,
    name: p.name,
    total: rowTotal(p),
    fiscal: p.fiscal,
    fiscalSpecial: p.fiscalSpecial,
    other: p.other,
    goal: p.goal,
    indicatorText: p.indicatorText,
    departmentId,
    unitId: p.unitId,
    project: p,
  };
  projectLines.set(p, line);
  return line;
}

export interface SummaryTable {
  lines: SummaryLine[];
  /** The 合计 line. */
  total: TotalLine;
}

/**
 * The lines of the summary table for one department (its units and projects), or for every department when
 * `departmentId` is null.
 */
export function summaryTable(
  departments: readonly DepartmentRow[],
  units: readonly UnitRow[],
  projects: Iterable<ProjectRow>,
  departmentId: number | null,
): SummaryTable {
  const byUnit = new Map<number, ProjectRow[]>();
  for (const p of projects) {
    let list = byUnit.get(p.unitId);
    if (!list) byUnit.set(p.unitId, (list = []));
    list.push(p);
  }
  const unitsOf = new Map<number, UnitRow[]>();
  for (const u of units) {
    let list = unitsOf.get(u.departmentId);
    if (!list) unitsOf.set(u.departmentId, (list = []));
    list.push(u);
  }
  const lines: SummaryLine[] = [];
  const all: ProjectRow[] = [];
  const shown = [...departments].sort(byPosition).filter((d) => departmentId === null || d.id === departmentId);
  for (const d of shown) {
    const deptUnits = (unitsOf.get(d.id) ?? []).sort(byPosition);
    const deptProjects = deptUnits.flatMap((u) => byUnit.get(u.id) ?? []);
    if (departmentId === null) lines.push({ kind: 'department', key: `d${d.id}`, id: d.id, name: d.name, ...sumsOf(sumRows(deptProjects)) });
    for (const u of deptUnits) {
      const list = (byUnit.get(u.id) ?? []).sort(byPosition);
      lines.push({ kind: 'unit', key: `u${u.id}`, id: u.id, name: u.name, departmentId: d.id, ...sumsOf(sumRows(list)) });
      for (const p of list) lines.push(projectLine(p, d.id));
      all.push(...list);
    }
  }
  return { lines, total: { kind: 'total', key: 'total', id: 0, name: '合计', ...sumsOf(sumRows(all)) } };
}
