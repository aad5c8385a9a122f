// What `npm run bench` times: each operation as the officer runs it (through the same handler map the app, the
// browser mode and the CLI call), and beside it the bare library doing the same I/O. Each function does its own
// untimed setup and returns only the timed milliseconds; bench/child.ts runs one of them in a fresh process, so the
// peak RSS it reports belongs to that operation alone.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { buildWorkbook } from '../shared/export/workbook.ts';
import type { TemplateId } from '../shared/export/workbook.ts';
import { toInterchange } from '../shared/interchange.ts';
import { parseTarget } from '../shared/target.ts';
import { type Session, invoke } from '../electron/core/api/handlers.ts';
import { readSources } from '../electron/core/importing.ts';
import { MIGRATIONS } from '../electron/core/store/schema.ts';
import { YearStore } from '../electron/core/store/yearStore.ts';
import { writeModelBare } from './bareXlsx.ts';

/** The files an operation reads, made once per bench run by bench/fixtures.ts. */
export interface Fixtures {
  dir: string;
  /** The synthetic year as interchange JSON. */
  json: string;
  /** A year file with that year loaded. */
  year: string;
  t1: string;
  t2: string;
}

export interface Timing {
  ms: number;
  /** Operations timed many times over (edit, validate-edit): the 99th percentile of the single runs. */
  p99Ms?: number;
  /** Load only: the size of the file written. */
  fileBytes?: number;
}

type Measure = (f: Fixtures, work: string) => Promise<Timing>;

export interface Operation {
  name: string;
  target: { ratio?: number; ms?: number };
  compared: string;
  app: Measure;
  bare: Measure | null;
}

const EDITS = 200;
/** Edits in `validate-edit`, each followed by a timed 审核. */
const VALIDATE_EDITS = 30;

function since(t0: number): number {
  return performance.now() - t0;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** A copy of the loaded year to change, so every run starts from the same file. */
function copyOfYear(f: Fixtures, work: string): string {
  const file = path.join(work, 'year.db');
  fs.copyFileSync(f.year, file);
  return file;
}

function openSession(file: string): Session {
  return { store: YearStore.open(file) };
}

/** Times one handler call on a year opened beforehand (opening is not part of the operation). */
async function timedOn(file: string, call: (s: Session) => unknown): Promise<Timing> {
  const session = openSession(file);
  const t0 = performance.now();
  await call(session);
  const ms = since(t0);
  session.store?.close();
  return { ms };
}

/** The pragmas of a year file's connection (yearStore.ts): the bare baselines run under the same ones. */
function bareDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  return db;
}

const load: Operation = {
  name: 'load',
  target: { ratio: 1.5 },
  compared: 'better-sqlite3 inserting the same rows in one transaction',
  async app(f, work) {
    const file = path.join(work, 'loaded.db');
    const t0 = performance.now();
    const json = fs.readFileSync(f.json, 'utf8');
    const store = YearStore.create(file, { fiscalYear: 2025, framework: 'A' });
    invoke({ store }, 'year.load', { json, source: 'bench.json' });
    store.close();
    return { ms: since(t0), fileBytes: fs.statSync(file).size };
  },
  async bare(f, work) {
    const file = path.join(work, 'bare.db');
    // The derived target columns are the app's domain work, not I/O: computed before the clock starts.
    const targets = new Map<string, ReturnType<typeof parseTarget>>();
    const raw = JSON.parse(fs.readFileSync(f.json, 'utf8')) as BareYear;
    for (const d of raw.departments) {
      for (const i of [...(d.overall?.indicators ?? []), ...d.units.flatMap((u) => u.projects.flatMap((p) => p.indicators))]) {
        if (!targets.has(i.annualValue)) targets.set(i.annualValue, parseTarget(i.annualValue));
      }
    }
    const t0 = performance.now();
    const year = JSON.parse(fs.readFileSync(f.json, 'utf8')) as BareYear;
    const db = bareDb(file);
    db.transaction(() => {
      (MIGRATIONS[0] as (typeof MIGRATIONS)[number]).up(db);
      db.exec("ALTER TABLE project ADD COLUMN unparsed_indicators TEXT NOT NULL DEFAULT ''");
    })();
    insertBare(db, year, targets);
    db.close();
    return { ms: since(t0), fileBytes: fs.statSync(file).size };
  },
};

/** The interchange file as JSON.parse gives it. */
type BareYear = ReturnType<typeof toInterchange>;
type BareIndicator = BareYear['departments'][number]['units'][number]['projects'][number]['indicators'][number];

const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);
const centsOrNull = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : null);

