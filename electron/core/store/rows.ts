// Reads what the screens show straight from the year file, by id: the summary table's rows, one project, one
// overall table, and — after an action, an undo or a redo — exactly the rows that action touched, found through the
// step's own undo log. No screen ever needs the whole year as interchange JSON.

import { FRAMEWORKS, type Framework } from '../../../shared/frameworks.ts';
import { renderIndicatorText, type TextIndicator } from '../../../shared/indicatorText.ts';
import { defaultSummaryStyle, type SummaryStyle } from '../../../shared/model.ts';
import type { TargetOp } from '../../../shared/target.ts';
import {
  type Changes,
  type DepartmentRow,
  type IndicatorRow,
  noChanges,
  type OverallRow,
  type OverallView,
  type ProjectDetail,
  type ProjectRow,
  type ProjectView,
  type SummaryView,
  type TaskRow,
  type UnitRow,
  type YearFacts,
} from '../../../shared/views.ts';
import { UserError } from '../../../shared/errors.ts';
import type { YearStore } from './yearStore.ts';

type Row = Record<string, unknown>;

/** Above this many logged row changes, an answer says "read your view again" instead of listing them. */
const MAX_LISTED_CHANGES = 5000;

export function yearFacts(store: YearStore): YearFacts {
  const i = store.info();
  return {
    path: i.path,
    fiscalYear: i.fiscalYear,
    framework: i.framework,
    summaryStyle: i.summaryStyle,
    rolledFrom: i.rolledFrom,
    ...(store.readonly ? { readonly: true } : {}),
  };
}

const toDepartment = (r: Row): DepartmentRow => ({
  id: r.id as number,
  position: r.position as number,
  name: r.name as string,
  code: r.code as string,
  hasOverall: Boolean(r.has_overall),
});

const toUnit = (r: Row): UnitRow => ({
  id: r.id as number,
  departmentId: r.department_id as number,
  position: r.position as number,
  name: r.name as string,
  code: r.code as string,
});

export const toIndicatorRow = (r: Row): IndicatorRow => ({
  id: r.id as number,
  projectId: (r.project_id as number | null) ?? null,
  departmentId: (r.department_id as number | null) ?? null,
  position: r.position as number,
  level1: r.level1 as string,
  level2: r.level2 as string,
  name: r.name as string,
  description: r.description as string,
  annualValue: r.annual_value as string,
  periodValue: r.period_value as string,
  basis: r.basis as string,
  priorValue: r.prior_value as string,
  target: {
    op: ((r.target_op as string | null) ?? '定性') as TargetOp,
    number: (r.target_number as string | null) ?? null,
    unit: (r.target_unit as string | null) ?? '',
  },
});

const toOverall = (r: Row): OverallRow => ({
  departmentId: r.department_id as number,
  supervisor: r.supervisor as string,
  staffActive: r.staff_active as number,
  staffRetired: r.staff_retired as number,
  budgetBasic: r.budget_basic as number,
  budgetProject: r.budget_project as number,
  budgetFiscal: r.budget_fiscal as number,
  budgetOther: r.budget_other as number,
  budgetOwnLevel: r.budget_own_level as number,
  budgetTransfer: r.budget_transfer as number,
  goal: r.goal as string,
});

const toTask = (r: Row): TaskRow => ({
  id: r.id as number,
  departmentId: r.department_id as number,
  position: r.position as number,
  name: r.name as string,
  content: r.content as string,
  amount: r.amount as number,
  expected: r.expected as string,
});

/** An indicator's columns as the 绩效指标 text reads them: rows selected so need no conversion. */
const TEXT_INDICATOR_COLUMNS = 'level1, level2, name, annual_value AS annualValue, period_value AS periodValue';

const DEPARTMENT_SQL = 'SELECT d.*, EXISTS (SELECT 1 FROM overall o WHERE o.department_id = d.id) AS has_overall FROM department d';
const PROJECT_COLUMNS =
  'id, unit_id, position, code, name, fund_fiscal, fund_fiscal_special, fund_other, goal, unparsed_indicators <> \'\' AS has_unparsed';

/** Turns project rows and their indicators into summary rows, the 绩效指标 text written in the year's grammar. */
class ProjectRowBuilder {
  private readonly fw: Framework;
  private readonly style: SummaryStyle;
  constructor(store: YearStore) {
    const info = store.info();
    this.fw = FRAMEWORKS[info.framework];
    this.style = defaultSummaryStyle(info);
  }

