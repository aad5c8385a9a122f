// The app around the year files: the data folder (by default under the officer's Documents, where year files are
// easy to find, copy and mail), the recent files, and the one year file that is open. The Electron shell and the
// browser-mode server each host one AppSession; the CLI works on single files and needs none.

import fs from 'node:fs';
import path from 'node:path';
import type { HomeState, RecentEntry, YearFileEntry } from '../../../shared/api.ts';
import { UserError } from '../../../shared/errors.ts';
import type { FrameworkId } from '../../../shared/frameworks.ts';
import type { YearFacts } from '../../../shared/views.ts';
import { writeFileAtomic } from '../files.ts';
import { ImportFiles } from '../importJob.ts';
import { Jobs } from '../jobs.ts';
import { dailyBackup } from '../store/backups.ts';
import { checkYearFileHeader } from '../store/fileCheck.ts';
import { yearFacts } from '../store/rows.ts';
import { YearStore } from '../store/yearStore.ts';
import { SAMPLE_FILE_NAME, sampleYear } from './sample.ts';
import { yearFileName } from './yearFileName.ts';

export interface AppPaths {
  /** Where settings.json (data folder, recent files) is kept. */
  configDir: string;
  /** The data folder until the officer chooses another. */
  defaultDataDir: string;
}

export interface HostOptions {
  /**
   * Whether the page may name files by path. Browser mode: yes (there is no system dialog; the officer types
   * them). Electron: no — paths come from main-process dialogs, and the page can only name files of the data
   * folder or the recent list.
   */
  pathsFromPage: boolean;
}

interface Settings {
  dataDir?: string;
  recent: { path: string; opened: string }[];
}

const RECENT_LIMIT = 10;

export class AppSession {
  store: YearStore | null = null;
  /** Long operations under way (import, export, roll-forward). */
  readonly jobs = new Jobs();
  /** Folders the officer chose in a system dialog (Electron): the page may name them afterwards. */
  private readonly grantedDirs = new Set<string>();
  /** Files handed over for import, by id. */
  readonly importFiles = new ImportFiles();
  /** Year files the officer chose in a system dialog (Electron), even ones that then failed to open. */
  private readonly grantedFiles = new Set<string>();
  /** Files this session's exports wrote: the shell may show them in the file manager. */
  private readonly exported = new Set<string>();
  readonly paths: AppPaths;
  readonly host: HostOptions;

  constructor(paths: AppPaths, host: HostOptions) {
    this.paths = paths;
    this.host = host;
  }

  /** The session object the handler map works on. */
  get app(): AppSession {
    return this;
  }

  private settingsFile(): string {
    return path.join(this.paths.configDir, 'settings.json');
  }

  private readSettings(): Settings {
    try {
      const raw = JSON.parse(fs.readFileSync(this.settingsFile(), 'utf8')) as Partial<Settings>;
      return {
        ...(typeof raw.dataDir === 'string' ? { dataDir: raw.dataDir } : {}),
        recent: Array.isArray(raw.recent) ? raw.recent.filter((r) => typeof r?.path === 'string' && typeof r?.opened === 'string') : [],
      };
    } catch {
      // No settings yet, or a damaged file: start from the defaults rather than refuse to start.
      return { recent: [] };
    }
  }

  private writeSettings(s: Settings): void {
    fs.mkdirSync(this.paths.configDir, { recursive: true });
    writeFileAtomic(this.settingsFile(), `${JSON.stringify(s, null, 2)}\n`, { overwrite: true });
  }

  dataDir(): string {
    return this.readSettings().dataDir ?? this.paths.defaultDataDir;
  }

  home(): HomeState {
    const dataDir = this.dataDir();
    const recent: RecentEntry[] = this.readSettings().recent.map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
    const startProblem = this.startProblem;
    return {
      dataDir,
      years: listYearFiles(dataDir),
      recent,
      open: this.store ? yearFacts(this.store) : null,
      pathsFromPage: this.host.pathsFromPage,
      ...(startProblem ? { startProblem } : {}),
    };
  }

  /** Kept until a year opens, so that a reload of the page still says why the app is on Home. */
  private startProblem: HomeState['startProblem'];

  /**
   * Opens the year file the app was started with. One that will not open (damaged, not a year file, gone) leaves
   * the app on Home, which says why and, for a damaged file, offers its backups — instead of a start that fails.
   */
  openAtStart(file: string): void {
    const abs = path.resolve(file);
    try {
      this.open(abs);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      // The page may restore it from its backups, so it must be allowed to name it.
      this.grantFile(abs);
      this.startProblem = { file: abs, message: e.message, ...(e.code ? { code: e.code } : {}) };
    }
  }

  setDataDir(dir: string): HomeState {
    if (!this.host.pathsFromPage) throw new UserError('请用“文件 › 更改数据文件夹…”在系统对话框中选择文件夹');
    return this.useDataDir(dir);
  }