/** The same rows the app writes, by hand: one transaction of plain INSERTs. */
function insertBare(db: Database.Database, year: BareYear, targets: Map<string, ReturnType<typeof parseTarget>>): void {
  const dept = db.prepare('INSERT INTO department (position, name, code) VALUES (?, ?, ?)');
  const overall = db.prepare(
    'INSERT INTO overall (department_id, supervisor, staff_active, staff_retired, budget_basic, budget_project, budget_fiscal, budget_other, budget_own_level, budget_transfer, goal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const task = db.prepare('INSERT INTO overall_task (department_id, position, name, content, amount, expected) VALUES (?, ?, ?, ?, ?, ?)');
  const unit = db.prepare('INSERT INTO unit (department_id, position, name, code) VALUES (?, ?, ?, ?)');
  const project = db.prepare(
    'INSERT INTO project (unit_id, position, code, name, fund_fiscal, fund_fiscal_special, fund_other, purpose, goal, plan_mar, plan_jun, plan_oct, plan_dec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const indicator = db.prepare(
    'INSERT INTO indicator (project_id, department_id, position, level1, level2, name, description, annual_value, period_value, basis, prior_value, target_op, target_number, target_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const indicators = (pid: number | bigint | null, did: number | bigint | null, list: BareIndicator[]) =>
    list.forEach((i, k) => {
      const t = targets.get(i.annualValue);
      indicator.run(pid, did, k, i.level1, i.level2, i.name, i.description, i.annualValue, i.periodValue, i.basis, i.priorValue, t?.op ?? null, t?.number ?? null, t?.unit ?? null);
    });
  db.transaction(() => {
    year.departments.forEach((d, di) => {
      const did = dept.run(di, d.name, d.code).lastInsertRowid;
      const o = d.overall;
      if (o) {
        const b = o.budget;
        overall.run(did, o.supervisor, o.staff.active, o.staff.retired, cents(b.basic), cents(b.project), cents(b.fiscal), cents(b.other), cents(b.ownLevel), cents(b.transfer), o.goal);
        o.tasks.forEach((t, k) => task.run(did, k, t.name, t.content, cents(t.amount), t.expected));
        indicators(null, did, o.indicators);
      }
      d.units.forEach((u, ui) => {
        const uid = unit.run(did, ui, u.name, u.code).lastInsertRowid;
        u.projects.forEach((p, pi) => {
          const s = p.spendingPlan;
          const pid = project.run(uid, pi, p.code, p.name, cents(p.funds.fiscal), cents(p.funds.fiscalSpecial), cents(p.funds.other), p.purpose, p.goal, centsOrNull(s.mar), centsOrNull(s.jun), centsOrNull(s.oct), centsOrNull(s.dec)).lastInsertRowid;
          indicators(pid, null, p.indicators);
        });
      });
    });
  })();
}

const read: Operation = {
  name: 'read',
  target: { ratio: 2 },
  compared: 'the same SELECTs, bare',
  async app(f) {
    const t0 = performance.now();
    const session = openSession(f.year);
    invoke(session, 'view.summary', {});
    const ms = since(t0);
    session.store?.close();
    return { ms };
  },
  async bare(f) {
    const t0 = performance.now();
    const db = bareDb(f.year);
    db.prepare('SELECT key, value FROM meta').all();
    db.prepare('SELECT d.*, EXISTS (SELECT 1 FROM overall o WHERE o.department_id = d.id) AS has_overall FROM department d ORDER BY d.position, d.id').all();
    db.prepare('SELECT * FROM unit ORDER BY department_id, position, id').all();
    db.prepare('SELECT project_id, level1, level2, name, annual_value, period_value FROM indicator WHERE project_id IS NOT NULL ORDER BY project_id, position, id').all();
    db.prepare("SELECT id, unit_id, position, code, name, fund_fiscal, fund_fiscal_special, fund_other, goal, unparsed_indicators <> '' AS has_unparsed FROM project ORDER BY unit_id, position, id").all();
    const ms = since(t0);
    db.close();
    return { ms };
  },
};

/** Times `n` runs of `timed`, each after an untimed `before`: their median and 99th percentile. */
function timeRuns(n: number, timed: (i: number) => unknown, before?: (i: number) => unknown): Timing {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    before?.(i);
    const t0 = performance.now();
    timed(i);
    times.push(since(t0));
  }
  times.sort((a, b) => a - b);
  return { ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
}

/** Runs `fn` on a session over a fresh copy of the loaded year, closed afterwards. */
function onCopyOfYear(f: Fixtures, work: string, fn: (session: Session, db: Database.Database) => Timing): Timing {
  const session = openSession(copyOfYear(f, work));
  try {
    return fn(session, (session.store as YearStore).db);
  } finally {
    session.store?.close();
  }
}

function projectIds(db: Database.Database): number[] {
  return db.prepare('SELECT id FROM project ORDER BY id').pluck().all() as number[];
}

const edit: Operation = {
  name: 'edit',
  target: { ratio: 2 },
  compared: 'one bare UPDATE commit (DELETE journal, synchronous FULL)',
  app: async (f, work) =>
    onCopyOfYear(f, work, (session, db) => {
      const ids = projectIds(db);
      return timeRuns(EDITS, (i) =>
        invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: ids[(i * 37) % ids.length], field: 'fiscal', value: String(1000 + i) }] }),
      );
    }),
  async bare(f, work) {
    const db = bareDb(copyOfYear(f, work));
    const ids = projectIds(db);
    const update = db.prepare('UPDATE project SET fund_fiscal = ? WHERE id = ?');
    const timing = timeRuns(EDITS, (i) => update.run(100_000 + i, ids[(i * 37) % ids.length]));
    db.close();
    return timing;
  },
};

