// Roll-forward (research/domain.md §6): next year's data from this year's. Projects and indicators are carried;
// years in texts are bumped where they are years (`2023年`, `二〇二三年度`, `(2023)`, `2021.12.31`) but not inside
// codes, amounts, spans or cited titles; each indicator keeps last year's annual target as priorValue; an empty
// 指标值确定依据 becomes 历史标准; amounts and the spending plan are cleared unless kept. Every changed text is reported, before → after, so the
// officer can check each one.

import { UserError } from './errors.ts';
import type { Department, Indicator, Overall, Project, YearData } from './model.ts';

export interface RollForwardOptions {
  /** The new fiscal year; default: the old one + 1. */
  toYear?: number;
  keepAmounts?: boolean;
  /** Codes or names of the projects to carry; default: all. */
  projects?: readonly string[];
}

export interface TextChange {
  /** Where: 部门 › 单位 › 项目 › field. */
  where: string;
  before: string;
  after: string;
}

export interface RollForwardResult {
  data: YearData;
  changes: TextChange[];
  projects: number;
  indicators: number;
}

/**
 * A year in text: four digits not touching other digits, letters or a decimal point before it, and followed by
 * 年, a closing bracket, a date's month part, or a `-year` range; or inside brackets.
 */
const YEAR = /(?<![\dA-Za-z.])((?:19|20)\d{2})(?=年|[)）]|[.\-/](?:0?[1-9]|1[0-2])(?:[.\-/](?:0?[1-9]|[12]\d|3[01]))?(?![\d])|-(?:19|20)\d{2}年)|(?<=[(（])((?:19|20)\d{2})(?![\d.])/g;

/** Chinese digits as years are written, 二〇二三年; zero also appears as ○ or 零 (二○二三年度, 二零二三年). */
const CN_NUMERALS = '〇一二三四五六七八九';
const CN_ZEROS = '〇○零';
const CN_DIGIT = `[${CN_ZEROS}${CN_NUMERALS}]`;
/** A year in Chinese digits: four of them, not after another numeral, followed by 年. */
const CN_YEAR = new RegExp(`(?<!${CN_DIGIT}|十)[一二]${CN_DIGIT}{3}(?=年)`, 'g');

/** A period `2023-2025年`, `2023年至2025年`, `二〇二三至二〇二五年`: a plan's or contract's fixed span, not this year's label. */
const RANGE = new RegExp(
  [
    `(?<![\\dA-Za-z.]|${CN_DIGIT})`,
    `(?:(?:19|20)\\d{2}|[一二]${CN_DIGIT}{3})`,
    '(?:年(?:度)?)?\\s*[-－—–~～至到]\\s*',
    `(?:(?:19|20)\\d{2}|[一二]${CN_DIGIT}{3})(?![\\d]|${CN_DIGIT})`,
  ].join(''),
  'g',
);

/** A cited title, 《2023年信访工作方案》 or 〈…〉: a document does not change its name next year. */
const TITLE = /《[^《》]*》|〈[^〈〉]*〉/g;

function chineseYear(text: string): number {
  let y = 0;
  for (const ch of text) y = y * 10 + (CN_ZEROS.includes(ch) ? 0 : CN_NUMERALS.indexOf(ch));
  return y;
}

/** `year` in Chinese digits, writing zero as `like` does (〇, ○ or 零). */
function toChineseYear(year: number, like: string): string {
  const zero = [...like].find((ch) => CN_ZEROS.includes(ch)) ?? '〇';
  return [...String(year)].map((d) => (d === '0' ? zero : CN_NUMERALS[Number(d)])).join('');
}

/**
 * Bumps the years of `from - 1 .. from + 1` by the step, in Arabic or Chinese digits (each kept in its script).
 * Older years (a past contract period) stay, and so do the years of a span such as `2023-2025年三年行动计划` and
 * those inside a cited title `《2023年信访工作方案》`.
 */
export function bumpYears(text: string, from: number, step: number): string {
  const protectedAt = new Set<number>();
  for (const re of [RANGE, TITLE]) {
    for (const m of text.matchAll(re)) for (let i = m.index; i < m.index + m[0].length; i++) protectedAt.add(i);
  }
  const inRange = (y: number) => y >= from - 1 && y <= from + 1;
  // Both kinds keep their length (four characters), so the offsets of the second pass still point into `text`.
  return text
    .replace(YEAR, (m: string, _a: unknown, _b: unknown, offset: number) => {
      if (protectedAt.has(offset)) return m;
      const y = Number(m);
      return inRange(y) ? String(y + step) : m;
    })
    .replace(CN_YEAR, (m: string, offset: number) => {
      if (protectedAt.has(offset)) return m;
      const y = chineseYear(m);
      return inRange(y) ? toChineseYear(y + step, m) : m;
    });
}

export function rollForward(year: YearData, opts: RollForwardOptions = {}): RollForwardResult {
  const to = opts.toYear ?? year.fiscalYear + 1;
  if (!Number.isInteger(to) || to <= year.fiscalYear || to > year.fiscalYear + 10) {
    throw new UserError(`新年度 ${to} 不对：应在 ${year.fiscalYear + 1} 到 ${year.fiscalYear + 10} 之间`);
  }
  const step = to - year.fiscalYear;
  const keep = opts.keepAmounts ?? false;
  const changes: TextChange[] = [];
  const wanted = opts.projects ? new Set(opts.projects.map((s) => s.trim()).filter((s) => s !== '')) : null;
  if (wanted && wanted.size === 0) throw new UserError('--projects 没有给出任何项目编码或名称');
  const matched = new Set<string>();
  let projects = 0;
  let indicators = 0;

  const bump = (where: string, text: string): string => {
    const after = bumpYears(text, year.fiscalYear, step);
    if (after !== text) changes.push({ where, before: text, after });
    return after;
  };

  const carryIndicator = (where: string, ind: Indicator, i: number): Indicator => {
    indicators++;
    const at = `${where} › 第${i + 1}条指标（${ind.name || '无名称'}）`;
    return {
      level1: ind.level1,
      level2: ind.level2,
      name: bump(`${at} › 三级指标`, ind.name),
      description: bump(`${at} › 指标解释`, ind.description),
      annualValue: bump(`${at} › 年度指标值`, ind.annualValue),
      // The 实施周期 target covers the whole project term: it stays unless the term changes (domain.md §6). Where it
      // is the annual target's very text (a one-year term), it is that target and moves with it.
      periodValue: ind.periodValue === ind.annualValue ? bump(`${at} › 实施周期指标值`, ind.periodValue) : ind.periodValue,
      basis: ind.basis.trim() === '' ? '历史标准' : ind.basis,
      priorValue: ind.annualValue,
    };
  };

  const carryProject = (where: string, p: Project): Project => {
    projects++;
    const at = `${where} › 项目“${p.name}”`;
    return {
      code: p.code,
      name: bump(`${at} › 项目名称`, p.name),
      funds: keep ? { ...p.funds } : { fiscal: 0, fiscalSpecial: 0, other: 0 },
      statedTotal: null,
      purpose: bump(`${at} › 资金用途`, p.purpose),
      goal: bump(`${at} › 绩效目标`, p.goal),
      spendingPlan: keep ? { ...p.spendingPlan } : { mar: null, jun: null, oct: null, dec: null },
      indicators: p.indicators.map((ind, i) => carryIndicator(at, ind, i)),
      unparsedIndicators: p.unparsedIndicators,
    };
  };

  const carryOverall = (where: string, o: Overall): Overall => {
    const at = `${where} › 部门整体绩效目标`;
    return {
      supervisor: o.supervisor,
      staff: { ...o.staff },
      budget: keep ? { ...o.budget } : { basic: 0, project: 0, fiscal: 0, other: 0, ownLevel: 0, transfer: 0 },
      goal: bump(`${at} › 总体绩效目标`, o.goal),
      tasks: o.tasks.map((t, i) => ({
        name: bump(`${at} › 任务${i + 1} › 名称`, t.name),
        content: bump(`${at} › 任务${i + 1} › 主要实施内容`, t.content),
        amount: keep ? t.amount : 0,
        expected: bump(`${at} › 任务${i + 1} › 期望达到的目标`, t.expected),
      })),
      indicators: o.indicators.map((ind, i) => carryIndicator(at, ind, i)),
    };
  };

  const isWanted = (p: Project) => {
    if (!wanted) return true;
    const hit = [p.code, p.name].filter((k) => k !== '' && wanted.has(k));
    for (const k of hit) matched.add(k);
    return hit.length > 0;
  };

  const departments: Department[] = year.departments.map((d) => ({
    name: d.name,
    code: d.code,
    statedTotal: null,
    overall: d.overall ? carryOverall(d.name, d.overall) : null,
    units: d.units.map((u) => ({
      name: u.name,
      code: u.code,
      statedTotal: null,
      projects: u.projects.filter(isWanted).map((p) => carryProject(`${d.name} › ${u.name}`, p)),
    })),
  }));
  if (wanted) {
    const missing = [...wanted].filter((k) => !matched.has(k));
    if (missing.length > 0) {
      throw new UserError(`没有找到这些项目（按项目编码或名称）：${missing.map((m) => `“${m}”`).join('、')}，未结转`);
    }
  }
  return {
    data: { fiscalYear: to, framework: year.framework, summaryStyle: year.summaryStyle, departments },
    changes,
    projects,
    indicators,
  };
}
