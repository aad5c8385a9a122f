// The API contract between the renderer (or any other host's caller) and the core: channel names, the schemas of
// their inputs and the types of their answers. One handler map in the core serves it over Electron IPC, HTTP on
// loopback and the CLI, so a feature is written once. Inputs are checked here; the core never trusts a caller.

import { z } from 'zod';
import type { FrameworkId } from './frameworks.ts';
import type { ApiFailure } from './ipc.ts';
import type { ImportWarning } from './import/sheetGrid.ts';
import type { SheetReport } from './import/importSheets.ts';
import type { YearData } from './model.ts';
import type { TextChange } from './rollforward.ts';
import type { Finding } from './validation.ts';
import type {
  EditResult,
  HistoryState,
  OverallView,
  ProjectView,
  SummaryView,
  UndoResult,
  YearFacts,
} from './views.ts';

const Id = z.number().int().positive();
const Index = z.number().int().min(0);
const Year = z.number().int().min(1990).max(2200);
const Framework = z.enum(['A', 'B']);
const Text = z.string().max(100_000);

/** One typed (or pasted) value for one field of one entity; the core reads it by the field's kind. */
const CellChange = z.strictObject({
  entity: z.enum(['department', 'unit', 'project', 'indicator', 'overall', 'task']),
  /** The entity's id; for `overall`, the department's id. */
  id: Id,
  field: z.string().min(1).max(40),
  value: Text,
});

const IndicatorFields = z.strictObject({
  name: Text.optional(),
  description: Text.optional(),
  annualValue: Text.optional(),
  periodValue: Text.optional(),
  basis: Text.optional(),
});