  get summaryStyle(): SummaryStyle {
    return this.style;
  }

  /** `items` are indicator rows selected with TEXT_INDICATOR_COLUMNS (or shaped like them), in order. */
  build(r: Row, items: readonly TextIndicator[]): ProjectRow {
    return {
      id: r.id as number,
      unitId: r.unit_id as number,
      position: r.position as number,
      code: r.code as string,
      name: r.name as string,
      fiscal: r.fund_fiscal as number,
      fiscalSpecial: r.fund_fiscal_special as number,
      other: r.fund_other as number,
      goal: r.goal as string,
      indicatorText: renderIndicatorText(items, this.fw, this.style),
      indicatorCount: items.length,
      hasUnparsed: Boolean(r.has_unparsed),
    };
  }
}

export function summaryView(store: YearStore): SummaryView {
  const db = store;
  const builder = new ProjectRowBuilder(store);
  const departments = (db.prepare(`${DEPARTMENT_SQL} ORDER BY d.position, d.id`).all() as Row[]).map(toDepartment);
  const units = (db.prepare('SELECT * FROM unit ORDER BY department_id, position, id').all() as Row[]).map(toUnit);
  // All indicators of all projects in one pass, grouped by project: one query instead of one per project.
  const byProject = new Map<number, TextIndicator[]>();
  const indicators = db
    .prepare(`SELECT project_id, ${TEXT_INDICATOR_COLUMNS} FROM indicator WHERE project_id IS NOT NULL ORDER BY project_id, position, id`)
    .all() as (TextIndicator & { project_id: number })[];
  for (const i of indicators) {
    const id = i.project_id;
    let list = byProject.get(id);
    if (!list) byProject.set(id, (list = []));
    list.push(i);
  }
  const projects = (db.prepare(`SELECT ${PROJECT_COLUMNS} FROM project ORDER BY unit_id, position, id`).all() as Row[]).map((r) =>
    builder.build(r, byProject.get(r.id as number) ?? []),
  );
  return { year: yearFacts(store), style: builder.summaryStyle, departments, units, projects };
}

function projectRowsById(store: YearStore, ids: readonly number[]): ProjectRow[] {
  if (ids.length === 0) return [];
  const builder = new ProjectRowBuilder(store);
  const one = store.prepare(`SELECT ${PROJECT_COLUMNS} FROM project WHERE id = ?`);
  const inds = store.prepare(`SELECT ${TEXT_INDICATOR_COLUMNS} FROM indicator WHERE project_id = ? ORDER BY position, id`);
  const out: ProjectRow[] = [];
  for (const id of ids) {
    const r = one.get(id) as Row | undefined;
    if (r) out.push(builder.build(r, inds.all(id) as TextIndicator[]));
  }
  return out;
}

export function projectView(store: YearStore, id: number): ProjectView {
  const db = store;
  const r = db
    .prepare(
      `SELECT p.*, p.unparsed_indicators <> '' AS has_unparsed, u.name AS unit_name, u.code AS unit_code,
              d.id AS department_id, d.name AS department_name
         FROM project p JOIN unit u ON u.id = p.unit_id JOIN department d ON d.id = u.department_id
        WHERE p.id = ?`,
    )
    .get(id) as Row | undefined;
  if (!r) throw new UserError('这个项目已不存在（可能已被删除或撤销）');
  const indicatorRows = (db.prepare('SELECT * FROM indicator WHERE project_id = ? ORDER BY position, id').all(id) as Row[]).map(toIndicatorRow);
  const row = new ProjectRowBuilder(store).build(r, indicatorRows);
  const project: ProjectDetail = {
    ...row,
    departmentId: r.department_id as number,
    unitName: r.unit_name as string,
    unitCode: r.unit_code as string,
    departmentName: r.department_name as string,
    statedTotal: (r.stated_total as number | null) ?? null,
    purpose: r.purpose as string,
    planMar: (r.plan_mar as number | null) ?? null,
    planJun: (r.plan_jun as number | null) ?? null,
    planOct: (r.plan_oct as number | null) ?? null,
    planDec: (r.plan_dec as number | null) ?? null,
    unparsedIndicators: r.unparsed_indicators as string,
  };
  return { year: yearFacts(store), project, indicators: indicatorRows };
}

