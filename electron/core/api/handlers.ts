// The one handler map (DESIGN §5): channel → function over the session. Electron IPC, the loopback HTTP server and
// the CLI all call `invoke`, which checks the input against the shared schema first. The map is typed against the
// contract in shared/api.ts, so an answer that drifts from what the renderer expects does not compile.

import fs from 'node:fs';
import path from 'node:path';
import { API, APP_CHANNELS, type ApiInput, type ApiOutput, type Channel, isChannel } from '../../../shared/api.ts';
import { UserError } from '../../../shared/errors.ts';
import type { ApiFailure, ApiResult } from '../../../shared/ipc.ts';
import { InterchangeError, parseInterchange, serializeInterchange, unknownLevel1Problems } from '../../../shared/interchange.ts';
import type { ExportOptions } from '../../../shared/export/workbook.ts';
import type { Changes, Revision, UndoResult } from '../../../shared/views.ts';
import type { AppSession } from '../app/session.ts';
import { exportDefaults, runExport } from '../exportJob.ts';
import { importIntoStore, rollForwardInto } from '../importing.ts';
import { suggest } from '../library.ts';
import { rollForwardPreview, runRollForward } from '../rollforwardJob.ts';
import { importPreview, type ImportRequest, runImport } from '../importJob.ts';
import { YearEditor } from '../store/edits.ts';
import { listBackups, restoreBackup } from '../store/backups.ts';
import { checksView, locatedFindings, noteChanges } from '../store/findings.ts';
import { changesOfStep, overallView, projectView, summaryView, yearFacts } from '../store/rows.ts';
import type { YearStore } from '../store/yearStore.ts';
import { failureOf } from './failure.ts';
import { exportYear } from '../xlsx/exportYear.ts';

/** What a handler works on: the open year file, and the app around it where a host provides one. */
export interface Session {
  readonly store: YearStore | null;
  readonly app?: AppSession;
}

/** Turns the problems of an interchange file into one UserError naming the source. */
export function interchangeUserError(e: InterchangeError, source: string): UserError {
  return new UserError(
    `“${source}”不能载入：${e.problems.length === 1 ? '' : `有 ${e.problems.length} 处问题，`}未做任何改动`,
    e.problems.map((p) => (p.path ? `${p.path}：${p.message}` : p.message)),
  );
}

function year(s: Session): YearStore {
  if (!s.store) throw new UserError('还没有打开年度文件：请在首页打开或新建一个年度');
  return s.store;
}

function app(s: Session): AppSession {
  if (!s.app) throw new UserError('这个操作只能在程序界面中使用');
  return s.app;
}

function editor(s: Session): YearEditor {
  return new YearEditor(year(s));
}

function replay(store: YearStore, direction: 'undo' | 'redo'): UndoResult {
  const done = store.replay(direction);
  return { label: done?.label ?? null, changes: changesOfStep(store, done?.step ?? null), history: store.history() };
}

type Handlers = { [C in Channel]: (s: Session, input: ApiInput<C>) => ApiOutput<C> | Promise<ApiOutput<C>> };

