// Every change an officer makes in the editor: field values (one cell or a pasted block), and adding, deleting and
// reordering departments, units, projects, indicators and tasks. Each is one transaction and one undo step, checks
// everything before writing anything, and answers with the rows it changed (read back through the step's log).

import { UserError } from '../../../shared/errors.ts';
import { type EntityKind, ENTITY_LABEL, fieldDef, type FieldValue, readFieldValue } from '../../../shared/fields.ts';
import { findLevel1, findLevel2, FRAMEWORKS, type Framework } from '../../../shared/frameworks.ts';
import { parseTarget } from '../../../shared/target.ts';
import type { EditResult } from '../../../shared/views.ts';
import { changesOfStep } from './rows.ts';
import type { YearStore } from './yearStore.ts';

export interface CellChange {
  entity: EntityKind;
  id: number;
  field: string;
  value: string;
}

/** Table, key and columns of each entity's editable fields. */
const TABLE: Readonly<Record<EntityKind, { table: string; key: string; columns: Readonly<Record<string, string>> }>> = {
  department: { table: 'department', key: 'id', columns: { name: 'name', code: 'code' } },
  unit: { table: 'unit', key: 'id', columns: { name: 'name', code: 'code' } },
  project: {
    table: 'project',
    key: 'id',
    columns: {
      code: 'code',
      name: 'name',
      fiscal: 'fund_fiscal',
      fiscalSpecial: 'fund_fiscal_special',
      other: 'fund_other',
      purpose: 'purpose',
      goal: 'goal',
      planMar: 'plan_mar',
      planJun: 'plan_jun',
      planOct: 'plan_oct',
      planDec: 'plan_dec',
      unparsedIndicators: 'unparsed_indicators',
    },
  },
  indicator: {
    table: 'indicator',
    key: 'id',
    columns: {
      level1: 'level1',
      level2: 'level2',
      name: 'name',
      description: 'description',
      annualValue: 'annual_value',
      periodValue: 'period_value',
      basis: 'basis',
      priorValue: 'prior_value',
    },
  },
  overall: {
    table: 'overall',
    key: 'department_id',
    columns: {
      supervisor: 'supervisor',
      staffActive: 'staff_active',
      staffRetired: 'staff_retired',
      budgetBasic: 'budget_basic',
      budgetProject: 'budget_project',
      budgetFiscal: 'budget_fiscal',
      budgetOther: 'budget_other',
      budgetOwnLevel: 'budget_own_level',
      budgetTransfer: 'budget_transfer',
      goal: 'goal',
    },
  },
  task: { table: 'overall_task', key: 'id', columns: { name: 'name', content: 'content', amount: 'amount', expected: 'expected' } },
};

/** Project amounts: editing one drops the totals an imported table printed, up the path (the editor derives them). */
const PROJECT_MONEY = new Set(['fiscal', 'fiscalSpecial', 'other']);

type Row = Record<string, unknown>;

function quoteName(name: unknown): string {
  const n = String(name ?? '').trim();
  return n === '' ? '' : `“${n.length > 30 ? `${n.slice(0, 30)}…` : n}”`;
}

export class YearEditor {
  private readonly store: YearStore;

  constructor(store: YearStore) {
    this.store = store;
  }

  private get db() {
    return this.store.db;
  }

  private framework(): Framework {
    return FRAMEWORKS[this.store.info().framework];
  }

  private result(label: string, fn: () => number | void): EditResult {
    const { value, step, answer: changes } = this.store.act(label, fn, (recorded) => changesOfStep(this.store, recorded));
    return {
      label: step === null ? null : label,
      changes,
      ...(typeof value === 'number' ? { created: value } : {}),
    };
  }

  private row(entity: EntityKind, id: number): Row {
    const t = TABLE[entity];
    const r = this.store.prepare(`SELECT * FROM ${t.table} WHERE ${t.key} = ?`).get(id) as Row | undefined;
    if (!r) {
      throw new UserError(
        entity === 'overall' ? '该部门还没有部门整体绩效目标：请先点“开始填写部门整体绩效目标”' : `这个${ENTITY_LABEL[entity]}已不存在（可能已被删除或撤销），未做任何改动`,
      );
    }
    return r;
  }

