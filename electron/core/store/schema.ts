// The year file's schema and its migrations. `PRAGMA user_version` is the schema version; each migration takes a
// file from version n-1 to n inside one transaction. Released migrations are never edited: add a new one.

import type Database from 'better-sqlite3';

/** "JXMB" — marks a SQLite file as a 绩效目标 year file, so a random .db is refused before anything is read. */
export const APPLICATION_ID = 0x4a584d42;

/** Columns of every table whose rows are user data; the undo log records images of exactly these. */
export const DATA_TABLES = {
  meta: { key: 'key', columns: ['key', 'value'] },
  department: { key: 'id', columns: ['id', 'position', 'name', 'code', 'stated_total'] },
  overall: {
    key: 'department_id',
    columns: [
      'department_id',
      'supervisor',
      'staff_active',
      'staff_retired',
      'budget_basic',
      'budget_project',
      'budget_fiscal',
      'budget_other',
      'budget_own_level',
      'budget_transfer',
      'goal',
    ],
  },
  overall_task: {
    key: 'id',
    columns: ['id', 'department_id', 'position', 'name', 'content', 'amount', 'expected'],
  },
  unit: { key: 'id', columns: ['id', 'department_id', 'position', 'name', 'code', 'stated_total'] },
  project: {
    key: 'id',
    columns: [
      'id',
      'unit_id',
      'position',
      'code',
      'name',
      'fund_fiscal',
      'fund_fiscal_special',
      'fund_other',
      'stated_total',
      'purpose',
      'goal',
      'plan_mar',
      'plan_jun',
      'plan_oct',
      'plan_dec',
      'unparsed_indicators',
    ],
  },
  indicator: {
    key: 'id',
    columns: [
      'id',
      'project_id',
      'department_id',
      'position',
      'level1',
      'level2',
      'name',
      'description',
      'annual_value',
      'period_value',
      'basis',
      'prior_value',
      'target_op',
      'target_number',
      'target_unit',
    ],
  },
} as const;

export type DataTable = keyof typeof DATA_TABLES;