export const handlers = {
  'app.home': (s) => app(s).home(),
  'app.newYear': (s, i) => app(s).newYear(i.fiscalYear, i.framework),
  'app.openYear': (s, i) => {
    const a = app(s);
    return a.open(a.resolvePageFile(i.file));
  },
  'app.openSample': (s) => app(s).openSample(),
  'app.setDataDir': (s, i) => app(s).setDataDir(i.dir),
  'app.closeYear': (s) => {
    app(s).closeYear();
    return null;
  },

  'year.info': (s) => {
    const store = year(s);
    const i = store.info();
    return { ...yearFacts(store), createdBy: i.createdBy, schemaVersion: i.schemaVersion };
  },
  'year.dump': (s) => serializeInterchange(year(s).read()),
  'year.load': (s, input) => {
    const source = input.source ?? 'JSON';
    let data;
    try {
      data = parseInterchange(input.json);
    } catch (e) {
      if (e instanceof InterchangeError) throw interchangeUserError(e, source);
      throw e;
    }
    const unknown = unknownLevel1Problems(data);
    if (unknown.length > 0) throw interchangeUserError(new InterchangeError(unknown), source);
    return year(s).append(data, `载入 ${source}`);
  },
  'year.validate': (s) => locatedFindings(year(s)),
  'year.checks': (s, i) => checksView(year(s), i),
  'year.export': (s, input) => {
    const { out, ...opts } = input;
    return exportYear(year(s).read(), { ...opts, out } as ExportOptions & { out: string });
  },
  'year.import': (s, input) =>
    importIntoStore(year(s), input.sources, {
      ...(input.dryRun === undefined ? {} : { dryRun: input.dryRun }),
      ...(input.department === undefined ? {} : { department: input.department }),
    }),
  'year.rollforward': (s, input) =>
    rollForwardInto(year(s), input.to, {
      ...(input.toYear === undefined ? {} : { toYear: input.toYear }),
      ...(input.keepAmounts === undefined ? {} : { keepAmounts: input.keepAmounts }),
      ...(input.projects === undefined ? {} : { projects: input.projects }),
    }),
  'year.setStyle': (s, i) => editor(s).setSummaryStyle(i.style),
  'backup.list': (s, i) => {
    const file = backupTarget(s, i.file);
    return { file, backups: listBackups(file).map(({ name, at, reason, bytes }) => ({ name, at, reason, bytes })) };
  },
  'backup.restore': (s, i) => {
    const a = app(s);
    const file = backupTarget(s, i.file);
    // Only a backup of this file, as backup.list named it: the page never names a path to copy from.
    const backup = listBackups(file).find((b) => b.name === i.backup);
    if (!backup) throw new UserError(`找不到备份“${i.backup}”`);
    if (a.store && path.resolve(a.store.path) === path.resolve(file)) a.closeYear();
    restoreBackup(file, backup.path);
    return a.open(file);
  },
  'import.addFiles': (s, i) => i.files.map((f) => app(s).importFiles.addBytes(f.name, Buffer.from(f.base64, 'base64'))),
  'import.addPaths': (s, i) => {
    const a = app(s);
    if (!a.host.pathsFromPage) throw new UserError('请用“选择文件…”在系统对话框中选择要导入的文件');
    return i.paths.map((p) => a.importFiles.addPath(path.resolve(p)));
  },
  'import.preview': (s, i) => importPreview(s.store, importRequest(app(s), i)),
  'import.start': (s, i) => {
    const a = app(s);
    const req = { ...importRequest(a, i), policy: i.policy };
    const store = i.target === 'open' ? year(s) : s.store;
    if (i.target === 'new') fs.mkdirSync(a.dataDir(), { recursive: true });
    return a.jobs.start('import', (ctx) => runImport(store, req, ctx, (file) => a.open(file)));
  },
  'import.clear': (s) => {
    app(s).importFiles.clear();
    return null;
  },
  'rollforward.preview': (s, i) =>
    rollForwardPreview(year(s), { toYear: i.toYear, keepAmounts: i.keepAmounts, dir: app(s).dataDir(), ...(i.projectIds ? { projectIds: i.projectIds } : {}) }),
  'rollforward.start': (s, i) => {
    const a = app(s);
    const store = year(s);
    fs.mkdirSync(a.dataDir(), { recursive: true });
    const req = { toYear: i.toYear, keepAmounts: i.keepAmounts, dir: a.dataDir(), ...(i.projectIds ? { projectIds: i.projectIds } : {}) };
    return a.jobs.start('rollforward', async (ctx) => {
      const done = await runRollForward(store, req, ctx);
      // The new year is where the officer works next.
      a.open(done.path);
      return done;
    });
  },
  'library.suggest': (s, i) => {
    const store = year(s);
    return suggest({ text: i.text, dataDir: app(s).dataDir(), open: store, framework: store.info().framework, ...(i.limit ? { limit: i.limit } : {}) });
  },
  'export.defaults': (s) => exportDefaults(year(s)),
  'export.start': (s, i) => {
    const a = app(s);
    const store = year(s);
    const request = { ...i, fontNames: stripUndefined(i.fontNames), ...(i.names ? { names: stripUndefined(i.names) } : {}), dir: i.download ? i.dir : a.resolvePageDir(i.dir) };
    return a.jobs.start('export', async (ctx) => {
      const result = await runExport(store, request, ctx);
      a.noteExported(result.files.flatMap((f) => (f.path ? [f.path] : [])));
      return result;
    });
  },
  'job.status': (s, i) => app(s).jobs.status(i.id),
  'job.cancel': (s, i) => app(s).jobs.cancel(i.id),
  'year.revision': (s) => year(s).revision(),
  'history.state': (s) => year(s).history(),
  'history.undo': (s) => replay(year(s), 'undo'),
  'history.redo': (s) => replay(year(s), 'redo'),

  'view.summary': (s) => summaryView(year(s)),
  'view.project': (s, i) => projectView(year(s), i.id),
  'view.overall': (s, i) => overallView(year(s), i.departmentId),

  'edit.cells': (s, i) => editor(s).setCells(i.changes, i.label),
  'department.add': (s, i) => editor(s).addDepartment(i.name, i.code, i.index),
  'department.delete': (s, i) => editor(s).deleteDepartment(i.id),
  'department.move': (s, i) => editor(s).moveDepartment(i.id, i.index),
  'unit.add': (s, i) => editor(s).addUnit(i.departmentId, i.name, i.code, i.index),
  'unit.delete': (s, i) => editor(s).deleteUnit(i.id),
  'unit.move': (s, i) => editor(s).moveUnit(i.id, i.index, i.departmentId),
  'project.add': (s, i) => editor(s).addProject(i.unitId, i.index, i.name),
  'project.delete': (s, i) => editor(s).deleteProjects(i.ids),
  'project.move': (s, i) => editor(s).moveProject(i.id, i.index, i.unitId),
  'indicator.add': (s, i) =>
    editor(s).addIndicator(
      { ...(i.projectId === undefined ? {} : { projectId: i.projectId }), ...(i.departmentId === undefined ? {} : { departmentId: i.departmentId }) },
      i.level1,
      i.level2,
      i.index,
      stripUndefined(i.fields ?? {}),
    ),
  'indicator.delete': (s, i) => editor(s).deleteIndicators(i.ids),
  'indicator.move': (s, i) => editor(s).moveIndicator(i.id, i.index),
  'indicator.setLevels': (s, i) => editor(s).setIndicatorLevels(i.ids, i.level1, i.level2),
  'overall.create': (s, i) => editor(s).createOverall(i.departmentId),
  'overall.delete': (s, i) => editor(s).deleteOverall(i.departmentId),
  'task.add': (s, i) => editor(s).addTask(i.departmentId, i.index),
  'task.delete': (s, i) => editor(s).deleteTasks(i.ids),
  'task.move': (s, i) => editor(s).moveTask(i.id, i.index),
} satisfies Handlers;

