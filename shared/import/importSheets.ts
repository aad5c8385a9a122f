// Recognises which template each sheet holds (by its header texts, wherever the table starts) and reads it; sheets
// that hold none are reported and skipped. Departments of several sheets and files are merged by name.

import { UserError } from '../errors.ts';
import type { Framework } from '../frameworks.ts';
import { PLAN_MONTHS, type Department, type Project, type SummaryStyle, type Unit } from '../model.ts';
import { findT1Header, readT1, T1_REQUIRED, t1HeaderLabels } from './readT1.ts';
import { isT2, isT3, readT2, readT3 } from './readT2T3.ts';
import { type ImportWarning, SheetGrid, type SheetData } from './sheetGrid.ts';

export type TemplateKind = 'T1' | 'T2' | 'T3';

export const KIND_LABEL: Readonly<Record<TemplateKind, string>> = {
  T1: '项目支出绩效目标表',
  T2: '项目绩效目标表',
  T3: '部门整体预算绩效目标表',
};

export interface SheetReport {
  source: string;
  sheet: string;
  template: TemplateKind | null;
  projects: number;
  indicators: number;
}

export interface ImportResult {
  departments: Department[];
  style: SummaryStyle | null;
  sheets: SheetReport[];
  warnings: ImportWarning[];
  /** Years the file states of itself (table titles, sheet names), to be held against the year file's. */
  statedYears: { where: string; year: number; text: string }[];
}

export interface ImportOptions {
  /** Department name for T2 blocks, which name only their unit. */
  department?: string;
}

/** Labels that tell T2 and T3 apart from other tables, found anywhere on the sheet. */
const ANYWHERE_REQUIRED: readonly [TemplateKind, readonly string[]][] = [
  ['T2', ['项目编码', '一级指标']],
  ['T3', ['预算单位名称', '总体绩效目标']],
];

/** A table title with its year (`2021年市级部门整体预算绩效目标表`, `青岛市信访局2023年项目支出绩效目标表`), not a numbered T2 heading. */
const TITLE_YEAR = /^[^\d]{0,30}?((?:19|20)\d{2})年度?[^\d]{0,40}绩效目标表(?:\(.*\))?$/;
const SHEET_YEAR = /^\D{0,10}((?:19|20)\d{2})(?:年|$)/;
/** Where a table's own rows start: titles are above it. */
const TABLE_START = (k: string) => k.startsWith('项目名称') || k === '项目编码' || k === '预算单位名称';

/** The years a sheet states in its name and in the titles above its table. */
function statedYears(grid: SheetGrid): ImportResult['statedYears'] {
  const out: ImportResult['statedYears'] = [];
  const inName = SHEET_YEAR.exec(grid.name.trim());
  if (inName) out.push({ where: grid.name, year: Number(inName[1]), text: `工作表名“${grid.name}”` });
  const last = (grid.find(TABLE_START)?.r ?? grid.maxRow + 1) - 1;
  // Every such title has 绩效目标表 in it: a substring test spares the expression on all other cells.
  for (const at of grid.findAll((k) => k.includes('绩效目标表') && TITLE_YEAR.test(k))) {
    if (at.r > last) continue;
    const title = String(grid.raw(at.r, at.c)).trim();
    out.push({ where: grid.ref(at.r, at.c), year: Number(TITLE_YEAR.exec(grid.label(at.r, at.c))?.[1]), text: `标题“${title}”` });
  }
  return out;
}

const quoteAll = (labels: readonly string[]) => labels.map((l) => `“${l}”`).join('');

/**
 * Why a sheet holds no recognisable table: the template it comes closest to, what of its header was found (the
 * header row's texts, for T1) and what is missing.
 */
function whyNotRecognised(grid: SheetGrid): string {
  let best: { found: number; text: string } = { found: 0, text: '' };
  for (let r = 1; r <= grid.maxRow; r++) {
    const labels = t1HeaderLabels(grid, r);
    const missing = T1_REQUIRED.filter((l) => !labels.has(l));
    const found = T1_REQUIRED.length - missing.length;
    if (found <= best.found) continue;
    const texts: string[] = [];
    for (let c = 1; c <= grid.maxCol; c++) {
      const v = grid.raw(r, c);
      if (v !== null && String(v).trim() !== '') texts.push(String(v).replace(/\s+/g, ''));
    }
    const shown = texts.join(' | ');
    best = {
      found,
      text: `第 ${r} 行的表头是“${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}”，缺少${KIND_LABEL.T1}表头的${quoteAll(missing)}`,
    };
  }
  for (const [kind, required] of ANYWHERE_REQUIRED) {
    const found = required.filter((l) => grid.find((k) => k === l) !== null);
    if (found.length / required.length > best.found / T1_REQUIRED.length) {
      best = {
        found: (found.length / required.length) * T1_REQUIRED.length,
        text: `有${quoteAll(found)}，缺少${KIND_LABEL[kind]}的${quoteAll(required.filter((l) => !found.includes(l)))}`,
      };
    }
  }
  return best.text || '没有找到任何表头文字';
}