export const API = {
  // ---- the app, before and around a year file ----------------------------------------------------------------
  /** Home: the data folder's year files, recent files, the open year. */
  'app.home': z.strictObject({}),
  /** Makes a new year file in the data folder and opens it. */
  'app.newYear': z.strictObject({ fiscalYear: Year, framework: Framework }),
  /**
   * Opens a year file: a file name in the data folder, an entry of the recent list, or (where the host lets the
   * page name paths: browser mode, CLI) a path.
   */
  'app.openYear': z.strictObject({ file: z.string().min(1).max(4096) }),
  /** Builds the sample year from the seed tables in the data folder (once) and opens it. */
  'app.openSample': z.strictObject({}),
  /** Changes the data folder (where the host lets the page name paths). */
  'app.setDataDir': z.strictObject({ dir: z.string().min(1).max(4096) }),
  'app.closeYear': z.strictObject({}),

  // ---- the open year -----------------------------------------------------------------------------------------
  /** Facts of the open year file. */
  'year.info': z.strictObject({}),
  /** The whole year as interchange JSON text. */
  'year.dump': z.strictObject({}),
  /** Adds interchange JSON text to the year, as one undo step. */
  'year.load': z.strictObject({ json: z.string(), source: z.string().optional() }),
  /** Runs every check (审核). */
  'year.validate': z.strictObject({}),
  /**
   * 审核 as a screen shows it: the counts, and the findings of one severity and/or containing a text (in the message
   * or the place), errors first, at most `limit` of them. A year being drafted has tens of thousands of findings;
   * the screen takes the few it shows instead of all of them after every change.
   */
  'year.checks': z.strictObject({
    severity: z.enum(['all', 'error', 'warning']).optional(),
    text: z.string().max(200).optional(),
    limit: z.number().int().min(0).max(1_000_000).optional(),
  }),
  /**
   * Writes a template as xlsx to `out` (atomically). An existing `out` is replaced only with `overwrite: true`;
   * without it the refusal is a UserError with `code: 'target-exists'` (ask, then call again). A read-only `out` is
   * never replaced.
   */
  'year.export': z.strictObject({
    template: z.enum(['summary', 'project', 'overall']),
    out: z.string().min(1),
    overwrite: z.boolean().optional(),
    style: z.enum(['A', 'B', 'C']).optional(),
    layout: z.enum(['stacked', 'sheets']).optional(),
    fontNames: z
      .strictObject({ title: z.string().min(1).optional(), header: z.string().min(1).optional(), body: z.string().min(1).optional() })
      .optional(),
    title: z.string().min(1).optional(),
  }),
  /** Reads xlsx files (T1/T2/T3) into the year as one undo step; `dryRun` only reports what would be imported. */
  'year.import': z.strictObject({
    sources: z.array(z.string().min(1)).min(1),
    dryRun: z.boolean().optional(),
    department: z.string().min(1).optional(),
  }),
  /** Creates next year's file at `to` from the open year. */
  'year.rollforward': z.strictObject({
    to: z.string().min(1),
    toYear: z.number().int().optional(),
    keepAmounts: z.boolean().optional(),
    projects: z.array(z.string()).optional(),
  }),
  /** Chooses the grammar the summary table's 绩效指标 cells are written in (and T1 exports by default). */
  'year.setStyle': z.strictObject({ style: z.enum(['A', 'B', 'C']) }),
  /** The year's revision (see Revision): the page asks now and then, to notice changes made elsewhere. */
  'year.revision': z.strictObject({}),
  'history.state': z.strictObject({}),
  'history.undo': z.strictObject({}),
  'history.redo': z.strictObject({}),

  // ---- the export dialog -----------------------------------------------------------------------------------------
  /** What the 导出 dialog starts from: the last choices (kept in the year file), the tables there is data for. */
  'export.defaults': z.strictObject({}),
  /** Exports one or more tables as a job (see job.status); with `download`, the files come back to the page. */
  'export.start': z.strictObject({
    tables: z.array(z.enum(['summary', 'project', 'overall'])).min(1).max(3),
    style: z.enum(['A', 'B', 'C']),
    layout: z.enum(['stacked', 'sheets']),
    fontNames: z.strictObject({
      title: z.string().min(1).max(60).optional(),
      header: z.string().min(1).max(60).optional(),
      body: z.string().min(1).max(60).optional(),
    }),
    dir: z.string().min(1).max(4096),
    names: z
      .strictObject({ summary: z.string().max(200).optional(), project: z.string().max(200).optional(), overall: z.string().max(200).optional() })
      .optional(),
    overwrite: z.boolean().optional(),
    download: z.boolean().optional(),
  }),

  // ---- backups -----------------------------------------------------------------------------------------------
  /** The backups of a year file: the open one, or one named as app.openYear names files (e.g. one that cannot open). */
  'backup.list': z.strictObject({ file: z.string().min(1).max(4096).optional() }),
  /** Puts a backup (by the name backup.list gave) in place of the year file, and opens it. */
  'backup.restore': z.strictObject({ file: z.string().min(1).max(4096).optional(), backup: z.string().min(1).max(255) }),

  // ---- the import wizard -----------------------------------------------------------------------------------------
  /** Files the browser read (browser mode): their bytes, base64. Answers an id per file for the calls below. */
  'import.addFiles': z.strictObject({ files: z.array(z.strictObject({ name: z.string().min(1).max(255), base64: z.string().max(200_000_000) })).min(1).max(50) }),
  /** Files named by path (where the host lets the page name paths). */
  'import.addPaths': z.strictObject({ paths: z.array(z.string().min(1).max(4096)).min(1).max(50) }),
  /** What the files would bring in, with every warning located, and which projects the year already has. Writes nothing. */
  'import.preview': z.strictObject({
    files: z.array(z.string().min(1).max(64)).min(1).max(50),
    target: z.enum(['open', 'new']),
    fiscalYear: Year.optional(),
    department: z.string().min(1).max(200).optional(),
  }),
  /** Imports as a job: into the open year (one undo step) or into a new year file in the data folder (which opens). */
  'import.start': z.strictObject({
    files: z.array(z.string().min(1).max(64)).min(1).max(50),
    target: z.enum(['open', 'new']),
    fiscalYear: Year.optional(),
    department: z.string().min(1).max(200).optional(),
    policy: z.enum(['skip', 'replace', 'add']),
  }),
  /** Forgets the files handed over (and deletes the uploaded copies). */
  'import.clear': z.strictObject({}),

  // ---- the roll-forward wizard -----------------------------------------------------------------------------------
  /** What carrying the open year forward would do: projects (新增 / 延续) and every text whose year changes. Writes nothing. */
  'rollforward.preview': z.strictObject({
    toYear: z.number().int().min(1991).max(2210),
    keepAmounts: z.boolean(),
    projectIds: z.array(Id).max(100_000).optional(),
  }),
  /** Writes next year's file into the data folder, as a job; the new year opens when it is done. */
  'rollforward.start': z.strictObject({
    toYear: z.number().int().min(1991).max(2210),
    keepAmounts: z.boolean(),
    projectIds: z.array(Id).max(100_000).optional(),
  }),

  // ---- the indicator library -------------------------------------------------------------------------------------
  /** 三级 indicators used before (every year file of the data folder), matching what the officer types. */
  'library.suggest': z.strictObject({ text: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }),

  // ---- long operations ---------------------------------------------------------------------------------------
  /** How far a long operation has got (and its answer once it is done). */
  'job.status': z.strictObject({ id: z.string().min(1).max(64) }),
  /** Stops a long operation; nothing it would have written is written. */
  'job.cancel': z.strictObject({ id: z.string().min(1).max(64) }),

  // ---- what the screens show ---------------------------------------------------------------------------------
  /** The summary table (T1): every department, unit and project with its money, goal and 绩效指标 text. */
  'view.summary': z.strictObject({}),
  /** One project with every field and its indicators (T2). */
  'view.project': z.strictObject({ id: Id }),
  /** One department's overall table (T3). */
  'view.overall': z.strictObject({ departmentId: Id }),

  // ---- edits: each one transaction and one undo step, answering with what changed ---------------------------
  /**
   * Sets fields, one cell or a pasted block: all or nothing. A value that cannot be taken refuses the whole step
   * with a message naming each refused cell.
   */
  'edit.cells': z.strictObject({ changes: z.array(CellChange).min(1).max(100_000), label: z.string().max(200).optional() }),
  'department.add': z.strictObject({ name: z.string().max(200), code: z.string().max(50).optional(), index: Index.optional() }),
  'department.delete': z.strictObject({ id: Id }),
  'department.move': z.strictObject({ id: Id, index: Index }),
  'unit.add': z.strictObject({ departmentId: Id, name: z.string().max(200), code: z.string().max(50).optional(), index: Index.optional() }),
  'unit.delete': z.strictObject({ id: Id }),
  /** Moves a unit to `index` among the units of `departmentId` (default: its own department). */
  'unit.move': z.strictObject({ id: Id, index: Index, departmentId: Id.optional() }),
  'project.add': z.strictObject({ unitId: Id, index: Index.optional(), name: z.string().max(500).optional() }),
  'project.delete': z.strictObject({ ids: z.array(Id).min(1).max(100_000) }),
  /** Moves a project to `index` among the projects of `unitId` (default: its own unit). */
  'project.move': z.strictObject({ id: Id, index: Index, unitId: Id.optional() }),
  /** Adds an indicator under a (一级, 二级) pair the year's framework allows, to a project or an overall table. */
  'indicator.add': z.strictObject({
    projectId: Id.optional(),
    departmentId: Id.optional(),
    level1: z.string().min(1).max(50),
    level2: z.string().max(50),
    index: Index.optional(),
    fields: IndicatorFields.optional(),
  }),
  'indicator.delete': z.strictObject({ ids: z.array(Id).min(1).max(100_000) }),
  'indicator.move': z.strictObject({ id: Id, index: Index }),
  /** Puts indicators under another (一级, 二级) pair of the framework. */
  'indicator.setLevels': z.strictObject({ ids: z.array(Id).min(1).max(10_000), level1: z.string().min(1).max(50), level2: z.string().max(50) }),
  /** Starts a department's overall table (T3). */
  'overall.create': z.strictObject({ departmentId: Id }),
  'overall.delete': z.strictObject({ departmentId: Id }),
  'task.add': z.strictObject({ departmentId: Id, index: Index.optional() }),
  'task.delete': z.strictObject({ ids: z.array(Id).min(1).max(1000) }),
  'task.move': z.strictObject({ id: Id, index: Index }),
} as const;