const validate: Operation = {
  name: 'validate',
  target: { ms: 200 },
  compared: '—',
  app: (f) => timedOn(f.year, (s) => invoke(s, 'year.validate', {})),
  bare: null,
};

/** 审核 as the editor runs it again after each change: the year checked once on opening, then one edit before each run. */
const validateEdit: Operation = {
  name: 'validate-edit',
  target: { ms: 200 },
  compared: '—',
  app: async (f, work) =>
    onCopyOfYear(f, work, (session, db) => {
      const indicators = db.prepare('SELECT id FROM indicator WHERE project_id IS NOT NULL ORDER BY id').pluck().all() as number[];
      invoke(session, 'year.validate', {});
      return timeRuns(
        VALIDATE_EDITS,
        () => invoke(session, 'year.validate', {}),
        (i) => {
          const id = indicators[(i * 7919) % indicators.length];
          invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id, field: 'annualValue', value: i % 2 ? '' : `≥${90 + i}%` }] });
        },
      );
    }),
  bare: null,
};

const TEMPLATE_OF = { 'export-t1': 'summary', 'export-t2': 'project', 'export-t3': 'overall' } as const satisfies Record<string, TemplateId>;

function exportOp(name: keyof typeof TEMPLATE_OF): Operation {
  const template = TEMPLATE_OF[name];
  return {
    name,
    target: { ratio: 1.3 },
    compared: "exceljs' streaming writer writing the same cells, merges and styles",
    app: (f, work) => timedOn(f.year, (s) => invoke(s, 'year.export', { template, out: path.join(work, `${name}.xlsx`) })),
    async bare(f, work) {
      const store = YearStore.open(f.year, { readonly: true });
      const model = buildWorkbook(store.read(), { template });
      store.close();
      const t0 = performance.now();
      await writeModelBare(model, path.join(work, `${name}-bare.xlsx`));
      return { ms: since(t0) };
    },
  };
}

function importOp(name: 'import-t1' | 'import-t2', file: (f: Fixtures) => string): Operation {
  return {
    name,
    target: { ratio: 1.5 },
    compared: "exceljs' streaming WorkbookReader reading every cell of the same file",
    async app(f) {
      const t0 = performance.now();
      await readSources([file(f)], { fiscalYear: 2025, framework: null });
      return { ms: since(t0) };
    },
    async bare(f) {
      const t0 = performance.now();
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(file(f), { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
      let cells = 0;
      for await (const ws of reader) {
        for await (const row of ws) {
          (row as ExcelJS.Row).eachCell({ includeEmpty: false }, () => {
            cells++;
          });
        }
      }
      if (cells === 0) throw new Error('the streaming reader saw no cells');
      return { ms: since(t0) };
    },
  };
}

const rollforward: Operation = {
  name: 'rollforward',
  target: { ratio: 3 },
  compared: 'copying the year file',
  app: (f, work) => timedOn(copyOfYear(f, work), (s) => invoke(s, 'year.rollforward', { to: path.join(work, 'next.db') })),
  async bare(f, work) {
    const from = copyOfYear(f, work);
    const t0 = performance.now();
    fs.copyFileSync(from, path.join(work, 'next.db'));
    return { ms: since(t0) };
  },
};

export const OPERATIONS: readonly Operation[] = [
  load,
  read,
  edit,
  validate,
  validateEdit,
  exportOp('export-t1'),
  exportOp('export-t2'),
  exportOp('export-t3'),
  importOp('import-t1', (f) => f.t1),
  importOp('import-t2', (f) => f.t2),
  rollforward,
];
