// One fiscal year = one SQLite file (DESIGN §3). Default rollback journal (no -wal/-shm side files: officers copy
// and mail these files), synchronous FULL, foreign keys on. Every user action runs in `transact`, which is one
// transaction and one undo step; the undo log is written by triggers (schema v2) and lives in the file.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../../shared/errors.ts';
import { FRAMEWORKS, type FrameworkId, isFrameworkId } from '../../../shared/frameworks.ts';
import type {
  Department,
  Indicator,
  Overall,
  Project,
  SummaryStyle,
  Unit,
  YearData,
} from '../../../shared/model.ts';
import { parseTarget, type TargetParts } from '../../../shared/target.ts';
import { APP_VERSION } from '../version.ts';
import { backupPathFor, checkYearFileHeader } from './fileCheck.ts';
import { APPLICATION_ID, DATA_TABLES, type DataTable, migrate, RANGE_TABLES, SCHEMA_VERSION } from './schema.ts';

export interface YearInfo {
  path: string;
  fiscalYear: number;
  framework: FrameworkId;
  summaryStyle: SummaryStyle | null;
  /** The year this file was rolled forward from, if any. */
  rolledFrom: number | null;
  createdBy: string;
  schemaVersion: number;
}

export interface HistoryState {
  /** Labels of the steps undo would take back, newest first. */
  undo: string[];
  /** Labels of the steps redo would apply again, next first. */
  redo: string[];
}

/** How many undo steps a file keeps; older ones are dropped as new ones come. */
export const HISTORY_LIMIT = 200;

type Row = Record<string, unknown>;

function isSqliteCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_INDEX';
}

function damaged(file: string, detail: string): UserError {
  return new UserError(
    `“${path.basename(file)}”已损坏，无法读取（${detail}）。请改用备份或完整的副本，未做任何改动`,
    [],
    'year-damaged',
  );
}

function applyConnectionSettings(db: Database.Database, readonly: boolean): void {
  if (!readonly) {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
}

function quickCheck(db: Database.Database, file: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check') as { quick_check: string }[];
  } catch (e) {
    if (isSqliteCorruption(e)) throw damaged(file, (e as Error).message);
    throw e;
  }
  const first = rows[0]?.quick_check;
  if (first !== 'ok') throw damaged(file, `完整性检查：${first ?? '无结果'}`);
}

const INDICATORS_BY_PROJECT = 'SELECT * FROM indicator WHERE project_id IS NOT NULL ORDER BY project_id, position, id';

/** Projects (with their indicators: the bulk of a year) kept between reads of one connection (`YearStore.read`). */
export interface ProjectCache {
  /** By project id: the project as last read, and its indicators' ids in order. */
  readonly byProject: Map<number, { project: Project; ids: number[] }>;
  /** Projects that may have changed since they were kept: read again next time. */
  readonly stale: Set<number>;
}

export class YearStore {
  readonly path: string;
  readonly db: Database.Database;
  readonly readonly: boolean;
  /**
   * Counts the changes to the year seen by this connection: its own actions, undos and redos, and commits by other
   * programs (another window, the CLI) noticed through SQLite's data_version. A screen that knows an older number
   * reads its view again.
   */
  private revisionCount = 0;
  private dataVersion: number;
  /** The file the connection was opened on: a write into a file that was moved or deleted meanwhile is refused. */
  private readonly identity: { dev: number; ino: number } | null;
  /** Statements compiled once per connection (see `prepare`). */
  private readonly statements = new Map<string, Database.Statement>();
  /** The step an `insertingInBulk` is recording, while it runs. */
  private bulkStep: number | null = null;

  private constructor(file: string, db: Database.Database, readonly: boolean) {
    this.path = file;
    this.db = db;
    this.readonly = readonly;
    this.dataVersion = this.readDataVersion();
    let identity: { dev: number; ino: number } | null = null;
    try {
      const st = fs.statSync(file);
      identity = { dev: st.dev, ino: st.ino };
    } catch {
      // An in-memory migration of a read-only file: nothing on disk to compare with.
    }
    this.identity = identity;
  }

