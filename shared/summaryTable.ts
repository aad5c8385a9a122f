// The summary table (T1) as the official template lays it out: 合计 first, then each unit's subtotal row with its
// projects under it — and, when a year holds several departments and all are shown, a row per department above its
// units. Pure: the screen hands over the rows it holds and gets back the lines to show, sums included.
//
// The screen asks again after every answer from the core, with 5,000 projects, for one changed amount: each unit's
// block (its projects in order, its line, its sums) is kept for the unit's row and its projects' rows as they were,
// and made again only when one of them is another object — the rows are never changed in place, an answer from the
// core replaces them.

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

/** One unit's part of the table, kept while its unit row and its projects' rows are the same objects. */
interface UnitBlock {
  /** The unit's project rows as they were handed over (in the order given, not sorted). */
  given: readonly ProjectRow[];
  departmentId: number;
  line: UnitLine;
  projects: ProjectLine[];
  sums: MoneySums;
}

const unitBlocks = new WeakMap<UnitRow, UnitBlock>();

function sameRows(a: readonly ProjectRow[], b: readonly ProjectRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function unitBlock(u: UnitRow, departmentId: number, given: ProjectRow[]): UnitBlock {
  const cached = unitBlocks.get(u);
  if (cached && cached.departmentId === departmentId && sameRows(cached.given, given)) return cached;
  const list = [...given].sort(byPosition);
  const sums = sumRows(list);
  const block: UnitBlock = {
    given,
    departmentId,
    line: { kind: 'unit', key: `u${u.id}`, id: u.id, name: u.name, departmentId, ...sumsOf(sums) },
    projects: list.map((p) => projectLine(p, departmentId)),
    sums,
  };
  unitBlocks.set(u, block);
  return block;
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
  const deptSums: MoneySums[] = [];
  const shown = [...departments].sort(byPosition).filter((d) => departmentId === null || d.id === departmentId);
  for (const d of shown) {
    const blocks = (unitsOf.get(d.id) ?? []).sort(byPosition).map((u) => unitBlock(u, d.id, byUnit.get(u.id) ?? []));
    // Sums of the units' sums: the amounts are integer hundredths, so this is exactly the sum over the projects.
    const sums = sumRows(blocks.map((b) => b.sums));
    deptSums.push(sums);
    if (departmentId === null) lines.push({ kind: 'department', key: `d${d.id}`, id: d.id, name: d.name, ...sumsOf(sums) });
    for (const b of blocks) {
      lines.push(b.line);
      for (const l of b.projects) lines.push(l);
    }
  }
  return { lines, total: { kind: 'total', key: 'total', id: 0, name: '合计', ...sumsOf(sumRows(deptSums)) } };
}