  /** "项目“物业管理费”", "项目“物业管理费”的第3条指标（投诉次数）": where a refused cell is, for messages. */
  private describe(entity: EntityKind, r: Row): string {
    switch (entity) {
      case 'department':
        return `部门${quoteName(r.name)}`;
      case 'unit':
        return `单位${quoteName(r.name)}`;
      case 'project':
        return `项目${quoteName(r.name) || '（未命名）'}`;
      case 'indicator': {
        const owner = r.project_id
          ? `项目${quoteName(this.store.prepare('SELECT name FROM project WHERE id = ?').pluck().get(r.project_id)) || '（未命名）'}`
          : `部门${quoteName(this.store.prepare('SELECT name FROM department WHERE id = ?').pluck().get(r.department_id))}整体绩效目标`;
        return `${owner}的第${(r.position as number) + 1}条指标${quoteName(r.name) ? `（${String(r.name).trim().slice(0, 20)}）` : ''}`;
      }
      case 'overall':
        return `部门${quoteName(this.store.prepare('SELECT name FROM department WHERE id = ?').pluck().get(r.department_id))}整体绩效目标`;
      case 'task':
        return `年度重点工作任务${(r.position as number) + 1}`;
    }
  }

  // ---- field values ----------------------------------------------------------------------------------------------

  /**
   * Sets the fields of a cell or of a pasted block. Every value is read and checked first; if any cannot be taken,
   * nothing is written and the message lists each refused cell.
   */
  setCells(changes: readonly CellChange[], label?: string): EditResult {
    const fw = this.framework();
    const refused: string[] = [];
    const rows = new Map<string, Row>();
    const planned: { entity: EntityKind; id: number; field: string; column: string; value: FieldValue; where: string }[] = [];
    for (const c of changes) {
      const def = fieldDef(c.entity, c.field);
      const column = TABLE[c.entity].columns[c.field];
      if (!def || !column) throw new UserError(`${ENTITY_LABEL[c.entity]}没有可修改的字段“${c.field}”`);
      const key = `${c.entity}:${c.id}`;
      let r = rows.get(key);
      if (!r) rows.set(key, (r = this.row(c.entity, c.id)));
      const where = `${this.describe(c.entity, r)} › ${def.label}`;
      const read = readFieldValue(def, c.value);
      if (!read.ok) refused.push(`${where}：${read.message}`);
      else planned.push({ entity: c.entity, id: c.id, field: c.field, column, value: read.value, where });
    }
    // An indicator's (一级, 二级) pair is judged as it will be after the whole block: a paste may set both.
    const levels = new Map<number, { level1: string; level2: string; where: string }>();
    for (const p of planned) {
      if (p.entity !== 'indicator' || (p.field !== 'level1' && p.field !== 'level2')) continue;
      const r = rows.get(`indicator:${p.id}`) as Row;
      const cur = levels.get(p.id) ?? { level1: r.level1 as string, level2: r.level2 as string, where: p.where.replace(/ › [^›]+$/, '') };
      cur[p.field] = String(p.value).trim();
      levels.set(p.id, cur);
    }
    const canonical = new Map<number, { level1: string; level2: string }>();
    for (const [id, l] of levels) {
      const checked = checkLevels(fw, l.level1, l.level2);
      if (typeof checked === 'string') refused.push(`${l.where}：${checked}`);
      else canonical.set(id, checked);
    }
    if (refused.length > 0) {
      throw new UserError(
        changes.length === 1 ? `未修改：${refused[0]}` : `有 ${refused.length} 个单元格的内容不能接受，全部未修改`,
        changes.length === 1 ? [] : refused,
      );
    }
    const first = planned[0];
    const text =
      label ??
      (planned.length === 1 && first
        ? `修改${first.where.replace(' › ', '的')}`
        : `修改 ${planned.length} 个单元格`);
    return this.result(text, () => {
      for (const p of planned) {
        const t = TABLE[p.entity];
        let value = p.value;
        if (p.entity === 'indicator' && (p.field === 'level1' || p.field === 'level2')) value = canonical.get(p.id)?.[p.field] ?? value;
        this.store.prepare(`UPDATE ${t.table} SET ${p.column} = ? WHERE ${t.key} = ? AND ${p.column} IS NOT ?`).run(value, p.id, value);
        if (p.entity === 'indicator' && p.field === 'annualValue') this.deriveTarget(p.id);
        if (p.entity === 'project' && PROJECT_MONEY.has(p.field)) this.dropStatedTotals(p.id);
      }
    });
  }