/** The year file whose backups are meant: the one named (as app.openYear names files), else the open one. */
function backupTarget(s: Session, file: string | undefined): string {
  if (file !== undefined) return app(s).resolvePageFile(file);
  return year(s).path;
}

function importRequest(a: AppSession, i: ApiInput<'import.preview'>): ImportRequest {
  return {
    files: a.importFiles.resolve(i.files),
    target: i.target,
    policy: 'skip',
    dir: a.dataDir(),
    ...(i.fiscalYear === undefined ? {} : { fiscalYear: i.fiscalYear }),
    ...(i.department === undefined ? {} : { department: i.department }),
  };
}

function stripUndefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** Keys whose strings (and everything under them) name files or folders. */
const PATH_KEYS = new Set(['file', 'out', 'dir', 'to', 'paths', 'sources', 'backup', 'names']);

/**
 * A NUL byte makes a string no path at all: Node's fs refuses it with a TypeError (an internal error to the
 * officer), and a schema of strings lets it through. Refused here, for every channel at once.
 */
function refuseNulInPaths(channel: string, input: unknown): void {
  const bad: string[] = [];
  const walk = (v: unknown, where: string, isPath: boolean): void => {
    if (typeof v === 'string') {
      if (isPath && v.includes('\0')) bad.push(where);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}.${i}`, isPath));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, where ? `${where}.${k}` : k, isPath || PATH_KEYS.has(k));
  };
  walk(input, '', false);
  if (bad.length > 0) throw new UserError(`操作“${channel}”的参数不对`, bad.map((w) => `${w}：文件名或路径中不能有空字符（\\0）`));
}

/** Calls a channel with unchecked input, as every transport does. */
export function invoke<C extends Channel>(session: Session, channel: C, input: unknown): ReturnType<(typeof handlers)[C]>;
export function invoke(session: Session, channel: string, input: unknown): unknown;
export function invoke(session: Session, channel: string, input: unknown): unknown {
  if (!isChannel(channel)) throw new UserError(`未知的操作“${channel}”`);
  const parsed = API[channel].safeParse(input ?? {});
  if (!parsed.success) {
    throw new UserError(`操作“${channel}”的参数不对`, parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`));
  }
  refuseNulInPaths(channel, parsed.data);
  if (!APP_CHANNELS.has(channel) && !session.store) year(session);
  const handler = handlers[channel] as (s: Session, i: unknown) => unknown;
  const store = APP_CHANNELS.has(channel) ? null : session.store;
  const before = store?.revision();
  const out = handler(session, parsed.data);
  // An action's answer says which revision it started from and which it made, so a screen notices what it missed.
  if (store && before !== undefined && out && typeof out === 'object' && 'changes' in out) {
    const result = out as { changes: Changes; revision?: Revision };
    result.revision = { before, after: store.revision() };
    // 审核 after this action reads and checks again only what it changed.
    noteChanges(store, result.changes, result.revision);
  }
  return out;
}

/** Runs a call for a transport: UserErrors become the Chinese message to show; anything else is an internal error. */
export function toResult<T>(fn: () => T): ApiResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (caught) {
    return errorResult(caught);
  }
}

/** Like toResult, for calls that may answer later (export, import). */
export async function toResultAsync<T>(fn: () => T | Promise<T>): Promise<ApiResult<Awaited<T>>> {
  try {
    return { ok: true, value: await fn() };
  } catch (caught) {
    return errorResult(caught);
  }
}

function errorResult(caught: unknown): { ok: false; error: ApiFailure } {
  return { ok: false, error: failureOf(caught) };
}