export type Channel = keyof typeof API;
export type ApiInput<C extends Channel> = z.infer<(typeof API)[C]>;

// ---- answers ---------------------------------------------------------------------------------------------------

export interface YearFileEntry {
  /** File name inside the data folder. */
  name: string;
  path: string;
  fiscalYear: number | null;
  framework: FrameworkId | null;
  projects: number | null;
  /** ISO time of the file's last change. */
  modified: string;
  bytes: number;
  /** Set when the file cannot be read as a year file: the reason, in Chinese. */
  problem?: string;
  /** The file is a year file that is damaged or cut short: its backups can restore it. */
  damaged?: boolean;
}

export interface RecentEntry {
  path: string;
  /** ISO time it was last opened. */
  opened: string;
  exists: boolean;
}

export interface HomeState {
  dataDir: string;
  years: YearFileEntry[];
  recent: RecentEntry[];
  /** The open year file, if any. */
  open: YearFacts | null;
  /** Whether this host lets the page name files by path (browser mode) or only through system dialogs (Electron). */
  pathsFromPage: boolean;
  /**
   * The year file given when the app was started (a double-click on a .db, `npm start -- FILE.db`) that would not
   * open, and why; until a year opens.
   */
  startProblem?: { file: string; message: string; code?: string };
}

export interface ExportOutput {
  path: string;
  sheets: string[];
  rows: number;
  bytes: number;
  /** What the officer should know about the layout (a department split over several sheets for Excel's limits). */
  notes: string[];
}