const EXPECTED_HEADERS =
  `应为${KIND_LABEL.T1}（表头有${quoteAll(T1_REQUIRED)}）、${KIND_LABEL.T2}（有${quoteAll(ANYWHERE_REQUIRED[0]![1])}）` +
  `或${KIND_LABEL.T3}（有${quoteAll(ANYWHERE_REQUIRED[1]![1])}）`;

/** What a sheet's table holds, by name: its projects (department, unit, project) and its overall block. */
function contentKeys(d: Department): string[] {
  const projects = d.units.flatMap((u) => u.projects.map((p) => JSON.stringify([d.name, u.name, p.name])));
  return d.overall ? [...projects, JSON.stringify([d.name, '整体'])] : projects;
}

function count(d: Department): { projects: number; indicators: number } {
  const projects = d.units.flatMap((u) => u.projects);
  return {
    projects: projects.length,
    indicators: projects.reduce((n, p) => n + p.indicators.length, 0) + (d.overall?.indicators.length ?? 0),
  };
}

interface SheetRead {
  dept: Department;
  kind: TemplateKind;
  style: SummaryStyle | null;
}

/** Reads the template a sheet holds, recognised by its header texts; null when it holds none. */
function readSheet(grid: SheetGrid, fw: Framework, opts: ImportOptions, warnings: ImportWarning[]): SheetRead | null {
  if (isT3(grid)) return { kind: 'T3', dept: readT3(grid, fw, warnings), style: null };
  if (isT2(grid)) {
    const units = readT2(grid, fw, warnings);
    // T2 names only units. The department comes from the caller, else from a sheet named after it (as our own
    // export names it), else from the first unit.
    const sheetName = grid.name;
    const sheetIsName = !/^(sheet|工作表)\s*\d*$/i.test(sheetName.trim()) && !/^\d+\./.test(sheetName) && !sheetName.endsWith('表');
    const name = opts.department ?? (sheetIsName ? sheetName : undefined) ?? units[0]?.name ?? sheetName;
    return { kind: 'T2', dept: { name, code: '', statedTotal: null, overall: null, units }, style: null };
  }
  const header = findT1Header(grid);
  if (!header) return null;
  const r = readT1(grid, header, fw, warnings);
  return { kind: 'T1', dept: r.department, style: r.style };
}

