// What the screens show, as the core hands it over: rows with the ids of the entities they stand for, so an edit can
// name its target and an answer can say exactly which rows changed. Only plain data; the pure helpers below derive
// what the tables print from it (subtotals, 合计), so the screens never add up money themselves.

import type { FrameworkId } from './frameworks.ts';
import type { Cents } from './money.ts';
import type { SummaryStyle } from './model.ts';
import type { TargetParts } from './target.ts';

export interface DepartmentRow {
  id: number;
  position: number;
  name: string;
  code: string;
  /** True when the department has an overall table (T3). */
  hasOverall: boolean;
}

export interface UnitRow {
  id: number;
  departmentId: number;
  position: number;
  name: string;
  code: string;
}

/** One project as the summary table (T1) shows it. */
export interface ProjectRow {
  id: number;
  unitId: number;
  position: number;
  code: string;
  name: string;
  fiscal: Cents;
  fiscalSpecial: Cents;
  other: Cents;
  goal: string;
  /** The 绩效指标 cell: the indicators written in the year's T1 grammar. */
  indicatorText: string;
  indicatorCount: number;
  /** True when an import left 绩效指标 text it could not read on the project. */
  hasUnparsed: boolean;
}

export interface YearFacts {
  path: string;
  /** Opened read-only (the file or its folder cannot be written): it is shown, not changed. */
  readonly?: boolean;
  fiscalYear: number;
  framework: FrameworkId;
  summaryStyle: SummaryStyle | null;
  rolledFrom: number | null;
}

export interface SummaryView {
  year: YearFacts;
  /** The grammar the 绩效指标 cells are written in. */
  style: SummaryStyle;
  departments: DepartmentRow[];
  units: UnitRow[];
  projects: ProjectRow[];
}

export interface IndicatorRow {
  id: number;
  /** The project it belongs to, or null for a department overall indicator. */
  projectId: number | null;
  departmentId: number | null;
  position: number;
  level1: string;
  level2: string;
  name: string;
  description: string;
  annualValue: string;
  periodValue: string;
  basis: string;
  priorValue: string;
  /** The annual value's parts, derived (计算符号, number, 计量单位). */
  target: Pick<TargetParts, 'op' | 'number' | 'unit'>;
}

/** Every field of one project (the T2 block). */
export interface ProjectDetail extends ProjectRow {
  departmentId: number;
  unitName: string;
  unitCode: string;
  departmentName: string;
  /** A total printed in an imported table, when it had one. */
  statedTotal: Cents | null;
  purpose: string;
  planMar: Cents | null;
  planJun: Cents | null;
  planOct: Cents | null;
  planDec: Cents | null;
  unparsedIndicators: string;
}

export interface ProjectView {
  year: YearFacts;
  project: ProjectDetail;
  indicators: IndicatorRow[];
}

export interface OverallRow {
  departmentId: number;
  supervisor: string;
  staffActive: number;
  staffRetired: number;
  budgetBasic: Cents;
  budgetProject: Cents;
  budgetFiscal: Cents;
  budgetOther: Cents;
  budgetOwnLevel: Cents;
  budgetTransfer: Cents;
  goal: string;
}

export interface TaskRow {
  id: number;
  departmentId: number;
  position: number;
  name: string;
  content: string;
  amount: Cents;
  expected: string;
}

export interface OverallView {
  year: YearFacts;
  department: DepartmentRow;
  /** null until the department's overall table is started. */
  overall: OverallRow | null;
  tasks: TaskRow[];
  indicators: IndicatorRow[];
}

/**
 * What one action changed, read back after it committed (or after an undo or redo): the rows as they are now, and
 * the ids of rows that are gone. `reload` is set when the action touched too much to list (a whole import): the
 * screen then reads its view again.
 */
export interface Changes {
  departments: DepartmentRow[];
  units: UnitRow[];
  projects: ProjectRow[];
  indicators: IndicatorRow[];
  overalls: OverallRow[];
  tasks: TaskRow[];
  removed: {
    departments: number[];
    units: number[];
    projects: number[];
    indicators: number[];
    overalls: number[];
    tasks: number[];
  };
  reload: boolean;
}

export function noChanges(): Changes {
  return {
    departments: [],
    units: [],
    projects: [],
    indicators: [],
    overalls: [],
    tasks: [],
    removed: { departments: [], units: [], projects: [], indicators: [], overalls: [], tasks: [] },
    reload: false,
  };
}

/**
 * The year's revision just before and just after an action. A screen that knew a revision other than `before` has
 * missed a change made elsewhere (another browser tab, another program on the same file) and reads its view again.
 */
export interface Revision {
  before: number;
  after: number;
}

export interface EditResult {
  /** The undo step's label, or null when nothing changed. */
  label: string | null;
  changes: Changes;
  /** The id of an entity the action created (新增…), for the screen to select it. */
  created?: number;
  revision?: Revision;
}

export interface HistoryState {
  /** Labels of the steps undo would take back, newest first. */
  undo: string[];
  /** Labels of the steps redo would apply again, next first. */
  redo: string[];
}

export interface UndoResult {
  /** The label of the step taken back or applied again; null when there was none. */
  label: string | null;
  changes: Changes;
  history: HistoryState;
  revision?: Revision;
}

// ---- derived figures --------------------------------------------------------------------------------------------

export function rowTotal(p: Pick<ProjectRow, 'fiscal' | 'fiscalSpecial' | 'other'>): Cents {
  return p.fiscal + p.fiscalSpecial + p.other;
}

export interface MoneySums {
  total: Cents;
  fiscal: Cents;
  fiscalSpecial: Cents;
  other: Cents;
}

export function sumRows(rows: Iterable<Pick<ProjectRow, 'fiscal' | 'fiscalSpecial' | 'other'>>): MoneySums {
  const s: MoneySums = { total: 0, fiscal: 0, fiscalSpecial: 0, other: 0 };
  for (const r of rows) {
    s.fiscal += r.fiscal;
    s.fiscalSpecial += r.fiscalSpecial;
    s.other += r.other;
  }
  s.total = s.fiscal + s.fiscalSpecial + s.other;
  return s;
}

/** Orders rows by position (then id, as the store does). */
export function byPosition<T extends { position: number; id: number }>(a: T, b: T): number {
  return a.position - b.position || a.id - b.id;
}

/** Overall budget identities (research/domain.md §5 rule 16): the three breakdowns of the same budget. */
export function overallBreakdowns(o: OverallRow): { byType: Cents; bySource: Cents; byLevel: Cents } {
  return {
    byType: o.budgetBasic + o.budgetProject,
    bySource: o.budgetFiscal + o.budgetOther,
    byLevel: o.budgetOwnLevel + o.budgetTransfer,
  };
}