  private deriveTarget(indicatorId: number): void {
    const value = this.store.prepare('SELECT annual_value FROM indicator WHERE id = ?').pluck().get(indicatorId) as string;
    const t = parseTarget(value);
    this.store
      .prepare('UPDATE indicator SET target_op = ?, target_number = ?, target_unit = ? WHERE id = ? AND (target_op IS NOT ? OR target_number IS NOT ? OR target_unit IS NOT ?)')
      .run(t.op, t.number, t.unit, indicatorId, t.op, t.number, t.unit);
  }

  /** Once the officer changes an amount, the totals an imported table printed are no longer the truth. */
  private dropStatedTotals(projectId: number): void {
    // Once dropped, they stay dropped: one look says whether there is anything to drop on the path.
    const any = this.store
      .prepare(
        `SELECT p.stated_total IS NOT NULL OR u.stated_total IS NOT NULL OR d.stated_total IS NOT NULL
           FROM project p JOIN unit u ON u.id = p.unit_id JOIN department d ON d.id = u.department_id WHERE p.id = ?`,
      )
      .pluck()
      .get(projectId);
    if (!any) return;
    this.store
      .prepare(
        `UPDATE project SET stated_total = NULL WHERE id = ? AND stated_total IS NOT NULL`,
      )
      .run(projectId);
    this.store
      .prepare('UPDATE unit SET stated_total = NULL WHERE id = (SELECT unit_id FROM project WHERE id = ?) AND stated_total IS NOT NULL')
      .run(projectId);
    this.store
      .prepare(
        'UPDATE department SET stated_total = NULL WHERE id = (SELECT u.department_id FROM project p JOIN unit u ON u.id = p.unit_id WHERE p.id = ?) AND stated_total IS NOT NULL',
      )
      .run(projectId);
  }

  /** The T1 grammar of the year: how the summary table writes each project's indicators. */
  setSummaryStyle(style: 'A' | 'B' | 'C'): EditResult {
    return this.result(`绩效指标文字格式改为 ${style}`, () => {
      this.store
        .prepare("INSERT INTO meta (key, value) VALUES ('summary_style', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value")
        .run(style);
    });
  }

  // ---- order -----------------------------------------------------------------------------------------------------

  private siblings(table: string, parentColumn: string, parentId: number): number[] {
    return this.store.prepare(`SELECT id FROM ${table} WHERE ${parentColumn} = ? ORDER BY position, id`).pluck().all(parentId) as number[];
  }

  /** Gives the rows positions 0..n-1 in the given order, touching only those whose position changes. */
  private renumber(table: string, ids: readonly number[]): void {
    const set = this.store.prepare(`UPDATE ${table} SET position = ? WHERE id = ? AND position IS NOT ?`);
    ids.forEach((id, i) => set.run(i, id, i));
  }

  private placeAt(table: string, parentColumn: string, parentId: number, id: number, index: number | undefined): void {
    const list = this.siblings(table, parentColumn, parentId).filter((x) => x !== id);
    list.splice(Math.min(index ?? list.length, list.length), 0, id);
    this.renumber(table, list);
  }

  // ---- departments and units -------------------------------------------------------------------------------------

  addDepartment(name: string, code = '', index?: number): EditResult {
    return this.result(`新增部门${quoteName(name)}`, () => {
      const id = Number(this.store.prepare('INSERT INTO department (position, name, code) VALUES (?, ?, ?)').run(1e9, name.trim(), code.trim()).lastInsertRowid);
      const list = (this.store.prepare('SELECT id FROM department ORDER BY position, id').pluck().all() as number[]).filter((x) => x !== id);
      list.splice(Math.min(index ?? list.length, list.length), 0, id);
      this.renumber('department', list);
      return id;
    });
  }

  deleteDepartment(id: number): EditResult {
    const r = this.row('department', id);
    return this.result(`删除部门${quoteName(r.name)}`, () => {
      this.store.prepare('DELETE FROM department WHERE id = ?').run(id);
      this.renumber('department', this.store.prepare('SELECT id FROM department ORDER BY position, id').pluck().all() as number[]);
    });
  }