export interface ImportOutput {
  data: YearData;
  sheets: SheetReport[];
  warnings: ImportWarning[];
  counts: { departments: number; projects: number; indicators: number };
}

export interface RollForwardOutput {
  changes: TextChange[];
  projects: number;
  indicators: number;
  from: number;
  to: number;
  path: string;
}

export interface LoadOutput {
  departments: number;
  projects: number;
  indicators: number;
}

export interface YearInfoOutput extends YearFacts {
  createdBy: string;
  schemaVersion: number;
}

export interface ApiOutputs {
  'app.home': HomeState;
  'app.newYear': YearFacts;
  'app.openYear': YearFacts;
  'app.openSample': YearFacts;
  'app.setDataDir': HomeState;
  'app.closeYear': null;
  'year.info': YearInfoOutput;
  'year.dump': string;
  'year.load': LoadOutput;
  'year.validate': LocatedFinding[];
  'year.checks': ChecksView;
  'year.export': ExportOutput;
  'year.import': ImportOutput;
  'year.rollforward': RollForwardOutput;
  'year.setStyle': EditResult;
  'backup.list': BackupList;
  'backup.restore': YearFacts;
  'import.addFiles': { id: string; name: string }[];
  'import.addPaths': { id: string; name: string }[];
  'import.preview': ImportPreview;
  'import.start': JobState;
  'import.clear': null;
  'rollforward.preview': RollForwardPreview;
  'rollforward.start': JobState;
  'library.suggest': LibrarySuggestion[];
  'export.defaults': ExportDefaults;
  'export.start': JobState;
  'job.status': JobState;
  'job.cancel': JobState;
  'year.revision': number;
  'history.state': HistoryState;
  'history.undo': UndoResult;
  'history.redo': UndoResult;
  'view.summary': SummaryView;
  'view.project': ProjectView;
  'view.overall': OverallView;
  'edit.cells': EditResult;
  'department.add': EditResult;
  'department.delete': EditResult;
  'department.move': EditResult;
  'unit.add': EditResult;
  'unit.delete': EditResult;
  'unit.move': EditResult;
  'project.add': EditResult;
  'project.delete': EditResult;
  'project.move': EditResult;
  'indicator.add': EditResult;
  'indicator.delete': EditResult;
  'indicator.move': EditResult;
  'indicator.setLevels': EditResult;
  'overall.create': EditResult;
  'overall.delete': EditResult;
  'task.add': EditResult;
  'task.delete': EditResult;
  'task.move': EditResult;
}

export type ApiOutput<C extends Channel> = ApiOutputs[C];

export type TableId = 'summary' | 'project' | 'overall';

/** The 导出 dialog's choices, remembered in the year file. */
export interface ExportChoices {
  tables: TableId[];
  style: 'A' | 'B' | 'C';
  layout: 'stacked' | 'sheets';
  fontNames: { title?: string; header?: string; body?: string };
  dir: string;
}

