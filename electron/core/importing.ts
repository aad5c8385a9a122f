// Import of xlsx files into a year, and roll-forward into a new year file: the core's side, which reads files and
// writes the store. Nothing is written before every source has been read; a dry run writes nothing at all.

import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import { FRAMEWORKS, type FrameworkId } from '../../shared/frameworks.ts';
import { type ImportResult, importSheets, mergeDepartments } from '../../shared/import/importSheets.ts';
import type { SheetData } from '../../shared/import/sheetGrid.ts';
import { unknownLevel1Problems } from '../../shared/interchange.ts';
import type { YearData } from '../../shared/model.ts';
import { rollForward, type RollForwardOptions, type RollForwardResult } from '../../shared/rollforward.ts';
import { YearStore } from './store/yearStore.ts';
import { readXlsxFile } from './xlsx/readWorkbook.ts';
import { createYearFileWith } from './store/newYearFile.ts';

export interface ImportReport extends Omit<ImportResult, 'departments' | 'style' | 'statedYears'> {
  data: YearData;
  counts: { departments: number; projects: number; indicators: number };
}

/** 成本指标 as a 一级 is framework B's mark. */
function usesFrameworkB(results: readonly ImportResult[]): boolean {
  const l1 = results.flatMap((r) => r.departments).flatMap((d) => [...(d.overall?.indicators ?? []), ...d.units.flatMap((u) => u.projects.flatMap((p) => p.indicators))]);
  return l1.some((i) => i.level1.replace(/\s/g, '') === '成本指标');
}

/**
 * Each source's sheets read in the target's framework, or, when the year has none yet, in the one they turn out to
 * use: read in A first, which tells, and read again only when that is B (a whole T2 takes seconds to recognise).
 */
function importAll(
  read: readonly { source: string; data: SheetData[] }[],
  framework: FrameworkId | null,
  opts: { department?: string },
): { framework: FrameworkId; results: ImportResult[] } {
  const inFramework = (id: FrameworkId) => read.map(({ source, data }) => importSheets(source, data, FRAMEWORKS[id], opts));
  if (framework) return { framework, results: inFramework(framework) };
  const inA = inFramework('A');
  return usesFrameworkB(inA) ? { framework: 'B', results: inFramework('B') } : { framework: 'A', results: inA };
}

/** Reads the source files into one year's data (nothing is written). */
export async function readSources(
  sources: readonly string[],
  target: { fiscalYear: number; framework: FrameworkId | null },
  opts: { department?: string } = {},
): Promise<ImportReport> {
  if (sources.length === 0) throw new UserError('没有给出要导入的 xlsx 文件');
  const read: { source: string; data: SheetData[] }[] = [];
  for (const file of sources) read.push({ source: path.basename(file), data: await readXlsxFile(file) });
  const { framework, results } = importAll(read, target.framework, opts);
  const warnings: ImportResult['warnings'] = [];
  const sheets: ImportResult['sheets'] = [];
  const departments: ImportResult['departments'] = [];
  let style: ImportResult['style'] = null;
  for (const [i, r] of results.entries()) {
    const source = read[i]?.source ?? '';
    // A file of another year (last year's, chosen by mistake) is said first, before anything is written.
    for (const y of r.statedYears.toReversed()) {
      if (y.year === target.fiscalYear) continue;
      r.warnings.unshift({ where: y.where, message: `${y.text}是 ${y.year} 年的，而导入的年度文件是 ${target.fiscalYear} 年：请确认没有选错文件或年度` });
    }
    warnings.push(...r.warnings.map((w) => ({ ...w, where: sources.length > 1 ? `${source}：${w.where}` : w.where })));
    sheets.push(...r.sheets);
    departments.push(...r.departments);
    style ??= r.style;
  }
  const merged = mergeDepartments(departments, warnings);
  const projects = merged.flatMap((d) => d.units.flatMap((u) => u.projects));
  return {
    data: { fiscalYear: target.fiscalYear, framework, summaryStyle: style, departments: merged },
    sheets,
    warnings,
    counts: {
      departments: merged.length,
      projects: projects.length,
      indicators: projects.reduce((n, p) => n + p.indicators.length, 0) + merged.reduce((n, d) => n + (d.overall?.indicators.length ?? 0), 0),
    },
  };
}

/**
 * Drops the projects the year file already has (same department, unit and project name and code), with a warning
 * each: importing last year's file twice, or T1 and then T2 of the same projects, must not double the budget.
 */
function withoutExisting(report: ImportReport, existing: YearData): void {
  const key = (d: string, u: { name: string; code: string }, p: { name: string; code: string }) =>
    JSON.stringify([d, u.name, u.code, p.name, p.code]);
  const have = new Set(existing.departments.flatMap((d) => d.units.flatMap((u) => u.projects.map((p) => key(d.name, u, p)))));
  const overalls = new Set(existing.departments.filter((d) => d.overall).map((d) => d.name));
  for (const d of report.data.departments) {
    if (d.overall && overalls.has(d.name)) {
      report.warnings.push({ where: d.name, message: `年度文件中已有部门“${d.name}”的整体绩效目标，未重复导入` });
      d.overall = null;
    }
    for (const u of d.units) {
      u.projects = u.projects.filter((p) => {
        if (!have.has(key(d.name, u, p))) return true;
        report.warnings.push({ where: `${d.name} › ${u.name}`, message: `项目“${p.name}”年度文件中已有，未重复导入` });
        return false;
      });
    }
  }
  const projects = report.data.departments.flatMap((d) => d.units.flatMap((u) => u.projects));
  report.counts.projects = projects.length;
  report.counts.indicators =
    projects.reduce((n, p) => n + p.indicators.length, 0) + report.data.departments.reduce((n, d) => n + (d.overall?.indicators.length ?? 0), 0);
}

/** 一级 names the year file's framework does not know: imported as they are, but said. */
function frameworkWarnings(report: ImportReport): void {
  const problems = unknownLevel1Problems(report.data);
  for (const p of problems) report.warnings.push({ where: p.path.replace(/^departments\[\d+\]\./, ''), message: `${p.message}；已按原文导入，请改正` });
}

/** Imports into an open year file as one undo step (or only reports, on a dry run). */
export async function importIntoStore(store: YearStore, sources: readonly string[], opts: { dryRun?: boolean; department?: string }): Promise<ImportReport> {
  const info = store.info();
  const report = await readSources(sources, { fiscalYear: info.fiscalYear, framework: info.framework }, opts);
  withoutExisting(report, store.read());
  frameworkWarnings(report);
  if (!opts.dryRun) {
    store.append(report.data, `导入 ${sources.map((s) => path.basename(s)).join('、')}`, {}, { mergeByName: true });
  }
  return report;
}

export interface RollForwardReport extends Omit<RollForwardResult, 'data'> {
  from: number;
  to: number;
  path: string;
}

/** Creates `target` as next year's file from the open year. Refuses to overwrite; leaves nothing on failure. */
export function rollForwardInto(store: YearStore, target: string, opts: RollForwardOptions): RollForwardReport {
  const year = store.read();
  const result = rollForward(year, opts);
  // Whole or not at all: a kill half-way must not leave an empty next year behind (reliability/torture found it).
  createYearFileWith(target, { fiscalYear: result.data.fiscalYear, framework: year.framework }, (next) =>
    next.append(result.data, `结转自 ${year.fiscalYear} 年度`, { rolled_from: String(year.fiscalYear) }),
  );
  return { changes: result.changes, projects: result.projects, indicators: result.indicators, from: year.fiscalYear, to: result.data.fiscalYear, path: target };
}