export function overallView(store: YearStore, departmentId: number): OverallView {
  const db = store;
  const d = db.prepare(`${DEPARTMENT_SQL} WHERE d.id = ?`).get(departmentId) as Row | undefined;
  if (!d) throw new UserError('这个部门已不存在（可能已被删除或撤销）');
  const o = db.prepare('SELECT * FROM overall WHERE department_id = ?').get(departmentId) as Row | undefined;
  return {
    year: yearFacts(store),
    department: toDepartment(d),
    overall: o ? toOverall(o) : null,
    tasks: (db.prepare('SELECT * FROM overall_task WHERE department_id = ? ORDER BY position, id').all(departmentId) as Row[]).map(toTask),
    indicators: (db.prepare('SELECT * FROM indicator WHERE department_id = ? ORDER BY position, id').all(departmentId) as Row[]).map(toIndicatorRow),
  };
}

/** The rows one history step touched, as they are now (after the step, or after it was undone). */
export function changesOfStep(store: YearStore, step: number | null): Changes {
  const changes = noChanges();
  if (step === null) return changes;
  const db = store;
  // The step's log in one read, in the order it was written (one more row than is ever listed, to know there are
  // more); an indicator's entry brings the project its change shows in (the 绩效指标 text).
  const log = db
    .prepare(
      "SELECT tbl, row_key, last_key, CASE tbl WHEN 'indicator' THEN coalesce(new_image, old_image) ->> 'project_id' END AS project_id FROM undo_log WHERE step = ? ORDER BY seq LIMIT ?",
    )
    .all(step, MAX_LISTED_CHANGES + 1) as { tbl: string; row_key: number; last_key: number | null; project_id: number | null }[];
  // A bulk insert is logged as id ranges (schema v4): its rows are not listed one by one, the screen reads again.
  if (log.length > MAX_LISTED_CHANGES || log.some((e) => e.tbl === 'meta' || e.last_key !== null)) {
    changes.reload = true;
    return changes;
  }
  /** Each table's keys, each once, in the order the log first names them. */
  const keysByTable = new Map<string, Set<number>>();
  for (const e of log) {
    let set = keysByTable.get(e.tbl);
    if (!set) keysByTable.set(e.tbl, (set = new Set()));
    set.add(e.row_key);
  }
  const keys = (tbl: string): number[] => [...(keysByTable.get(tbl) ?? [])];
  /** Reads each key's row now; a key whose row is gone is listed as removed. */
  const collect = <T>(tbl: string, sql: string, to: (r: Row) => T, into: T[], removed: number[]) => {
    const one = db.prepare(sql);
    for (const k of keys(tbl)) {
      const r = one.get(k) as Row | undefined;
      if (r) into.push(to(r));
      else removed.push(k);
    }
  };
  const departmentIds = new Set(keys('department'));
  const projectIds = new Set(keys('project'));
  // An indicator's change shows in its project's 绩效指标 text; an overall's in its department's hasOverall.
  for (const e of log) if (e.tbl === 'indicator' && e.project_id !== null) projectIds.add(e.project_id);
  for (const k of keys('overall')) departmentIds.add(k);

  const oneDept = db.prepare(`${DEPARTMENT_SQL} WHERE d.id = ?`);
  for (const id of departmentIds) {
    const r = oneDept.get(id) as Row | undefined;
    if (r) changes.departments.push(toDepartment(r));
    else changes.removed.departments.push(id);
  }
  collect('unit', 'SELECT * FROM unit WHERE id = ?', toUnit, changes.units, changes.removed.units);
  const present = projectRowsById(store, [...projectIds]);
  changes.projects = present;
  const presentIds = new Set(present.map((p) => p.id));
  changes.removed.projects = [...projectIds].filter((id) => !presentIds.has(id));
  collect('indicator', 'SELECT * FROM indicator WHERE id = ?', toIndicatorRow, changes.indicators, changes.removed.indicators);
  collect('overall', 'SELECT * FROM overall WHERE department_id = ?', toOverall, changes.overalls, changes.removed.overalls);
  collect('overall_task', 'SELECT * FROM overall_task WHERE id = ?', toTask, changes.tasks, changes.removed.tasks);
  return changes;
}