/** Reads one workbook's sheets. */
export function importSheets(source: string, sheets: readonly SheetData[], fw: Framework, opts: ImportOptions = {}): ImportResult {
  const warnings: ImportWarning[] = [];
  const departments: Department[] = [];
  const reports: SheetReport[] = [];
  let style: SummaryStyle | null = null;
  const unrecognised: string[] = [];
  const years: ImportResult['statedYears'] = [];
  const seen: { sheet: string; kind: TemplateKind; keys: Set<string> }[] = [];
  for (const data of sheets) {
    const grid = new SheetGrid(data);
    const uncached = data.uncachedFormulas ?? [];
    const first = uncached[0];
    if (first) {
      const refs = uncached.slice(0, 8).map((f) => grid.ref(f.r, f.c).replace(/^.*!/, ''));
      warnings.push({
        where: grid.ref(first.r, first.c),
        message: `${uncached.length} 个单元格是没有保存计算结果的公式（${refs.join('、')}${uncached.length > 8 ? '…' : ''}，如“=${first.formula}”），其值未知：总计、合计、小计读作未填写（不当作 0），其他单元格读作空白。请在 Excel 或 WPS 中打开此文件、保存后再导入`,
      });
    }
    for (const h of grid.htmlRemoved) {
      const shown = h.before.length > 30 ? `${h.before.slice(0, 30)}…` : h.before;
      warnings.push({ where: grid.ref(h.r, h.c), message: `文字“${shown}”中有网页（HTML）标记，已去掉标记、保留文字和分段，请核对` });
    }
    let read: SheetRead | null;
    try {
      read = readSheet(grid, fw, opts, warnings);
    } catch (e) {
      // A table that cannot be read right (columns shifted) refuses the whole import: say which file.
      if (e instanceof UserError) throw new UserError(`“${source}”：${e.message}`, e.details, e.code);
      throw e;
    }
    const dept = read?.dept;
    const kind = read?.kind;
    if (read?.style) style ??= read.style;
    if (!dept || !kind) {
      if (data.cells.length > 0) {
        const why = whyNotRecognised(grid);
        unrecognised.push(`工作表“${data.name}”${why}`);
        warnings.push({ where: data.name, message: `工作表“${data.name}”不是可识别的绩效目标表，已跳过（${why}）` });
      } else {
        unrecognised.push(`工作表“${data.name}”是空的`);
      }
      reports.push({ source, sheet: data.name, template: null, projects: 0, indicators: 0 });
      continue;
    }
    years.push(...statedYears(grid));
    // The same table on two sheets (a copy kept beside the original) is read once, and said.
    const keys = contentKeys(dept);
    const copyOf = keys.length === 0 ? undefined : seen.find((x) => x.kind === kind && keys.every((k) => x.keys.has(k)));
    if (copyOf) {
      warnings.push({
        where: data.name,
        message: `工作表“${data.name}”中的${kind === 'T3' ? '部门整体绩效目标' : ` ${keys.length} 个项目`}与工作表“${copyOf.sheet}”中的相同，像是同一张表的副本：只导入一次，未重复导入`,
      });
      reports.push({ source, sheet: data.name, template: kind, projects: 0, indicators: 0 });
      continue;
    }
    seen.push({ sheet: data.name, kind, keys: new Set(keys) });
    reports.push({ source, sheet: data.name, template: kind, ...count(dept) });
    departments.push(dept);
  }
  if (!reports.some((r) => r.template)) {
    throw new UserError(`“${source}”中没有找到可识别的表格（按表头文字识别）：${unrecognised.join('；')}。${EXPECTED_HEADERS}`);
  }
  return { departments, style, sheets: reports, warnings, statedYears: years };
}

/** Fills what `into` lacks from `from` (a T1 row and the T2 block of the same project carry different fields). */
function enrich(into: Project, from: Project): void {
  if (into.code === '') into.code = from.code;
  if (into.purpose === '') into.purpose = from.purpose;
  for (const m of PLAN_MONTHS) into.spendingPlan[m] ??= from.spendingPlan[m];
  if (into.indicators.length === from.indicators.length && into.indicators.every((x, i) => x.name === from.indicators[i]?.name)) {
    into.indicators.forEach((x, i) => {
      const y = from.indicators[i];
      if (!y) return;
      if (x.description === '') x.description = y.description;
      if (x.basis === '') x.basis = y.basis;
      if (x.level2 === '') x.level2 = y.level2;
    });
  }
}

/** Merges departments of the same name (units of the same name and code merge too), keeping order. */
export function mergeDepartments(list: readonly Department[], warnings: ImportWarning[]): Department[] {
  const out: Department[] = [];
  for (const d of list) {
    const same = out.find((x) => x.name === d.name);
    if (!same) {
      out.push({ ...d, units: d.units.map((u) => ({ ...u, projects: [...u.projects] })) });
      continue;
    }
    if (d.overall) {
      if (same.overall) warnings.push({ where: d.name, message: `部门“${d.name}”的整体绩效目标出现了不止一次，只保留第一份` });
      else same.overall = d.overall;
    }
    same.statedTotal ??= d.statedTotal;
    for (const u of d.units) {
      // T1 prints no unit codes: a unit with no code is the same unit as one of that name with a code.
      const unit: Unit | undefined = same.units.find((x) => x.name === u.name && (x.code === u.code || x.code === '' || u.code === ''));
      if (!unit) {
        same.units.push({ ...u, projects: [...u.projects] });
        continue;
      }
      if (unit.code === '') unit.code = u.code;
      for (const p of u.projects) {
        const first = unit.projects.find((q) => q.name === p.name && (q.code === p.code || q.code === '' || p.code === ''));
        if (first) {
          enrich(first, p);
          warnings.push({ where: `${d.name} › ${u.name}`, message: `项目“${p.name}”出现了不止一次：保留第一份，并用后一份补上第一份中空着的项目编码、资金用途、支出计划和指标说明` });
        } else {
          unit.projects.push(p);
        }
      }
    }
  }
  return out;
}
