// The 导入 wizard's side of the core: files handed over by the page (browser mode: their bytes; Electron: the paths
// the system dialog returned), a preview that writes nothing — what will come in, every warning with its sheet and
// cell, and which projects the year already has (matched by code, else by name) — and the job that writes: into the
// open year as one undo step, or into a new year file that opens when done. What happens to projects the year
// already has is the officer's choice: skip them, replace them in place, or add the imported ones as new.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportJobResult, ImportPolicy, ImportPreview, ImportPreviewProject } from '../../shared/api.ts';
import { UserError } from '../../shared/errors.ts';
import type { FrameworkId } from '../../shared/frameworks.ts';
import { projectTotal, type Project, type YearData } from '../../shared/model.ts';
import { parseTarget } from '../../shared/target.ts';
import { yearFileName } from './app/yearFileName.ts';
import { type ImportReport, readSources } from './importing.ts';
import type { JobContext } from './jobs.ts';
import { makeBackup } from './store/backups.ts';
import { YearStore } from './store/yearStore.ts';
import { createYearFileWith } from './store/newYearFile.ts';

/** Files the page may import: each known by an id, never by a path the page made up. */
export class ImportFiles {
  private readonly files = new Map<string, { name: string; path: string; temp: boolean }>();
  private dir: string | null = null;