  moveDepartment(id: number, index: number): EditResult {
    const r = this.row('department', id);
    return this.result(`移动部门${quoteName(r.name)}`, () => {
      const list = (this.store.prepare('SELECT id FROM department ORDER BY position, id').pluck().all() as number[]).filter((x) => x !== id);
      list.splice(Math.min(index, list.length), 0, id);
      this.renumber('department', list);
    });
  }

  addUnit(departmentId: number, name: string, code = '', index?: number): EditResult {
    this.row('department', departmentId);
    return this.result(`新增单位${quoteName(name)}`, () => {
      const id = Number(
        this.store.prepare('INSERT INTO unit (department_id, position, name, code) VALUES (?, ?, ?, ?)').run(departmentId, 1e9, name.trim(), code.trim()).lastInsertRowid,
      );
      this.placeAt('unit', 'department_id', departmentId, id, index);
      return id;
    });
  }

  deleteUnit(id: number): EditResult {
    const r = this.row('unit', id);
    return this.result(`删除单位${quoteName(r.name)}`, () => {
      this.store.prepare('DELETE FROM unit WHERE id = ?').run(id);
      this.renumber('unit', this.siblings('unit', 'department_id', r.department_id as number));
    });
  }

  moveUnit(id: number, index: number, departmentId?: number): EditResult {
    const r = this.row('unit', id);
    const from = r.department_id as number;
    const to = departmentId ?? from;
    if (to !== from) this.row('department', to);
    return this.result(`移动单位${quoteName(r.name)}`, () => {
      if (to !== from) {
        this.store.prepare('UPDATE unit SET department_id = ? WHERE id = ?').run(to, id);
        this.renumber('unit', this.siblings('unit', 'department_id', from));
      }
      this.placeAt('unit', 'department_id', to, id, index);
    });
  }

  // ---- projects --------------------------------------------------------------------------------------------------

  addProject(unitId: number, index?: number, name = ''): EditResult {
    this.row('unit', unitId);
    return this.result(`新增项目${quoteName(name)}`, () => {
      const id = Number(this.store.prepare('INSERT INTO project (unit_id, position, name) VALUES (?, ?, ?)').run(unitId, 1e9, name.trim()).lastInsertRowid);
      this.placeAt('project', 'unit_id', unitId, id, index);
      return id;
    });
  }

  deleteProjects(ids: readonly number[]): EditResult {
    const rows = ids.map((id) => this.row('project', id));
    const label = rows.length === 1 ? `删除项目${quoteName(rows[0]?.name) || '（未命名）'}` : `删除 ${rows.length} 个项目`;
    return this.result(label, () => {
      const units = new Set<number>();
      for (const r of rows) {
        this.store.prepare('DELETE FROM project WHERE id = ?').run(r.id);
        units.add(r.unit_id as number);
        this.dropUnitTotals(r.unit_id as number);
      }
      for (const u of units) this.renumber('project', this.siblings('project', 'unit_id', u));
    });
  }

  private dropUnitTotals(unitId: number): void {
    this.store.prepare('UPDATE unit SET stated_total = NULL WHERE id = ? AND stated_total IS NOT NULL').run(unitId);
    this.store
      .prepare('UPDATE department SET stated_total = NULL WHERE id = (SELECT department_id FROM unit WHERE id = ?) AND stated_total IS NOT NULL')
      .run(unitId);
  }

  moveProject(id: number, index: number, unitId?: number): EditResult {
    const r = this.row('project', id);
    const from = r.unit_id as number;
    const to = unitId ?? from;
    if (to !== from) this.row('unit', to);
    return this.result(`移动项目${quoteName(r.name) || '（未命名）'}`, () => {
      if (to !== from) {
        this.store.prepare('UPDATE project SET unit_id = ? WHERE id = ?').run(to, id);
        this.renumber('project', this.siblings('project', 'unit_id', from));
        this.dropUnitTotals(from);
        this.dropUnitTotals(to);
      }
      this.placeAt('project', 'unit_id', to, id, index);
    });
  }

  // ---- indicators ------------------------------------------------------------------------------------------------

  private indicatorOwner(r: Row): { column: 'project_id' | 'department_id'; id: number } {
    return r.project_id !== null ? { column: 'project_id', id: r.project_id as number } : { column: 'department_id', id: r.department_id as number };
  }