  /** The year's revision, counting commits other programs made since this connection last looked. */
  revision(): number {
    const v = this.readDataVersion();
    if (v !== this.dataVersion) {
      this.dataVersion = v;
      this.revisionCount++;
    }
    return this.revisionCount;
  }

  /** SQLite's data_version: a compiled statement, for it is read around every action. */
  private readDataVersion(): number {
    return Number(this.prepare('PRAGMA data_version').pluck().get());
  }

  /** Creates a new, empty year file. Refuses to overwrite; writes to a temporary name and renames into place. */
  static create(file: string, opts: { fiscalYear: number; framework: FrameworkId }): YearStore {
    if (!Number.isInteger(opts.fiscalYear) || opts.fiscalYear < 1990 || opts.fiscalYear > 2200) {
      throw new UserError(`年度“${opts.fiscalYear}”不对：请填写四位数的年份，如 2025`);
    }
    if (!isFrameworkId(opts.framework)) {
      throw new UserError(`指标体系“${String(opts.framework)}”不对：只能是 A（成本指标在产出指标下）或 B（财预〔2021〕101号）`);
    }
    if (fs.existsSync(file)) {
      throw new UserError(
        fs.statSync(file).isDirectory()
          ? `“${file}”是一个文件夹，请给出年度文件的文件名，如 2025年绩效目标.db`
          : `“${file}”已存在，未覆盖。请换一个文件名，或先删除旧文件`,
      );
    }
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) throw new UserError(`文件夹“${dir}”不存在`);
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.creating`);
    const db = new Database(tmp);
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      const now = new Date().toISOString();
      // The schema and the year's facts in one commit (the migrations' own transactions nest as savepoints): a new
      // file is not in place until the rename below, so there is nothing to gain from committing step by step.
      db.transaction(() => {
        migrate(db, 0);
        const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        insert.run('fiscal_year', String(opts.fiscalYear));
        insert.run('framework', opts.framework);
        insert.run('created_by', `绩效目标表编辑器 ${APP_VERSION}`);
        insert.run('created_at', now);
      })();
      db.close();
      fs.renameSync(tmp, file);
    } catch (e) {
      if (db.open) db.close();
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    return YearStore.open(file);
  }

  /**
   * Opens a year file. Anything wrong (not ours, damaged, truncated, from a newer version) is a UserError and the
   * file is untouched. An older schema is migrated, after a backup copy is left next to the file; a read-only
   * open migrates an in-memory copy instead and leaves the file as it is.
   */
  static open(file: string, opts: { readonly?: boolean } = {}): YearStore {
    const readonly = opts.readonly ?? false;
    const facts = checkYearFileHeader(file);
    const needsMigration = facts.userVersion < SCHEMA_VERSION;
    let db: Database.Database;
    try {
      if (readonly && needsMigration) {
        db = new Database(fs.readFileSync(file));
      } else {
        db = new Database(file, { readonly, fileMustExist: true });
      }
    } catch (e) {
      if (isSqliteCorruption(e)) throw damaged(file, (e as Error).message);
      throw e;
    }
    try {
      quickCheck(db, file);
      applyConnectionSettings(db, readonly && !needsMigration);
      if (needsMigration) {
        if (!readonly) fs.copyFileSync(file, backupPathFor(file, facts.userVersion), fs.constants.COPYFILE_EXCL);
        migrate(db, facts.userVersion);
      }
      const store = new YearStore(file, db, readonly);
      store.info(); // fails early on a file whose meta is unreadable
      return store;
    } catch (e) {
      db.close();
      if (isSqliteCorruption(e)) throw damaged(file, (e as Error).message);
      throw e;
    }
  }

  /**
   * A prepared statement, compiled once per connection: one edit runs a score of statements, and compiling them
   * cost more than running them. A reading statement comes back in its default mode (rows as objects); a caller
   * wanting one column calls `.pluck()` on it each time.
   */
  prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s.reader ? s.pluck(false) : s;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private meta(): Map<string, string> {
    const rows = this.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  info(): YearInfo {
    const m = this.meta();
    const year = Number(m.get('fiscal_year'));
    const framework = m.get('framework');
    if (!Number.isInteger(year) || !isFrameworkId(framework)) {
      throw damaged(this.path, '缺少年度或指标体系信息');
    }
    const style = m.get('summary_style');
    const rolled = m.get('rolled_from');
    return {
      path: this.path,
      fiscalYear: year,
      framework,
      summaryStyle: style === 'A' || style === 'B' || style === 'C' ? style : null,
      rolledFrom: rolled ? Number(rolled) : null,
      createdBy: m.get('created_by') ?? '',
      schemaVersion: Number(this.prepare('PRAGMA user_version').pluck().get()),
    };
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  /**
   * The whole year as domain objects, in table order. With a `cache`, the projects it holds and does not mark stale
   * are taken from it, the very objects, instead of read again (审核 after an edit reads one project, not 5,000
   * projects and their 50,000 indicators); the ones read are put into it. Callers must not change what it returns.
   */
  read(cache?: ProjectCache): YearData {
    const info = this.info();
    const db = this.db;
    // Each table in one pass, grouped by owner: one query per table, not one per project (50,000 indicators of
    // 5,000 projects read in a fraction of the time).
    const grouped = (sql: string, owner: string, ...params: unknown[]): Map<unknown, Row[]> => {
      const m = new Map<unknown, Row[]>();
      for (const r of db.prepare(sql).iterate(...params) as Iterable<Row>) {
        const k = r[owner];
        let list = m.get(k);
        if (!list) m.set(k, (list = []));
        list.push(r);
      }
      return m;
    };
    let projectsByUnit: Map<unknown, Row[]>;
    let byProject: Map<unknown, Row[]>;
    /** With a cache: the full rows of the projects it lacks, by id. */
    let projectRows: Map<unknown, Row[]> | null = null;
    if (cache) {
      // The order of every project, and the full rows (with indicators) only of those the cache lacks.
      projectsByUnit = grouped('SELECT id, unit_id FROM project ORDER BY unit_id, position, id', 'unit_id');
      const present = new Set<number>();
      for (const list of projectsByUnit.values()) for (const r of list) present.add(r.id as number);
      for (const id of cache.byProject.keys()) if (!present.has(id) || cache.stale.has(id)) cache.byProject.delete(id);
      cache.stale.clear();
      const missing = [...present].filter((id) => !cache.byProject.has(id));
      const all = missing.length === present.size;
      const ids = JSON.stringify(missing);
      const some = 'IN (SELECT value FROM json_each(?))';
      projectRows = all ? grouped('SELECT * FROM project', 'id') : grouped(`SELECT * FROM project WHERE id ${some}`, 'id', ids);
      byProject = all
        ? grouped(INDICATORS_BY_PROJECT, 'project_id')
        : grouped(`SELECT * FROM indicator WHERE project_id ${some} ORDER BY project_id, position, id`, 'project_id', ids);
    } else {
      projectsByUnit = grouped('SELECT * FROM project ORDER BY unit_id, position, id', 'unit_id');
      byProject = grouped(INDICATORS_BY_PROJECT, 'project_id');
    }
    const byOverall = grouped('SELECT * FROM indicator WHERE department_id IS NOT NULL ORDER BY department_id, position, id', 'department_id');
    const unitsByDepartment = grouped('SELECT * FROM unit ORDER BY department_id, position, id', 'department_id');
    const overalls = grouped('SELECT * FROM overall', 'department_id');
    const tasksByDepartment = grouped('SELECT * FROM overall_task ORDER BY department_id, position, id', 'department_id');
    const indicatorsOf = { all: (id: unknown) => byProject.get(id) ?? [] };
    const overallIndicators = { all: (id: unknown) => byOverall.get(id) ?? [] };
    const projectsOf = { all: (id: unknown) => projectsByUnit.get(id) ?? [] };
    const unitsOf = { all: (id: unknown) => unitsByDepartment.get(id) ?? [] };
    const overallOf = { get: (id: unknown) => overalls.get(id)?.[0] };
    const tasksOf = { all: (id: unknown) => tasksByDepartment.get(id) ?? [] };
    const departments = this.prepare('SELECT * FROM department ORDER BY position, id').all() as Row[];

    const toIndicator = (r: Row): Indicator => ({
      level1: r.level1 as string,
      level2: r.level2 as string,
      name: r.name as string,
      description: r.description as string,
      annualValue: r.annual_value as string,
      periodValue: r.period_value as string,
      basis: r.basis as string,
      priorValue: r.prior_value as string,
    });
    const toProject = (r: Row): Project => ({
      code: r.code as string,
      name: r.name as string,
      funds: {
        fiscal: r.fund_fiscal as number,
        fiscalSpecial: r.fund_fiscal_special as number,
        other: r.fund_other as number,
      },
      statedTotal: r.stated_total as number | null,
      purpose: r.purpose as string,
      goal: r.goal as string,
      spendingPlan: {
        mar: r.plan_mar as number | null,
        jun: r.plan_jun as number | null,
        oct: r.plan_oct as number | null,
        dec: r.plan_dec as number | null,
      },
      indicators: (indicatorsOf.all(r.id) as Row[]).map(toIndicator),
      unparsedIndicators: r.unparsed_indicators as string,
    });
    /** A project in table order: kept in the cache, or read now (and kept). */
    const projectAt = (r: Row): Project => {
      if (!cache || !projectRows) return toProject(r);
      const id = r.id as number;
      const kept = cache.byProject.get(id)?.project;
      if (kept) return kept;
      const project = toProject(projectRows.get(id)![0]!);
      cache.byProject.set(id, { project, ids: (indicatorsOf.all(id) as Row[]).map((i) => i.id as number) });
      return project;
    };
    const toOverall = (r: Row): Overall => ({
      supervisor: r.supervisor as string,
      staff: { active: r.staff_active as number, retired: r.staff_retired as number },
      budget: {
        basic: r.budget_basic as number,
        project: r.budget_project as number,
        fiscal: r.budget_fiscal as number,
        other: r.budget_other as number,
        ownLevel: r.budget_own_level as number,
        transfer: r.budget_transfer as number,
      },
      goal: r.goal as string,
      tasks: (tasksOf.all(r.department_id) as Row[]).map((t) => ({
        name: t.name as string,
        content: t.content as string,
        amount: t.amount as number,
        expected: t.expected as string,
      })),
      indicators: (overallIndicators.all(r.department_id) as Row[]).map(toIndicator),
    });

    return {
      fiscalYear: info.fiscalYear,
      framework: info.framework,
      summaryStyle: info.summaryStyle,
      departments: departments.map(
        (d): Department => ({
          name: d.name as string,
          code: d.code as string,
          statedTotal: d.stated_total as number | null,
          overall: ((o) => (o ? toOverall(o) : null))(overallOf.get(d.id) as Row | undefined),
          units: (unitsOf.all(d.id) as Row[]).map(
            (u): Unit => ({
              name: u.name as string,
              code: u.code as string,
              statedTotal: u.stated_total as number | null,
              projects: (projectsOf.all(u.id) as Row[]).map(projectAt),
            }),
          ),
        }),
      ),
    };
  }

  // ---- writing -------------------------------------------------------------------------------------------------

  private assertWritable(): void {
    if (this.readonly) throw new UserError('这个年度文件是以只读方式打开的（文件只读，或所在文件夹不可写），修改没有保存。请复制到可写的文件夹后再打开', [], 'not-saved');
    // The file must still be where it was opened: on a removed USB stick, or after the file was moved or deleted,
    // a write would go into a file nobody will find again.
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(this.path);
    } catch {
      st = null;
    }
    if (!st || (this.identity && (st.ino !== this.identity.ino || st.dev !== this.identity.dev))) {
      throw new UserError(`年度文件“${this.path}”已不在原处（被移走、改名、删除，或所在的磁盘已拔出），修改没有保存。请把它放回原处后重试，或重新打开年度文件`, [], 'not-saved');
    }
  }

  /**
   * Runs `fn` as one user action: one transaction, one undo step labelled `label`. Redo steps are dropped (a new
   * action starts a new branch); a step that changed nothing leaves no trace.
   */
  transact<T>(label: string, fn: () => T): T {
    return this.act(label, fn).value;
  }

  /** Like `transact`, and says which history step recorded the action (null when it changed nothing). */
  act<T>(label: string, fn: () => T): { value: T; step: number | null };
  /**
   * …and reads, inside the same transaction, what the caller answers with (the rows the step changed): reads after
   * the commit would each take and drop the file's lock again, which cost more than the reads themselves.
   */
  act<T, A>(label: string, fn: () => T, answer: (step: number | null) => A): { value: T; step: number | null; answer: A };
  act<T, A>(label: string, fn: () => T, answer?: (step: number | null) => A): { value: T; step: number | null; answer?: A } {
    this.assertWritable();
    const db = this.db;
    const result = db.transaction(() => {
      this.prepare('DELETE FROM history WHERE undone = 1').run();
      const step = Number(
        this.prepare('INSERT INTO history (label, at) VALUES (?, ?)').run(label, new Date().toISOString()).lastInsertRowid,
      );
      this.setRecordingStep(step);
      const value = fn();
      this.setRecordingStep(null);
      const logged = this.prepare('SELECT count(*) AS n FROM undo_log WHERE step = ?').get(step) as { n: number };
      if (logged.n === 0) this.prepare('DELETE FROM history WHERE id = ?').run(step);
      // Everything at or below the newest step beyond the limit: a range on the key, not a scan of every step.
      this.prepare('DELETE FROM history WHERE id <= (SELECT id FROM history ORDER BY id DESC LIMIT 1 OFFSET ?)').run(HISTORY_LIMIT);
      const recorded = logged.n === 0 ? null : step;
      return { value, step: recorded, ...(answer ? { answer: answer(recorded) } : {}) };
    })();
    // Own commits leave data_version as it is: count them here.
    this.revision();
    if (result.step !== null) this.revisionCount++;
    return result;
  }

  /**
   * Adds a whole year's data (departments after the ones already there) as one undo step. The data must be of
   * this file's year and framework. With `mergeByName`, a department or unit the file already has (same name, and
   * for units the same code) receives the new projects instead of being added a second time.
   */
  append(
    data: YearData,
    label: string,
    meta: Readonly<Record<string, string>> = {},
    opts: { mergeByName?: boolean } = {},
  ): { departments: number; projects: number; indicators: number } {
    this.checkAppendable(data);
    return this.transact(label, () => this.appendInside(data, opts, meta));
  }

  private checkAppendable(data: YearData): void {
    const info = this.info();
    if (data.fiscalYear !== info.fiscalYear) {
      throw new UserError(`数据是 ${data.fiscalYear} 年度的，年度文件是 ${info.fiscalYear} 年度的，未载入`);
    }
    if (data.framework !== info.framework) {
      throw new UserError(
        `数据使用指标体系 ${data.framework}（${FRAMEWORKS[data.framework].title}），年度文件使用 ${info.framework}（${FRAMEWORKS[info.framework].title}），未载入`,
      );
    }
  }

  /** `append`'s work, inside a transaction the caller runs (an import that also replaces projects, in one step). */
  appendInside(
    data: YearData,
    opts: { mergeByName?: boolean } = {},
    meta: Readonly<Record<string, string>> = {},
  ): { departments: number; projects: number; indicators: number } {
    this.checkAppendable(data);
    const info = this.info();
    const counts = { departments: 0, projects: 0, indicators: 0 };
    {
      const setMeta = this.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      );
      if (data.summaryStyle && data.summaryStyle !== info.summaryStyle) setMeta.run('summary_style', data.summaryStyle);
      for (const [k, v] of Object.entries(meta)) setMeta.run(k, v);
      const insDept = this.prepare('INSERT INTO department (position, name, code, stated_total) VALUES (?, ?, ?, ?)');
      const insOverall = this.prepare(
        `INSERT INTO overall (department_id, supervisor, staff_active, staff_retired, budget_basic, budget_project,
           budget_fiscal, budget_other, budget_own_level, budget_transfer, goal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insTask = this.prepare(
        'INSERT INTO overall_task (department_id, position, name, content, amount, expected) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const insUnit = this.prepare(
        'INSERT INTO unit (department_id, position, name, code, stated_total) VALUES (?, ?, ?, ?, ?)',
      );
      const insProject = this.prepare(
        `INSERT INTO project (unit_id, position, code, name, fund_fiscal, fund_fiscal_special, fund_other,
           stated_total, purpose, goal, plan_mar, plan_jun, plan_oct, plan_dec, unparsed_indicators)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insIndicator = this.prepare(
        `INSERT INTO indicator (project_id, department_id, position, level1, level2, name, description, annual_value,
           period_value, basis, prior_value, target_op, target_number, target_unit)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      // A year repeats the same target texts (≥95%, 100%, …) thousands of times: each is parsed once.
      const targets = new Map<string, TargetParts>();
      const targetOf = (text: string) => {
        let t = targets.get(text);
        if (!t) targets.set(text, (t = parseTarget(text)));
        return t;
      };
      const addIndicators = (owner: { project: number | bigint | null; department: number | bigint | null }, list: Indicator[]) => {
        list.forEach((ind, i) => {
          const t = targetOf(ind.annualValue);
          insIndicator.run(
            owner.project,
            owner.department,
            i,
            ind.level1,
            ind.level2,
            ind.name,
            ind.description,
            ind.annualValue,
            ind.periodValue,
            ind.basis,
            ind.priorValue,
            t.op,
            t.number,
            t.unit,
          );
          counts.indicators++;
        });
      };
      const findDept = this.prepare('SELECT id FROM department WHERE name = ? ORDER BY position, id LIMIT 1').pluck();
      const hasOverall = this.prepare('SELECT 1 FROM overall WHERE department_id = ?').pluck();
      const findUnit = this.prepare('SELECT id FROM unit WHERE department_id = ? AND name = ? AND code = ? LIMIT 1').pluck();
      const nextUnitPos = this.prepare('SELECT coalesce(max(position) + 1, 0) FROM unit WHERE department_id = ?').pluck();
      const nextProjectPos = this.prepare('SELECT coalesce(max(position) + 1, 0) FROM project WHERE unit_id = ?').pluck();
      const nextPosition = (this.prepare('SELECT coalesce(max(position) + 1, 0) AS p FROM department').get() as { p: number }).p;
      this.insertingInBulk(() => data.departments.forEach((d, di) => {
        const existing = opts.mergeByName ? (findDept.get(d.name) as number | undefined) : undefined;
        const deptId = existing ?? insDept.run(nextPosition + di, d.name, d.code, d.statedTotal).lastInsertRowid;
        if (existing === undefined) counts.departments++;
        if (d.overall && (existing === undefined || !hasOverall.get(existing))) {
          const o = d.overall;
          // An overall row is keyed by its department, which may be an older one: recorded row by row.
          this.recordedOneByOne(() => insOverall.run(
            deptId,
            o.supervisor,
            o.staff.active,
            o.staff.retired,
            o.budget.basic,
            o.budget.project,
            o.budget.fiscal,
            o.budget.other,
            o.budget.ownLevel,
            o.budget.transfer,
            o.goal,
          ));
          o.tasks.forEach((t, ti) => insTask.run(deptId, ti, t.name, t.content, t.amount, t.expected));
          addIndicators({ project: null, department: deptId }, o.indicators);
        }
        d.units.forEach((u, ui) => {
          const sameUnit = existing === undefined ? undefined : (findUnit.get(deptId, u.name, u.code) as number | undefined);
          const unitId =
            sameUnit ??
            insUnit.run(deptId, existing === undefined ? ui : (nextUnitPos.get(deptId) as number), u.name, u.code, u.statedTotal)
              .lastInsertRowid;
          const firstPos = sameUnit === undefined ? 0 : (nextProjectPos.get(unitId) as number);
          u.projects.forEach((p, pi) => {
            const projectId = insProject.run(
              unitId,
              firstPos + pi,
              p.code,
              p.name,
              p.funds.fiscal,
              p.funds.fiscalSpecial,
              p.funds.other,
              p.statedTotal,
              p.purpose,
              p.goal,
              p.spendingPlan.mar,
              p.spendingPlan.jun,
              p.spendingPlan.oct,
              p.spendingPlan.dec,
              p.unparsedIndicators,
            ).lastInsertRowid;
            counts.projects++;
            addIndicators({ project: projectId, department: null }, p.indicators);
          });
        });
      }));
    }
    return counts;
  }