  /** Bytes the browser read from a file the officer picked. */
  addBytes(name: string, bytes: Buffer): { id: string; name: string } {
    if (bytes.length === 0) throw new UserError(`“${name}”是空文件`);
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-import-'));
    const id = crypto.randomUUID();
    // A folder per file, so the copy keeps the officer's file name: warnings name the file as the officer knows it.
    fs.mkdirSync(path.join(this.dir, id));
    const file = path.join(this.dir, id, path.basename(name).replace(/[\\/:*?"<>|]/g, '_'));
    fs.writeFileSync(file, bytes);
    this.files.set(id, { name: path.basename(name), path: file, temp: true });
    return { id, name: path.basename(name) };
  }

  /** A path the system dialog returned (Electron) or the officer typed (browser mode). */
  addPath(file: string): { id: string; name: string } {
    const id = crypto.randomUUID();
    this.files.set(id, { name: path.basename(file), path: file, temp: false });
    return { id, name: path.basename(file) };
  }

  resolve(ids: readonly string[]): { name: string; path: string }[] {
    return ids.map((id) => {
      const f = this.files.get(id);
      if (!f) throw new UserError('要导入的文件已不在（可能已导入过或程序重新启动过），请重新选择');
      return f;
    });
  }

  /** Forgets the files (and deletes the uploaded copies). */
  clear(): void {
    for (const f of this.files.values()) if (f.temp) fs.rmSync(f.path, { force: true });
    this.files.clear();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

export interface ImportRequest {
  files: readonly { name: string; path: string }[];
  target: 'open' | 'new';
  /** For a new year file: its fiscal year. */
  fiscalYear?: number;
  policy: ImportPolicy;
  /** Department name for T2 blocks, which name only their unit. */
  department?: string;
  /** The data folder, where a new year file goes. */
  dir: string;
}

const matchKey = {
  code: (p: Pick<Project, 'code'>) => p.code.replace(/\s/g, ''),
  name: (p: Pick<Project, 'name'>) => p.name.replace(/[\s\u3000]/g, ''),
};

interface Existing {
  byCode: Map<string, { id: number; name: string }>;
  byName: Map<string, { id: number; name: string }>;
}

function existingProjects(store: YearStore): Existing {
  const rows = store.db.prepare('SELECT id, code, name FROM project ORDER BY id').all() as { id: number; code: string; name: string }[];
  const byCode = new Map<string, { id: number; name: string }>();
  const byName = new Map<string, { id: number; name: string }>();
  for (const r of rows) {
    if (matchKey.code(r) !== '' && !byCode.has(matchKey.code(r))) byCode.set(matchKey.code(r), r);
    if (matchKey.name(r) !== '' && !byName.has(matchKey.name(r))) byName.set(matchKey.name(r), r);
  }
  return { byCode, byName };
}

/** The project the year already has for an imported one: same code, else (no code on either side) same name. */
function match(existing: Existing, p: Project): { id: number; name: string; by: 'code' | 'name' } | null {
  const code = matchKey.code(p);
  if (code !== '') {
    const hit = existing.byCode.get(code);
    if (hit) return { ...hit, by: 'code' };
  }
  const hit = existing.byName.get(matchKey.name(p));
  return hit ? { ...hit, by: 'name' } : null;
}

async function read(req: ImportRequest, target: { fiscalYear: number; framework: FrameworkId | null }, ctx: JobContext | null): Promise<ImportReport> {
  // One file at a time, so a cancel between files is heard and the bar moves.
  const reports: ImportReport[] = [];
  for (const [i, f] of req.files.entries()) {
    ctx?.progress(i, req.files.length + 1, `正在读取“${f.name}”（${i + 1}/${req.files.length}）`);
    await ctx?.checkpoint();
    reports.push(await readSources([f.path], target, req.department ? { department: req.department } : {}));
  }
  // Read together once more, so departments spread over several files merge as the CLI merges them.
  return req.files.length === 1 ? (reports[0] as ImportReport) : readSources(req.files.map((f) => f.path), target, req.department ? { department: req.department } : {});
}

function previewOf(report: ImportReport, existing: Existing | null, target: ImportPreview['target']): ImportPreview {
  const projects: ImportPreviewProject[] = [];
  for (const d of report.data.departments) {
    for (const u of d.units) {
      for (const p of u.projects) {
        const m = existing ? match(existing, p) : null;
        projects.push({
          department: d.name,
          unit: u.name,
          code: p.code,
          name: p.name,
          total: projectTotal(p),
          indicators: p.indicators.length,
          existing: m ? { name: m.name, by: m.by } : null,
        });
      }
    }
  }
  return {
    target,
    fiscalYear: report.data.fiscalYear,
    framework: report.data.framework,
    sheets: report.sheets,
    warnings: report.warnings,
    departments: report.data.departments.map((d) => ({ name: d.name, units: d.units.length, hasOverall: d.overall !== null })),
    projects,
  };
}

export async function importPreview(store: YearStore | null, req: ImportRequest): Promise<ImportPreview> {
  if (req.target === 'open') {
    if (!store) throw new UserError('还没有打开年度文件：请选择“新建年度文件”作为导入目标');
    const info = store.info();
    const report = await read(req, { fiscalYear: info.fiscalYear, framework: info.framework }, null);
    return previewOf(report, existingProjects(store), { kind: 'open', path: store.path });
  }
  const fiscalYear = requireYear(req);
  const report = await read(req, { fiscalYear, framework: null }, null);
  const file = path.join(req.dir, yearFileName(fiscalYear));
  return previewOf(report, null, { kind: 'new', path: file, exists: fs.existsSync(file) });
}

function requireYear(req: ImportRequest): number {
  if (req.fiscalYear === undefined) throw new UserError('请填写新年度文件的年度');
  return req.fiscalYear;
}

/** Applies the officer's choice for the projects the year already has; answers what was done. */
function applyPolicy(store: YearStore, data: YearData, policy: ImportPolicy): { replaced: { id: number; with: Project }[]; skipped: number } {
  const existing = existingProjects(store);
  const replaced: { id: number; with: Project }[] = [];
  let skipped = 0;
  for (const d of data.departments) {
    for (const u of d.units) {
      u.projects = u.projects.filter((p) => {
        const m = match(existing, p);
        if (!m || policy === 'add') return true;
        if (policy === 'replace') replaced.push({ id: m.id, with: p });
        else skipped++;
        return false;
      });
    }
  }
  return { replaced, skipped };
}

/** Puts an imported project's content into an existing project's row, keeping its place; its indicators are replaced. */
function replaceProject(store: YearStore, id: number, p: Project): void {
  const db = store.db;
  db.prepare(
    `UPDATE project SET code = ?, name = ?, fund_fiscal = ?, fund_fiscal_special = ?, fund_other = ?, stated_total = ?, purpose = ?, goal = ?,
       plan_mar = ?, plan_jun = ?, plan_oct = ?, plan_dec = ?, unparsed_indicators = ? WHERE id = ?`,
  ).run(
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
    id,
  );
  db.prepare('DELETE FROM indicator WHERE project_id = ?').run(id);
  const ins = db.prepare(
    `INSERT INTO indicator (project_id, position, level1, level2, name, description, annual_value, period_value, basis, prior_value, target_op, target_number, target_unit)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  p.indicators.forEach((ind, i) => {
    const t = parseTarget(ind.annualValue);
    ins.run(id, i, ind.level1, ind.level2, ind.name, ind.description, ind.annualValue, ind.periodValue, ind.basis, ind.priorValue, t.op, t.number, t.unit);
  });
}

export async function runImport(store: YearStore | null, req: ImportRequest, ctx: JobContext, open: (file: string) => void): Promise<ImportJobResult> {
  const label = `导入 ${req.files.map((f) => f.name).join('、')}`;
  if (req.target === 'open') {
    if (!store) throw new UserError('还没有打开年度文件');
    const info = store.info();
    const report = await read(req, { fiscalYear: info.fiscalYear, framework: info.framework }, ctx);
    await ctx.checkpoint();
    ctx.progress(req.files.length, req.files.length + 1, '正在备份并写入年度文件');
    makeBackup(store.path, '导入前');
    // Everything below is one transaction, one undo step: after this point a cancel is too late, and harmless.
    let outcome = { replaced: [] as { id: number; with: Project }[], skipped: 0 };
    let counts = { projects: 0, indicators: 0 };
    store.transact(label, () => {
      outcome = applyPolicy(store, report.data, req.policy);
      for (const r of outcome.replaced) replaceProject(store, r.id, r.with);
      const added = store.appendInside(report.data, { mergeByName: true });
      counts = { projects: added.projects + outcome.replaced.length, indicators: added.indicators + outcome.replaced.reduce((n, r) => n + r.with.indicators.length, 0) };
    });
    return { path: store.path, ...counts, replaced: outcome.replaced.length, skipped: outcome.skipped, warnings: report.warnings.length };
  }
  const fiscalYear = requireYear(req);
  const report = await read(req, { fiscalYear, framework: null }, ctx);
  const target = path.join(req.dir, yearFileName(fiscalYear));
  if (fs.existsSync(target)) throw new UserError(`数据文件夹中已有“${path.basename(target)}”：请打开它后再导入，或选择“当前打开的年度”作为目标`);
  await ctx.checkpoint();
  ctx.progress(req.files.length, req.files.length + 1, '正在写入新年度文件');
  createYearFileWith(target, { fiscalYear, framework: report.data.framework }, (next) => void next.append(report.data, label));
  open(target);
  return { path: target, projects: report.counts.projects, indicators: report.counts.indicators, replaced: 0, skipped: 0, warnings: report.warnings.length };
}