export interface ExportDefaults {
  choices: ExportChoices;
  /** The tables the year has data for (T3 needs a department overall table). */
  available: TableId[];
  names: Record<TableId, string>;
}

export interface ExportFileResult {
  template: TableId;
  name: string;
  /** Where it was written; null when it was handed to the page (browser download). */
  path: string | null;
  bytes: number;
  sheets: string[];
  /** What the officer should know about the layout (a department split over several sheets for Excel's limits). */
  notes: string[];
  /** The file itself, for the browser's download. */
  base64?: string;
}

export interface ExportJobResult {
  files: ExportFileResult[];
}

export interface BackupInfo {
  name: string;
  /** ISO time it was made. */
  at: string;
  /** 导入前 / 结转前 / 恢复前 / 每日 / 升级前 … */
  reason: string;
  bytes: number;
}

export interface BackupList {
  /** The year file the backups belong to. */
  file: string;
  backups: BackupInfo[];
}

/** What happens to an imported project the year already has (same code, else same name). */
export type ImportPolicy = 'skip' | 'replace' | 'add';

export interface ImportPreviewProject {
  department: string;
  unit: string;
  code: string;
  name: string;
  total: number;
  indicators: number;
  /** The project of the year it matches, and whether by code or by name; null for a new one. */
  existing: { name: string; by: 'code' | 'name' } | null;
}

export interface ImportPreview {
  target: { kind: 'open'; path: string } | { kind: 'new'; path: string; exists: boolean };
  fiscalYear: number;
  framework: FrameworkId;
  sheets: SheetReport[];
  warnings: ImportWarning[];
  departments: { name: string; units: number; hasOverall: boolean }[];
  projects: ImportPreviewProject[];
}

export interface ImportJobResult {
  path: string;
  projects: number;
  indicators: number;
  replaced: number;
  skipped: number;
  warnings: number;
}

export interface RollForwardProject {
  id: number;
  name: string;
  department: string;
  unit: string;
  /** 延续: carried from last year (it has last year's values); 新增: new this year. */
  kind: '新增' | '延续';
  indicators: number;
}

export interface RollForwardPreview {
  from: number;
  to: number;
  projects: RollForwardProject[];
  /** How many projects and indicators the chosen set carries. */
  carried: number;
  indicators: number;
  changes: TextChange[];
  /** The new year file, in the data folder. */
  target: string;
  targetExists: boolean;
}

/** One entry of the indicator library: an indicator used before, or a category of the framework. */
export interface LibrarySuggestion {
  kind: 'indicator' | 'category';
  name: string;
  /** How many times it is used in the year files. */
  uses: number;
  /** The (一级, 二级) it is most often filed under. */
  level1: string;
  level2: string;
  unit: string;
  /** Its most used target values, most used first. */
  values: string[];
  description: string;
  basis: string;
}

export interface JobState {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number; label: string };
  result?: unknown;
  error?: ApiFailure;
}

/** Where a finding is, by the ids of the entities the screens show, so a click can open the very cell. */
export interface FindingTarget {
  departmentId: number | null;
  unitId?: number;
  projectId?: number;
  indicatorId?: number;
  taskId?: number;
  /** The finding is about the department overall table (T3). */
  overall?: boolean;
}

export type LocatedFinding = Finding & { target: FindingTarget };

/** What `year.checks` answers. */
export interface ChecksView {
  errors: number;
  warnings: number;
  /** How many findings match the severity and text asked for (`findings` holds the first `limit` of them). */
  matching: number;
  findings: LocatedFinding[];
}

/** Channels that work without an open year file. */
export const APP_CHANNELS: ReadonlySet<Channel> = new Set([
  'app.home',
  'app.newYear',
  'app.openYear',
  'app.openSample',
  'app.setDataDir',
  'app.closeYear',
  'job.status',
  'job.cancel',
  // A damaged year file cannot be opened: its backups are listed and restored without it.
  'backup.list',
  'backup.restore',
  // An import may make a new year file: it needs none open.
  'import.addFiles',
  'import.addPaths',
  'import.preview',
  'import.start',
  'import.clear',
]);

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && Object.hasOwn(API, x);
}
