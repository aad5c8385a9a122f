// What the harness checks after each kill, from the outside, as the officer's next start would find the files:
// the year file opens (SQLite rolls back a hot journal), passes integrity_check, and holds exactly one of the states
// the interrupted action may leave (before it, after it — for a burst, after any whole call); its undo history is
// consistent and undo then redo comes back to the same state; a file the action makes (next year's file, the
// xlsx) is absent or complete; every backup listed is a sound copy of the state before; and nothing half-written
// stands where a real file would be looked for — temporary files left by the kill are counted by kind.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { listYearFiles } from '../../electron/core/app/session.ts';
import { backupDir, listBackups } from '../../electron/core/store/backups.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { dumpHash, W } from './scenarios.ts';

export interface YearCheck {
  /** Index of the expected state the file holds, or -1. */
  state: number;
  problems: string[];
}

/** history and undo_log agree: every logged change belongs to a step, every step has changes, none is half-open. */
export function historyProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const open = db.prepare('SELECT step FROM undo_state WHERE id = 1').pluck().get();
  if (open !== null) problems.push(`undo_state.step 未清空（${String(open)}）：有半截操作`);
  const orphans = db.prepare('SELECT count(*) FROM undo_log WHERE step NOT IN (SELECT id FROM history)').pluck().get() as number;
  if (orphans > 0) problems.push(`undo_log 中 ${orphans} 行不属于任何操作`);
  const empty = db.prepare('SELECT count(*) FROM history WHERE id NOT IN (SELECT step FROM undo_log)').pluck().get() as number;
  if (empty > 0) problems.push(`history 中 ${empty} 个操作没有任何记录`);
  const order = db
    .prepare('SELECT count(*) FROM history a JOIN history b ON a.undone = 1 AND b.undone = 0 AND a.id < b.id')
    .pluck()
    .get() as number;
  if (order > 0) problems.push('已撤销的操作排在未撤销的操作之前');
  return problems;
}

function integrity(db: Database.Database): string | null {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const first = rows[0]?.integrity_check;
  return first === 'ok' ? null : `integrity_check：${rows.map((r) => r.integrity_check).join('；')}`;
}

/**
 * Opens a year file as the app would and checks it against `states` (dump hashes). With `undoTo`, a file in the
 * state `undoTo[k]` for k must come back to that state on undo (the action is one step).
 */
export function checkYear(file: string, states: readonly string[], undoTo?: ReadonlyMap<number, number>): YearCheck {
  const problems: string[] = [];
  let store: YearStore;
  try {
    store = YearStore.open(file);
  } catch (e) {
    return { state: -1, problems: [`打不开：${(e as Error).message}`] };
  }
  try {
    const bad = integrity(store.db);
    if (bad) problems.push(bad);
    problems.push(...historyProblems(store.db));
    const now = dumpHash(store);
    const state = states.indexOf(now);
    if (state < 0) problems.push('内容既不是操作前也不是操作后的状态');
    if (store.history().undo.length > 0) {
      store.undo();
      const back = undoTo?.get(state);
      if (back !== undefined && dumpHash(store) !== states[back]) problems.push(`撤销后不是操作前的状态（状态 ${state} → 应为 ${back}）`);
      store.redo();
      if (dumpHash(store) !== now) problems.push('撤销再重做后内容不同');
      const again = historyProblems(store.db);
      if (again.length > 0) problems.push(...again.map((p) => `撤销重做后：${p}`));
    }
    return { state, problems };
  } finally {
    store.close();
  }
}

/** Every backup the app would offer is a sound year file holding one of `states`. */
export function backupProblems(file: string, states: readonly string[]): string[] {
  const problems: string[] = [];
  for (const b of listBackups(file)) {
    try {
      const db = new Database(b.path, { readonly: true, fileMustExist: true });
      try {
        const bad = integrity(db);
        if (bad) problems.push(`备份 ${b.name}：${bad}`);
      } finally {
        db.close();
      }
      const store = YearStore.open(b.path, { readonly: true });
      try {
        if (!states.includes(dumpHash(store))) problems.push(`备份 ${b.name} 的内容不是操作前的状态`);
      } finally {
        store.close();
      }
    } catch (e) {
      problems.push(`备份 ${b.name} 打不开：${(e as Error).message}`);
    }
  }
  return problems;
}

/** The sheets of an exported workbook and their row counts, to compare a file the kill left with a whole one. */
export async function workbookShape(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => `${ws.name}:${ws.rowCount}`).join(',');
}

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

/** The kind of a file the kill left behind that no operation meant to leave, or null for a file expected there. */
export function leftoverKind(rel: string): string | null {
  const name = path.basename(rel);
  if (name.endsWith('-journal')) return name.startsWith('.') ? '临时文件的日志（-journal）' : '年度文件的日志（-journal，打开时回滚）';
  if (name.endsWith('.db.partial')) return '未完成的备份（.db.partial）';
  if (name.startsWith('.')) {
    const ext = /\.(tmp|partial|creating|restoring)$/.exec(name)?.[1];
    if (ext) return `隐藏的临时文件（.${ext}）`;
  }
  return null;
}

export interface FilesCheck {
  /** Files the kill left, by kind. */
  leftovers: Record<string, number>;
  problems: string[];
}

/**
 * Lists what is in the workspace after a kill, before anything opens it: every file is one that was there before,
 * one the action makes (checked elsewhere), a backup the app lists, or a temporary file of a known kind.
 */
export function checkFiles(dir: string, before: ReadonlySet<string>, made: readonly string[]): FilesCheck {
  const leftovers: Record<string, number> = {};
  const problems: string[] = [];
  const year = path.join(dir, W.year);
  const listed = new Set([year, path.join(dir, W.next)].flatMap((f) => listBackups(f).map((b) => path.relative(dir, b.path))));
  const backups = path.relative(dir, backupDir(year));
  for (const rel of walk(dir)) {
    if (before.has(rel) || made.includes(rel) || listed.has(rel)) continue;
    if (rel === path.join(W.config, 'settings.json')) continue;
    const kind = leftoverKind(rel);
    if (kind) leftovers[kind] = (leftovers[kind] ?? 0) + 1;
    else problems.push(`多出的文件：${rel}${rel.startsWith(backups) ? '（在备份文件夹中）' : ''}`);
  }
  // The home screen lists year files only: none of the temporary ones.
  const shown = listYearFiles(path.join(dir, 'data')).map((e) => e.name);
  for (const name of shown) {
    if (name !== path.basename(W.year) && name !== path.basename(W.next)) problems.push(`首页把“${name}”当作年度文件列出`);
  }
  return { leftovers, problems };
}

export function filesOf(dir: string): Set<string> {
  return new Set(walk(dir));
}