const V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE department (
  id           INTEGER PRIMARY KEY,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  code         TEXT NOT NULL DEFAULT '',
  stated_total INTEGER
);
CREATE TABLE overall (
  department_id    INTEGER PRIMARY KEY REFERENCES department(id) ON DELETE CASCADE,
  supervisor       TEXT NOT NULL DEFAULT '',
  staff_active     INTEGER NOT NULL DEFAULT 0,
  staff_retired    INTEGER NOT NULL DEFAULT 0,
  budget_basic     INTEGER NOT NULL DEFAULT 0,
  budget_project   INTEGER NOT NULL DEFAULT 0,
  budget_fiscal    INTEGER NOT NULL DEFAULT 0,
  budget_other     INTEGER NOT NULL DEFAULT 0,
  budget_own_level INTEGER NOT NULL DEFAULT 0,
  budget_transfer  INTEGER NOT NULL DEFAULT 0,
  goal             TEXT NOT NULL DEFAULT ''
);
CREATE TABLE overall_task (
  id            INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES overall(department_id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  content       TEXT NOT NULL DEFAULT '',
  amount        INTEGER NOT NULL DEFAULT 0,
  expected      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX overall_task_by_department ON overall_task(department_id, position);
CREATE TABLE unit (
  id            INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL,
  code          TEXT NOT NULL DEFAULT '',
  stated_total  INTEGER
);
CREATE INDEX unit_by_department ON unit(department_id, position);
CREATE TABLE project (
  id                  INTEGER PRIMARY KEY,
  unit_id             INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  position            INTEGER NOT NULL,
  code                TEXT NOT NULL DEFAULT '',
  name                TEXT NOT NULL,
  fund_fiscal         INTEGER NOT NULL DEFAULT 0,
  fund_fiscal_special INTEGER NOT NULL DEFAULT 0,
  fund_other          INTEGER NOT NULL DEFAULT 0,
  stated_total        INTEGER,
  purpose             TEXT NOT NULL DEFAULT '',
  goal                TEXT NOT NULL DEFAULT '',
  plan_mar            INTEGER,
  plan_jun            INTEGER,
  plan_oct            INTEGER,
  plan_dec            INTEGER
);
CREATE INDEX project_by_unit ON project(unit_id, position);
-- An indicator belongs to a project (T1/T2) or to a department's overall table (T3), never both.
CREATE TABLE indicator (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER REFERENCES project(id) ON DELETE CASCADE,
  department_id INTEGER REFERENCES overall(department_id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  level1        TEXT NOT NULL DEFAULT '',
  level2        TEXT NOT NULL DEFAULT '',
  name          TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  annual_value  TEXT NOT NULL DEFAULT '',
  period_value  TEXT NOT NULL DEFAULT '',
  basis         TEXT NOT NULL DEFAULT '',
  prior_value   TEXT NOT NULL DEFAULT '',
  -- Parts derived from annual_value when it is written (shared/target.ts); the text stays the truth.
  target_op     TEXT,
  target_number TEXT,
  target_unit   TEXT,
  CHECK ((project_id IS NULL) <> (department_id IS NULL))
);
CREATE INDEX indicator_by_project ON indicator(project_id, position);
CREATE INDEX indicator_by_department ON indicator(department_id, position);
`;

/** The project columns as schema v2 had them: its triggers must keep logging exactly these. */
const PROJECT_COLUMNS_V2 = DATA_TABLES.project.columns.filter((c) => c !== 'unparsed_indicators');

function triggersFor(table: DataTable, columns: readonly string[] = DATA_TABLES[table].columns): string {
  const { key } = DATA_TABLES[table];
  const image = (row: 'NEW' | 'OLD') => `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
  const when = 'WHEN (SELECT step FROM undo_state WHERE id = 1) IS NOT NULL';
  const step = '(SELECT step FROM undo_state WHERE id = 1)';
  const log = (op: string, rowKey: string, oldImage: string, newImage: string) =>
    `INSERT INTO undo_log (step, tbl, op, row_key, old_image, new_image) VALUES (${step}, '${table}', '${op}', ${rowKey}, ${oldImage}, ${newImage});`;
  return `
CREATE TRIGGER ${table}_log_insert AFTER INSERT ON ${table} ${when}
BEGIN ${log('I', `NEW.${key}`, 'NULL', image('NEW'))} END;
CREATE TRIGGER ${table}_log_update AFTER UPDATE ON ${table} ${when}
BEGIN ${log('U', `OLD.${key}`, image('OLD'), image('NEW'))} END;
CREATE TRIGGER ${table}_log_delete AFTER DELETE ON ${table} ${when}
BEGIN ${log('D', `OLD.${key}`, image('OLD'), 'NULL')} END;`;
}

/** v2: the undo/redo history lives in the file, so it survives closing it (DESIGN §3: one action = one step). */
const V2 = `
CREATE TABLE history (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  label  TEXT NOT NULL,
  at     TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE undo_log (
  seq       INTEGER PRIMARY KEY,
  step      INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
  tbl       TEXT NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('I', 'U', 'D')),
  row_key   ANY,
  old_image TEXT,
  new_image TEXT
);
CREATE INDEX undo_log_by_step ON undo_log(step, seq);
-- The step being recorded; NULL while nothing is (reading, undoing, redoing).
CREATE TABLE undo_state (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  step INTEGER
);
INSERT INTO undo_state (id, step) VALUES (1, NULL);
${(Object.keys(DATA_TABLES) as DataTable[]).map((t) => triggersFor(t, t === 'project' ? PROJECT_COLUMNS_V2 : undefined)).join('\n')}
`;

/**
 * v3: the 绩效指标 text an import could not read is kept on its project (shown to the officer, flagged by 审核)
 * instead of being lost; the project's undo triggers log the new column too.
 */
const V3 = `
ALTER TABLE project ADD COLUMN unparsed_indicators TEXT NOT NULL DEFAULT '';
DROP TRIGGER project_log_insert;
DROP TRIGGER project_log_update;
DROP TRIGGER project_log_delete;
${triggersFor('project')}
`;

/**
 * v4: a bulk insert (a load, an import, a roll-forward) is recorded as the range of ids it inserted into a table —
 * one undo_log row with `row_key` the first id and `last_key` the last — instead of a copy of every row: the copies
 * were half of a loaded year's file. Undoing such a step keeps the rows' images in `new_image` (a JSON array) for
 * redo; redoing puts them back and drops the images again.
 */
const V4 = `
ALTER TABLE undo_log ADD COLUMN last_key INTEGER;
`;

/** Tables whose rows a bulk insert records as id ranges: integer keys given out in increasing order. */
export const RANGE_TABLES = ['department', 'unit', 'project', 'overall_task', 'indicator'] as const satisfies readonly DataTable[];

export interface Migration {
  readonly version: number;
  readonly describe: string;
  readonly up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, describe: '年度、部门、单位、项目、指标', up: (db) => db.exec(V1) },
  { version: 2, describe: '撤销/重做记录', up: (db) => db.exec(V2) },
  { version: 3, describe: '项目中未能识别的绩效指标文字', up: (db) => db.exec(V3) },
  { version: 4, describe: '整批载入的撤销记录只记编号范围', up: (db) => db.exec(V4) },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Runs the migrations above `from` up to `to`, each in its own transaction that also bumps user_version. */
export function migrate(db: Database.Database, from: number, to: number = SCHEMA_VERSION): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > to) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${Number(m.version)}`);
    })();
  }
}