  /** The step being recorded, or null outside an action. */
  private recordingStep(): number | null {
    return this.prepare('SELECT step FROM undo_state WHERE id = 1').pluck().get() as number | null;
  }

  private setRecordingStep(step: number | null): void {
    this.prepare('UPDATE undo_state SET step = ? WHERE id = 1').run(step);
  }

  /**
   * Runs inserts whose rows the undo record keeps as id ranges (schema v4) rather than row by row: the triggers are
   * off meanwhile, and afterwards each table's new ids — all above its largest id before, handed out in order — are
   * logged as one range. `fn` may only insert.
   */
  private insertingInBulk(fn: () => void): void {
    const step = this.recordingStep();
    if (step === null) return fn();
    const maxKey = (t: (typeof RANGE_TABLES)[number]) => this.prepare(`SELECT coalesce(max(${DATA_TABLES[t].key}), 0) FROM ${t}`).pluck().get() as number;
    const before = RANGE_TABLES.map(maxKey);
    // The range tables' insert triggers would only ask, row after row, whether a step is being recorded: a third of a
    // load's time. They are taken away for the bulk and put back as they were (whatever schema version wrote them),
    // inside the same transaction, so no other connection ever sees them missing.
    const triggers = this.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (" + RANGE_TABLES.map(() => '?').join(', ') + ')')
      .all(...RANGE_TABLES.map((t) => `${t}_log_insert`)) as { name: string; sql: string }[];
    for (const t of triggers) this.db.exec(`DROP TRIGGER ${t.name}`);
    this.setRecordingStep(null);
    this.bulkStep = step;
    try {
      fn();
    } finally {
      this.bulkStep = null;
      this.setRecordingStep(step);
      for (const t of triggers) this.db.exec(t.sql);
    }
    const logRange = this.prepare("INSERT INTO undo_log (step, tbl, op, row_key, last_key) VALUES (?, ?, 'I', ?, ?)");
    // Parents first, so an undo (newest first) takes children away before their parents.
    RANGE_TABLES.forEach((t, i) => {
      const first = (before[i] as number) + 1;
      const last = maxKey(t);
      if (last >= first) logRange.run(step, t, first, last);
    });
  }

  /** Inside `insertingInBulk`, runs `fn` with the triggers on, for rows that cannot be recorded as a range. */
  private recordedOneByOne<T>(fn: () => T): T {
    const step = this.bulkStep;
    if (step === null) return fn();
    this.setRecordingStep(step);
    try {
      return fn();
    } finally {
      this.setRecordingStep(null);
    }
  }

  // ---- undo / redo ---------------------------------------------------------------------------------------------

  history(): HistoryState {
    const undo = this.prepare('SELECT label FROM history WHERE undone = 0 ORDER BY id DESC').pluck().all() as string[];
    const redo = this.prepare('SELECT label FROM history WHERE undone = 1 ORDER BY id ASC').pluck().all() as string[];
    return { undo, redo };
  }

  /** Takes back the latest action; returns its label, or null when there is nothing to undo. */
  undo(): string | null {
    return this.replay('undo')?.label ?? null;
  }

  /** Applies again the action undone last; returns its label, or null when there is nothing to redo. */
  redo(): string | null {
    return this.replay('redo')?.label ?? null;
  }

  /** Undoes or redoes one step; says which step it was, so the caller can read what it changed. */
  replay(direction: 'undo' | 'redo'): { step: number; label: string } | null {
    this.assertWritable();
    const db = this.db;
    const done = db.transaction(() => {
      const step = db
        .prepare(
          direction === 'undo'
            ? 'SELECT id, label FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1'
            : 'SELECT id, label FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1',
        )
        .get() as { id: number; label: string } | undefined;
      if (!step) return null;
      // Rows come back in an order that may briefly break references (a project before its unit); check at commit.
      db.pragma('defer_foreign_keys = ON');
      const entries = db
        .prepare(`SELECT seq, tbl, op, row_key, last_key, old_image, new_image FROM undo_log WHERE step = ? ORDER BY seq ${direction === 'undo' ? 'DESC' : 'ASC'}`)
        .all(step.id) as { seq: number; tbl: DataTable; op: 'I' | 'U' | 'D'; row_key: unknown; last_key: number | null; old_image: string | null; new_image: string | null }[];
      const statements = new Map<string, Database.Statement>();
      const stmt = (sql: string) => {
        let s = statements.get(sql);
        if (!s) statements.set(sql, (s = this.prepare(sql)));
        return s;
      };
      for (const e of entries) {
        const { key, columns } = DATA_TABLES[e.tbl];
        if (e.last_key !== null) {
          this.replayRange(direction, e.seq, e.tbl, e.row_key as number, e.last_key);
          continue;
        }
        // An image logged by an older schema lacks the columns added since: leave those to their defaults (insert)
        // or as they are (update).
        const image = (json: string | null) => {
          const o = JSON.parse(json ?? '{}') as Row;
          const cols = columns.filter((c) => Object.hasOwn(o, c));
          return { cols, values: cols.map((c) => o[c] ?? null) };
        };
        const insert = (json: string | null) => {
          const { cols, values } = image(json);
          stmt(`INSERT INTO ${e.tbl} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
        };
        const remove = () => stmt(`DELETE FROM ${e.tbl} WHERE ${key} = ?`).run(e.row_key);
        const update = (json: string | null) => {
          const { cols, values } = image(json);
          stmt(`UPDATE ${e.tbl} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${key} = ?`).run(...values, e.row_key);
        };
        if (direction === 'undo') {
          if (e.op === 'I') remove();
          else if (e.op === 'D') insert(e.old_image);
          else update(e.old_image);
        } else if (e.op === 'I') insert(e.new_image);
        else if (e.op === 'D') remove();
        else update(e.new_image);
      }
      this.prepare('UPDATE history SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, step.id);
      return { step: step.id, label: step.label };
    })();
    this.revision();
    if (done) this.revisionCount++;
    return done;
  }

  /**
   * One range of a bulk insert (schema v4). Undo keeps the rows' images, as they are now, in the entry before it
   * deletes them — every later step is undone by then, so they are the rows the step inserted — and redo inserts
   * them again and drops the images, which the table holds once more.
   */
  private replayRange(direction: 'undo' | 'redo', seq: number, tbl: DataTable, first: number, last: number): void {
    const { key, columns } = DATA_TABLES[tbl];
    if (direction === 'undo') {
      this.prepare(
        `UPDATE undo_log SET new_image = (SELECT json_group_array(json_object(${columns.map((c) => `'${c}', ${c}`).join(', ')})) FROM ${tbl} WHERE ${key} BETWEEN ? AND ?) WHERE seq = ?`,
      ).run(first, last, seq);
      this.prepare(`DELETE FROM ${tbl} WHERE ${key} BETWEEN ? AND ?`).run(first, last);
    } else {
      this.prepare(
        `INSERT INTO ${tbl} (${columns.join(', ')}) SELECT ${columns.map((c) => `value ->> '${c}'`).join(', ')} FROM json_each((SELECT new_image FROM undo_log WHERE seq = ?))`,
      ).run(seq);
      this.prepare('UPDATE undo_log SET new_image = NULL WHERE seq = ?').run(seq);
    }
  }
}
