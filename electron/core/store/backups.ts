// Backups of a year file, kept beside it in a folder of their own (`2025年绩效目标.备份/`): one before every import,
// roll-forward and restore, and one per day the file is worked on. The rotation is bounded — the newest few of
// each kind and one a day for a month — so the folder never grows without end. A restore checks the backup is a
// sound year file, backs up the file it replaces, and puts the backup in place in one rename.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../../shared/errors.ts';
import { checkYearFileHeader } from './fileCheck.ts';

export type BackupReason = '导入前' | '结转前' | '恢复前' | '每日' | '升级前';

export interface BackupEntry {
  path: string;
  name: string;
  /** ISO time the backup was made. */
  at: string;
  reason: string;
  bytes: number;
}

/** How many backups of each reason are kept (the daily ones: one a day for this many days). */
const KEEP: Readonly<Record<BackupReason, number>> = { 导入前: 10, 结转前: 5, 恢复前: 5, 升级前: 5, 每日: 30 };

const NAME = /^(?<stem>.+)-(?<date>\d{8})-(?<time>\d{6})-(?<reason>[^-.]+)\.db$/;

/** `D:\绩效\2025年绩效目标.db` → `D:\绩效\2025年绩效目标.备份` */
export function backupDir(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.备份`);
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function parseStamp(date: string, time: string): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)), Number(time.slice(0, 2)), Number(time.slice(2, 4)), Number(time.slice(4, 6)));
}

export function listBackups(file: string): BackupEntry[] {
  const dir = backupDir(file);
  const stem = path.basename(file, path.extname(file));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    names = [];
  }
  const out: BackupEntry[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m?.groups || m.groups.stem !== stem) continue;
    const full = path.join(dir, name);
    out.push({ path: full, name, at: parseStamp(m.groups.date ?? '', m.groups.time ?? '').toISOString(), reason: m.groups.reason ?? '', bytes: fs.statSync(full).size });
  }
  // Schema-migration copies left beside the file by older versions (`2025年.v1备份.db`) are backups too.
  let beside: string[];
  try {
    beside = fs.readdirSync(path.dirname(file));
  } catch {
    beside = []; // a folder that is not there (a removed stick, a name typed wrong) holds no backups
  }
  for (const name of beside) {
    if (!name.startsWith(`${stem}.v`) || !/\.v\d+备份(\(\d+\))?\.db$/.test(name)) continue;
    const full = path.join(path.dirname(file), name);
    const st = fs.statSync(full);
    out.push({ path: full, name, at: st.mtime.toISOString(), reason: '升级前', bytes: st.size });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

/**
 * Copies the year file into its backup folder (a consistent copy even while it is open: SQLite's VACUUM INTO), then
 * trims the old ones. Answers the backup's path.
 */
export function makeBackup(file: string, reason: BackupReason, now = new Date()): string {
  const dir = backupDir(file);
  fs.mkdirSync(dir, { recursive: true });
  sweepStalePartials(dir, now);
  const stem = path.basename(file, path.extname(file));
  let target = path.join(dir, `${stem}-${stamp(now)}-${reason}.db`);
  for (let i = 2; fs.existsSync(target); i++) target = path.join(dir, `${stem}-${stamp(new Date(now.getTime() + i * 1000))}-${reason}.db`);
  const tmp = `${target}.partial`;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    db.close();
  }
  fs.renameSync(tmp, target);
  rotate(file);
  return target;
}

/** Older than this, a `.partial` copy is no backup in progress (VACUUM INTO takes seconds) but one a crash cut short. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/** A backup cut short (the program killed, the power gone) leaves its `.partial` copy, as large as the year file. */
function sweepStalePartials(dir: string, now: Date): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.db.partial')) continue;
    const full = path.join(dir, name);
    try {
      if (now.getTime() - fs.statSync(full).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(full, { force: true });
    } catch {
      // Gone meanwhile: nothing to sweep.
    }
  }
}

/** One backup a day the file is worked on: made on the first opening of a day. */
export function dailyBackup(file: string, now = new Date()): string | null {
  const today = stamp(now).slice(0, 8);
  const made = listBackups(file).some((b) => b.reason === '每日' && stamp(new Date(b.at)).slice(0, 8) === today);
  return made ? null : makeBackup(file, '每日', now);
}

function rotate(file: string): void {
  const byReason = new Map<string, BackupEntry[]>();
  for (const b of listBackups(file)) {
    if (path.dirname(b.path) !== backupDir(file)) continue;
    let list = byReason.get(b.reason);
    if (!list) byReason.set(b.reason, (list = []));
    list.push(b);
  }
  for (const [reason, list] of byReason) {
    const keep = KEEP[reason as BackupReason] ?? 5;
    for (const old of list.slice(keep)) fs.rmSync(old.path, { force: true });
  }
}

/** Says why `backup` cannot stand in for `file`; returns when it can. */
function checkBackup(file: string, backup: string): void {
  checkYearFileHeader(backup);
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new UserError(`备份“${path.basename(backup)}”已损坏（${String(ok)}），不能用于恢复`);
    const year = db.prepare("SELECT value FROM meta WHERE key = 'fiscal_year'").pluck().get() as string | undefined;
    if (fs.existsSync(file)) {
      try {
        const current = new Database(file, { readonly: true, fileMustExist: true });
        try {
          const want = current.prepare("SELECT value FROM meta WHERE key = 'fiscal_year'").pluck().get() as string | undefined;
          if (want !== undefined && year !== want) throw new UserError(`备份是 ${year ?? '?'} 年度的，年度文件是 ${want} 年度的：请选择这个年度文件自己的备份`);
        } finally {
          current.close();
        }
      } catch (e) {
        if (e instanceof UserError) throw e;
        // The year file itself cannot be read (the reason to restore): nothing to compare with.
      }
    }
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the year file: the backup is checked first, the file it replaces is backed up (when it
 * can still be read), and the switch is one rename. Nothing changes when any check fails.
 */
export function restoreBackup(file: string, backup: string): { replacedBackup: string | null } {
  if (!fs.existsSync(backup)) throw new UserError(`找不到备份“${backup}”`);
  checkBackup(file, backup);
  let replacedBackup: string | null = null;
  if (fs.existsSync(file)) {
    try {
      replacedBackup = makeBackup(file, '恢复前');
    } catch {
      // A damaged file cannot be copied by SQLite: keep its bytes as they are, beside the backups.
      const dir = backupDir(file);
      fs.mkdirSync(dir, { recursive: true });
      replacedBackup = path.join(dir, `${path.basename(file, path.extname(file))}-${stamp(new Date())}-损坏的原文件.db`);
      fs.copyFileSync(file, replacedBackup);
    }
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.restoring`);
  fs.copyFileSync(backup, tmp);
  fs.renameSync(tmp, file);
  return { replacedBackup };
}