  addIndicator(
    owner: { projectId?: number; departmentId?: number },
    level1: string,
    level2: string,
    index?: number,
    fields: Partial<Record<'name' | 'description' | 'annualValue' | 'periodValue' | 'basis', string>> = {},
  ): EditResult {
    if ((owner.projectId === undefined) === (owner.departmentId === undefined)) {
      throw new UserError('新增指标需要指明所属的项目或部门整体绩效目标（二者之一）');
    }
    const levels = checkLevels(this.framework(), level1, level2);
    if (typeof levels === 'string') throw new UserError(`未新增指标：${levels}`);
    const ownerName =
      owner.projectId !== undefined
        ? `项目${quoteName(this.row('project', owner.projectId).name) || '（未命名）'}`
        : `部门${quoteName(this.row('department', owner.departmentId as number).name)}整体绩效目标`;
    if (owner.departmentId !== undefined) this.row('overall', owner.departmentId);
    const column = owner.projectId !== undefined ? 'project_id' : 'department_id';
    const ownerId = (owner.projectId ?? owner.departmentId) as number;
    for (const [k, v] of Object.entries(fields)) {
      const def = fieldDef('indicator', k);
      const read = def ? readFieldValue(def, v) : null;
      if (read && !read.ok) throw new UserError(`未新增指标：${def?.label}：${read.message}`);
    }
    const label = `在${ownerName}新增指标（${levels.level1}${levels.level2 ? ` › ${levels.level2}` : ''}）`;
    return this.result(label, () => {
      const at = index ?? this.defaultIndicatorIndex(column, ownerId, levels.level1, levels.level2);
      const t = parseTarget(fields.annualValue ?? '');
      const id = Number(
        this.store
          .prepare(
            `INSERT INTO indicator (${column}, position, level1, level2, name, description, annual_value, period_value, basis, target_op, target_number, target_unit)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            ownerId,
            1e9,
            levels.level1,
            levels.level2,
            fields.name ?? '',
            fields.description ?? '',
            fields.annualValue ?? '',
            fields.periodValue ?? '',
            fields.basis ?? '',
            t.op,
            t.number,
            t.unit,
          ).lastInsertRowid,
      );
      this.placeAt('indicator', column, ownerId, id, at);
      return id;
    });
  }

  /**
   * Where a new indicator goes when the officer does not say: after the last one of its (一级, 二级) group, else
   * after the last of its 一级, else at the end — so the merged 一级/二级 cells stay whole.
   */
  private defaultIndicatorIndex(column: string, ownerId: number, level1: string, level2: string): number {
    const list = this.store.prepare(`SELECT level1, level2 FROM indicator WHERE ${column} = ? ORDER BY position, id`).all(ownerId) as { level1: string; level2: string }[];
    const fw = this.framework();
    const l1 = findLevel1(fw, level1);
    const same1 = (x: { level1: string }) => findLevel1(fw, x.level1) === l1;
    const same2 = (x: { level1: string; level2: string }) => same1(x) && l1 !== undefined && findLevel2(l1, x.level2)?.name === (level2 || undefined);
    const last = (test: (x: { level1: string; level2: string }) => boolean) => list.reduce((at, x, i) => (test(x) ? i : at), -1);
    const inPair = last(same2);
    if (inPair >= 0) return inPair + 1;
    const in1 = last(same1);
    if (in1 >= 0) return in1 + 1;
    // A 一级 the owner does not have yet goes before the first 一级 that comes after it in the framework's order.
    const rank = (x: { level1: string }) => fw.level1.findIndex((d) => d === findLevel1(fw, x.level1));
    const mine = fw.level1.findIndex((d) => d === l1);
    const later = list.findIndex((x) => rank(x) > mine);
    return later >= 0 ? later : list.length;
  }

  deleteIndicators(ids: readonly number[]): EditResult {
    const rows = ids.map((id) => this.row('indicator', id));
    const label = rows.length === 1 ? `删除${this.describe('indicator', rows[0] as Row)}` : `删除 ${rows.length} 条指标`;
    return this.result(label, () => {
      const owners = new Map<string, { column: string; id: number }>();
      for (const r of rows) {
        this.store.prepare('DELETE FROM indicator WHERE id = ?').run(r.id);
        const o = this.indicatorOwner(r);
        owners.set(`${o.column}:${o.id}`, o);
      }
      for (const o of owners.values()) this.renumber('indicator', this.siblings('indicator', o.column, o.id));
    });
  }

  moveIndicator(id: number, index: number): EditResult {
    const r = this.row('indicator', id);
    const o = this.indicatorOwner(r);
    return this.result(`移动${this.describe('indicator', r)}`, () => this.placeAt('indicator', o.column, o.id, id, index));
  }

  setIndicatorLevels(ids: readonly number[], level1: string, level2: string): EditResult {
    const levels = checkLevels(this.framework(), level1, level2);
    if (typeof levels === 'string') throw new UserError(`未修改：${levels}`);
    const rows = ids.map((id) => this.row('indicator', id));
    const label = `${rows.length === 1 ? this.describe('indicator', rows[0] as Row) : `${rows.length} 条指标`}改为 ${levels.level1}${levels.level2 ? ` › ${levels.level2}` : ''}`;
    return this.result(label, () => {
      const set = this.store.prepare('UPDATE indicator SET level1 = ?, level2 = ? WHERE id = ? AND (level1 IS NOT ? OR level2 IS NOT ?)');
      for (const r of rows) set.run(levels.level1, levels.level2, r.id, levels.level1, levels.level2);
    });
  }

  // ---- the department overall table (T3) -------------------------------------------------------------------------

  createOverall(departmentId: number): EditResult {
    const d = this.row('department', departmentId);
    if (this.store.prepare('SELECT 1 FROM overall WHERE department_id = ?').get(departmentId)) {
      throw new UserError(`部门${quoteName(d.name)}已有部门整体绩效目标`);
    }
    return this.result(`开始填写部门${quoteName(d.name)}整体绩效目标`, () => {
      this.store.prepare('INSERT INTO overall (department_id) VALUES (?)').run(departmentId);
    });
  }

  deleteOverall(departmentId: number): EditResult {
    const d = this.row('department', departmentId);
    this.row('overall', departmentId);
    return this.result(`删除部门${quoteName(d.name)}整体绩效目标`, () => {
      this.store.prepare('DELETE FROM overall WHERE department_id = ?').run(departmentId);
    });
  }

  addTask(departmentId: number, index?: number): EditResult {
    this.row('overall', departmentId);
    return this.result('新增年度重点工作任务', () => {
      const id = Number(this.store.prepare('INSERT INTO overall_task (department_id, position) VALUES (?, ?)').run(departmentId, 1e9).lastInsertRowid);
      this.placeAt('overall_task', 'department_id', departmentId, id, index);
      return id;
    });
  }

  deleteTasks(ids: readonly number[]): EditResult {
    const rows = ids.map((id) => this.row('task', id));
    return this.result(rows.length === 1 ? `删除${this.describe('task', rows[0] as Row)}` : `删除 ${rows.length} 项年度重点工作任务`, () => {
      const depts = new Set<number>();
      for (const r of rows) {
        this.store.prepare('DELETE FROM overall_task WHERE id = ?').run(r.id);
        depts.add(r.department_id as number);
      }
      for (const d of depts) this.renumber('overall_task', this.siblings('overall_task', 'department_id', d));
    });
  }

  moveTask(id: number, index: number): EditResult {
    const r = this.row('task', id);
    return this.result(`移动${this.describe('task', r)}`, () => this.placeAt('overall_task', 'department_id', r.department_id as number, id, index));
  }
}

/**
 * The canonical (一级, 二级) names for what the officer chose, or why the framework does not allow the pair. An
 * empty 二级 is allowed (grammar A carries none), an unknown one is not.
 */
export function checkLevels(fw: Framework, level1: string, level2: string): { level1: string; level2: string } | string {
  const l1 = findLevel1(fw, level1);
  if (!l1) {
    return level1.trim() === ''
      ? `请选择一级指标（${fw.level1.map((l) => l.name).join('、')}）`
      : `一级指标“${level1}”不属于本年度的指标体系 ${fw.id}（应为${fw.level1.map((l) => l.name).join('、')}之一）`;
  }
  if (level2.trim() === '') return { level1: l1.name, level2: '' };
  const l2 = findLevel2(l1, level2);
  if (!l2) return `二级指标“${level2}”不属于一级指标“${l1.name}”（可选：${l1.level2.map((l) => l.name).join('、')}）`;
  return { level1: l1.name, level2: l2.name };
}