  /** Makes `dir` the data folder (the shell calls this with a folder its dialog returned). */
  useDataDir(dir: string): HomeState {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs)) throw new UserError(`文件夹“${abs}”不存在`);
    if (!fs.statSync(abs).isDirectory()) throw new UserError(`“${abs}”不是文件夹`);
    const s = this.readSettings();
    this.writeSettings({ ...s, dataDir: abs });
    return this.home();
  }

  /**
   * Which file the page means: a name in the data folder, a path from the recent list, or — only where the host
   * lets the page name paths — any path.
   */
  resolvePageFile(file: string): string {
    const dataDir = this.dataDir();
    if (!file.includes('/') && !file.includes('\\')) return path.join(dataDir, file);
    const abs = path.resolve(file);
    if (this.host.pathsFromPage) return abs;
    if (path.dirname(abs) === path.resolve(dataDir)) return abs;
    if (this.grantedFiles.has(abs)) return abs;
    if (this.readSettings().recent.some((r) => path.resolve(r.path) === abs)) return abs;
    throw new UserError('只能打开数据文件夹中的年度文件或最近打开过的文件；其他位置的文件请用“打开”在系统对话框中选择');
  }

  /** A year file the officer chose in a system dialog: the page may name it afterwards (its backups, say). */
  grantFile(file: string): void {
    this.grantedFiles.add(path.resolve(file));
  }

  noteExported(files: readonly string[]): void {
    for (const f of files) this.exported.add(path.resolve(f));
  }

  wasExported(file: string): boolean {
    return this.exported.has(path.resolve(file));
  }

  /** A folder the officer chose in a system dialog: exports may go there. */
  grantDir(dir: string): void {
    this.grantedDirs.add(path.resolve(dir));
  }

  /**
   * The folder the page means for an export: any folder where the page may name paths (browser mode); else the
   * data folder, the open year file's folder, or one the officer chose in the system dialog.
   */
  resolvePageDir(dir: string): string {
    const abs = path.resolve(dir);
    if (!this.host.pathsFromPage) {
      const allowed = [this.dataDir(), ...(this.store ? [path.dirname(this.store.path)] : []), ...this.grantedDirs].map((d) => path.resolve(d));
      if (!allowed.includes(abs)) throw new UserError('请用“选择文件夹…”在系统对话框中选择导出到哪个文件夹');
    }
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UserError(`文件夹“${abs}”不存在，未导出`);
    return abs;
  }

  /** Opens a year file and makes it the session's; the one open before is closed. */
  open(file: string): YearFacts {
    const abs = path.resolve(file);
    const readonly = !writable(abs);
    const store = YearStore.open(abs, { readonly });
    try {
      // One backup a day the file is worked on, taken as it is opened.
      if (!readonly) dailyBackup(abs);
    } catch {
      // A folder that takes no backup (read-only, full) must not keep the officer from the year; 文件 › 恢复备份 says what there is.
    }
    this.store?.close();
    this.store = store;
    this.startProblem = undefined;
    const s = this.readSettings();
    const recent = [{ path: abs, opened: new Date().toISOString() }, ...s.recent.filter((r) => path.resolve(r.path) !== abs)].slice(0, RECENT_LIMIT);
    try {
      this.writeSettings({ ...s, recent });
    } catch {
      // A read-only settings folder must not stop the officer from working; the recent list just stays as it was.
    }
    return yearFacts(store);
  }

  newYear(fiscalYear: number, framework: FrameworkId): YearFacts {
    const dir = this.dataDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, yearFileName(fiscalYear));
    if (fs.existsSync(file)) {
      throw new UserError(`数据文件夹中已有 ${fiscalYear} 年度的文件“${path.basename(file)}”，请直接打开它（未新建）`);
    }
    YearStore.create(file, { fiscalYear, framework }).close();
    return this.open(file);
  }

  /** Opens the sample year, building it first if the data folder does not have it yet. */
  openSample(): YearFacts {
    const dir = this.dataDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, SAMPLE_FILE_NAME);
    if (!fs.existsSync(file)) {
      const data = sampleYear();
      const store = YearStore.create(file, { fiscalYear: data.fiscalYear, framework: data.framework });
      try {
        store.append(data, '示例数据（依据公开发布的绩效目标表）');
      } finally {
        store.close();
      }
    }
    return this.open(file);
  }

  closeYear(): void {
    this.store?.close();
    this.store = null;
    this.importFiles.clear();
  }
}

/**
 * Whether a year file can be written: the file (by its permission bits too — an administrator passes every access
 * check) and its folder, where SQLite keeps its journal while it saves.
 */
function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return (fs.statSync(file).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/** The year files in a folder, newest year first; files that cannot be read are listed with the reason. */
export function listYearFiles(dir: string): YearFileEntry[] {
  let names: string[];
  try {
    // Year files only: not hidden files, not the copies a schema upgrade leaves beside a file (`2025年.v1备份.db`).
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.db') && !n.startsWith('.') && !/\.v\d+备份(\(\d+\))?\.db$/i.test(n));
  } catch {
    return [];
  }
  const out: YearFileEntry[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    const entry: YearFileEntry = { name, path: file, fiscalYear: null, framework: null, projects: null, modified: stat.mtime.toISOString(), bytes: stat.size };
    try {
      checkYearFileHeader(file);
      const store = YearStore.open(file, { readonly: true });
      try {
        const info = store.info();
        entry.fiscalYear = info.fiscalYear;
        entry.framework = info.framework;
        entry.projects = store.db.prepare('SELECT count(*) FROM project').pluck().get() as number;
      } finally {
        store.close();
      }
    } catch (e) {
      entry.problem = e instanceof UserError ? e.message : `无法读取：${(e as Error).message}`;
      if (e instanceof UserError && e.code === 'year-damaged') entry.damaged = true;
    }
    out.push(entry);
  }
  return out.sort((a, b) => (b.fiscalYear ?? 0) - (a.fiscalYear ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));
}
