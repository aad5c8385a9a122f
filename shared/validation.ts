// 审核: the checks an officer runs before submitting (research/domain.md §5). Each finding carries the rule number of
// that table, a severity (error blocks a clean submission, warning asks for a look) and a precise location, so the
// CLI can print it and the editor can jump to the cell.

import { FRAMEWORKS, findLevel1, findLevel2, type Framework, type Level1Def } from './frameworks.ts';
import { formatMoney, type Cents } from './money.ts';
import {
  PLAN_MONTHS,
  PLAN_MONTH_LABEL,
  projectTotal,
  shownProjectTotal,
  type Department,
  type Indicator,
  type Overall,
  type Project,
  type Unit,
  type YearData,
} from './model.ts';
import { hasComparisonSign, parseTarget } from './target.ts';

export type Severity = 'error' | 'warning';

/** Which field of an entity a finding is about (names of the interchange JSON). */
export type Field =
  | 'name'
  | 'goal'
  | 'purpose'
  | 'total'
  | 'funds'
  | 'spendingPlan'
  | 'indicators'
  | 'level1'
  | 'level2'
  | 'description'
  | 'annualValue'
  | 'periodValue'
  | 'basis'
  | 'budget'
  | 'tasks';

export interface Location {
  department: string;
  departmentIndex: number;
  unit?: string;
  unitIndex?: number;
  project?: string;
  projectIndex?: number;
  /** Set for the department overall table (T3). */
  overall?: true;
  taskIndex?: number;
  indicatorIndex?: number;
  indicatorName?: string;
  field?: Field;
}

export interface Finding {
  /** Rule number in research/domain.md §5 (22 for categories outside the framework). */
  rule: number;
  /** Stable machine name of the check. */
  check: string;
  severity: Severity;
  message: string;
  location: Location;
}

export const FIELD_LABEL: Readonly<Record<Field, string>> = {
  name: '名称',
  goal: '绩效目标',
  purpose: '资金用途',
  total: '总计',
  funds: '资金来源',
  spendingPlan: '资金支出计划',
  indicators: '绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  description: '指标解释',
  annualValue: '年度指标值',
  periodValue: '实施周期指标值',
  basis: '指标值确定依据',
  budget: '预算整体情况',
  tasks: '年度重点工作任务',
};

/** "广州市信访局 › 物业管理费 › 第2条指标（投诉次数） › 年度指标值": for messages and the CLI. */
export function describeLocation(loc: Location): string {
  const parts = [loc.department];
  if (loc.unit !== undefined && loc.unit !== loc.department) parts.push(loc.unit);
  if (loc.project !== undefined) parts.push(`项目“${loc.project}”`);
  if (loc.overall) parts.push('部门整体绩效目标');
  if (loc.taskIndex !== undefined) parts.push(`任务${loc.taskIndex + 1}`);
  if (loc.indicatorIndex !== undefined) {
    const name = loc.indicatorName ? `（${loc.indicatorName}）` : '（无三级指标名称）';
    parts.push(`第${loc.indicatorIndex + 1}条指标${name}`);
  }
  if (loc.field) parts.push(FIELD_LABEL[loc.field]);
  return parts.join(' › ');
}

/** Length limits of the finance system's data dictionary (rule 20). */
export const LIMITS = {
  goal: 2000,
  overallGoal: 4000,
  name: 1000,
  value: 1000,
  unit: 200,
  description: 2000,
  taskText: 2000,
} as const;

/** Wording reviewers send back as 不够细化、量化 when no number backs it (rule 23). */
const VAGUE = /进一步(提高|提升|加强|改善|完善)|明显(改善|提高|提升)|有效(促进|提升|提高|改善)|(提升|提高)[^，。,;；]{0,10}水平|不断(提高|提升)/;

/**
 * Placeholders the finance system refuses in a 指标值 (rule 9): `*` and `_` anywhere, and a value made of nothing
 * but dashes or slashes. A dash inside a range or a date ("3-5个工作日", "8:00-18:00", "2023-12-31前") is a value.
 */
const PLACEHOLDER = /[*＊_＿]|^[\s\-－—/／]+$/;

class Collector {
  readonly findings: Finding[] = [];
  add(rule: number, check: string, severity: Severity, message: string, location: Location): void {
    this.findings.push({ rule, check, severity, message, location });
  }
}

const money = (c: Cents) => `${formatMoney(c)} 万元`;

const YUAN_PER_UNIT: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000, 万: 10_000, 亿元: 100_000_000 };

/** A cost indicator's amount in 元, or null when its unit is not money. */
function costAmountYuan(number: string, unit: string): number | null {
  const n = Number(number);
  const factor = YUAN_PER_UNIT[unit];
  return Number.isFinite(n) && factor !== undefined ? n * factor : null;
}

function checkIndicator(
  c: Collector,
  fw: Framework,
  ind: Indicator,
  at: Location,
  needPeriod: boolean,
): { l1: Level1Def | undefined } {
  const l1 = findLevel1(fw, ind.level1);
  const named = ind.name.trim() !== '';
  const loc = (field: Field): Location => ({ ...at, field });
  if (!named) {
    c.add(1, 'name-missing', 'error', '缺少三级指标名称', loc('name'));
  }
  if (!l1) {
    c.add(
      22,
      'level1-unknown',
      'error',
      ind.level1.trim() === ''
        ? `缺少一级指标（应为${fw.level1.map((l) => l.name).join('、')}之一）`
        : `一级指标“${ind.level1}”不属于本年度使用的指标体系（应为${fw.level1.map((l) => l.name).join('、')}之一）`,
      loc('level1'),
    );
  } else if (ind.level2.trim() !== '' && !findLevel2(l1, ind.level2)) {
    c.add(
      22,
      'level2-mismatch',
      'error',
      `二级指标“${ind.level2}”不属于一级指标“${l1.name}”（可选：${l1.level2.map((l) => l.name).join('、')}）`,
      loc('level2'),
    );
  }

  const values: ['annualValue' | 'periodValue', string][] = [['annualValue', ind.annualValue]];
  if (needPeriod) values.push(['periodValue', ind.periodValue]);
  for (const [field, value] of values) {
    if (value.trim() === '') {
      c.add(8, 'value-missing', 'error', `${FIELD_LABEL[field]}未填写`, loc(field));
      continue;
    }
    if (PLACEHOLDER.test(value)) {
      c.add(9, 'value-placeholder', 'error', `${FIELD_LABEL[field]}“${value}”含有占位符号（* _ -），请填写实际目标值`, loc(field));
    }
    const parts = parseTarget(value);
    if (parts.number === null && hasComparisonSign(value)) {
      c.add(10, 'value-not-numeric', 'error', `${FIELD_LABEL[field]}“${value}”带有比较符号，但后面不是数字：定量指标的指标值必须为数字`, loc(field));
    }
    if (parts.number !== null && parts.unit === '') {
      c.add(6, 'unit-missing', 'error', `${FIELD_LABEL[field]}“${value}”是定量指标，缺少计量单位（如 %、人、次、万元）`, loc(field));
    }
    if (value.length > LIMITS.value) {
      c.add(20, 'too-long', 'error', `${FIELD_LABEL[field]}有 ${value.length} 字，超过 ${LIMITS.value} 字的上限`, loc(field));
    }
    if (parts.number === null && VAGUE.test(value)) {
      c.add(23, 'vague-value', 'warning', `${FIELD_LABEL[field]}“${value}”表述笼统，没有可衡量的数值，建议细化、量化`, loc(field));
    }
    if (l1?.isSatisfaction && field === 'annualValue' && (parts.number === null || parts.unit !== '%')) {
      c.add(24, 'satisfaction-not-percent', 'warning', `满意度指标的指标值“${value}”不是百分比，建议改为如“≥90%”的满意率目标`, loc(field));
    }
  }
  if (ind.name.length > LIMITS.name) {
    c.add(20, 'too-long', 'error', `三级指标名称有 ${ind.name.length} 字，超过 ${LIMITS.name} 字的上限`, loc('name'));
  }
  if (ind.description.length > LIMITS.description) {
    c.add(20, 'too-long', 'error', `指标解释有 ${ind.description.length} 字，超过 ${LIMITS.description} 字的上限`, loc('description'));
  }
  return { l1 };
}

function indicatorLocation(base: Location, ind: Indicator, index: number): Location {
  return { ...base, indicatorIndex: index, indicatorName: ind.name.trim() };
}

function checkIndicatorSet(c: Collector, fw: Framework, indicators: readonly Indicator[], base: Location): void {
  // Rule 8 asks for 实施周期 values in both sets; a project that gives them for some indicators owes them for all.
  const needPeriod = indicators.some((i) => i.periodValue.trim() !== '');
  indicators.forEach((ind, i) => checkIndicator(c, fw, ind, indicatorLocation(base, ind, i), needPeriod));
}

/** Rules 2–4: the categories a project's indicators must cover. */
function checkCoverage(c: Collector, fw: Framework, p: Project, at: Location): void {
  const loc: Location = { ...at, field: 'indicators' };
  const anyLevel2 = p.indicators.some((i) => i.level2.trim() !== '');
  for (const l1 of fw.level1) {
    const under = p.indicators.filter((i) => findLevel1(fw, i.level1) === l1);
    if (l1.required === 'each-level2') {
      if (!anyLevel2) {
        if (under.length === 0) {
          c.add(2, 'level1-empty', 'error', `缺少${l1.name}：${l1.level2.map((l) => l.name).join('、')}下都至少填报一条三级指标`, loc);
        } else {
          c.add(2, 'level2-unknown', 'warning', `指标未填二级指标，无法核对“${l1.name}”下的${l1.level2.map((l) => l.name).join('、')}是否齐全`, loc);
        }
        continue;
      }
      for (const l2 of l1.level2) {
        if (!under.some((i) => findLevel2(l1, i.level2) === l2)) {
          c.add(2, 'level2-empty', 'error', `缺少“${l1.name} › ${l2.name}”：该二级指标下至少填报一条三级指标`, loc);
        }
      }
    } else if (l1.required === 'any' && under.length === 0) {
      const rule = l1.isSatisfaction ? 4 : l1.isCost ? 5 : 3;
      // Framework B's cost and 产出 categories are the 101号 guidance, not a coded rule: warn (rule 5).
      const severity = rule === 5 || (fw.id === 'B' && l1.name === '产出指标') ? 'warning' : 'error';
      c.add(rule, 'level1-empty', severity, `缺少${l1.name}：至少填报一条三级指标`, loc);
    }
  }
}

/** Rule 18: a cost indicator's amount should not exceed the project's budget. */
function checkCostAgainstBudget(c: Collector, fw: Framework, p: Project, at: Location): void {
  const total = shownProjectTotal(p);
  if (total <= 0) return;
  p.indicators.forEach((ind, i) => {
    const l1 = findLevel1(fw, ind.level1);
    const l2 = l1 ? findLevel2(l1, ind.level2) : undefined;
    if (!(l1?.isCost || l2?.isCost)) return;
    const parts = parseTarget(ind.annualValue);
    if (parts.number === null) return;
    const amount = costAmountYuan(parts.number, parts.unit);
    // Cents are hundredths of 万元, i.e. 100 元 each; the epsilon absorbs binary fractions of decimal input.
    if (amount !== null && amount > total * 100 + 1e-6) {
      c.add(
        18,
        'cost-over-budget',
        'warning',
        `成本指标“${ind.annualValue}”超过项目预算 ${money(total)}`,
        { ...indicatorLocation(at, ind, i), field: 'annualValue' },
      );
    }
  });
}

/** Rule 17: the spending plan is cumulative, so it never falls and never passes the budget. */
function checkSpendingPlan(c: Collector, p: Project, at: Location): void {
  const loc: Location = { ...at, field: 'spendingPlan' };
  let prev: { month: string; cents: Cents } | null = null;
  for (const m of PLAN_MONTHS) {
    const v = p.spendingPlan[m];
    if (v === null) continue;
    if (prev && v < prev.cents) {
      c.add(17, 'plan-decreasing', 'warning', `资金支出计划是累计数，${PLAN_MONTH_LABEL[m]}（${formatMoney(v)}）少于${prev.month}（${formatMoney(prev.cents)}）`, loc);
    }
    prev = { month: PLAN_MONTH_LABEL[m], cents: v };
  }
  const total = shownProjectTotal(p);
  if (prev && prev.cents > total) {
    c.add(17, 'plan-over-budget', 'warning', `资金支出计划${prev.month}累计 ${money(prev.cents)}，超过预算数 ${money(total)}`, loc);
  }
  const dec = p.spendingPlan.dec;
  if (dec !== null && dec < total) {
    c.add(17, 'plan-short', 'warning', `资金支出计划是累计金额（万元），12月底应等于预算数 ${money(total)}，现为 ${money(dec)}`, loc);
  }
}

function checkProject(c: Collector, fw: Framework, p: Project, at: Location): void {
  if (p.name.trim() === '') c.add(1, 'project-name-missing', 'error', '项目名称未填写', { ...at, field: 'name' });
  if (p.goal.trim() === '') c.add(1, 'goal-missing', 'error', '未填报绩效目标', { ...at, field: 'goal' });
  if (p.goal.length > LIMITS.goal) {
    c.add(20, 'too-long', 'error', `绩效目标有 ${p.goal.length} 字，超过 ${LIMITS.goal} 字的上限`, { ...at, field: 'goal' });
  }
  const vague = VAGUE.exec(p.goal);
  if (vague && !/\d/.test(p.goal)) {
    c.add(23, 'vague-goal', 'warning', `绩效目标用“${vague[0]}”等笼统表述，没有任何可衡量的数量，建议写明要达到的具体目标`, { ...at, field: 'goal' });
  }
  const amounts = [p.funds.fiscal, p.funds.fiscalSpecial, p.funds.other, ...PLAN_MONTHS.map((m) => p.spendingPlan[m] ?? 0)];
  if (amounts.some((a) => a < 0)) {
    c.add(15, 'negative-amount', 'error', '金额不能为负数（资金来源或资金支出计划中有负数）', { ...at, field: 'funds' });
  }
  if (projectTotal(p) === 0) {
    c.add(15, 'amount-missing', 'warning', '项目金额为 0：财政拨款、财政专户拨款、其他资金都未填写', { ...at, field: 'funds' });
  }
  if (p.unparsedIndicators.trim() !== '') {
    c.add(
      1,
      'indicators-unparsed',
      'error',
      `导入时有绩效指标文字未能识别：“${p.unparsedIndicators.length > 40 ? `${p.unparsedIndicators.slice(0, 40)}…` : p.unparsedIndicators}”。请据此补录指标，然后清除这段文字`,
      { ...at, field: 'indicators' },
    );
  }
  if (p.indicators.length === 0) {
    c.add(1, 'indicators-missing', 'error', '未填报绩效指标', { ...at, field: 'indicators' });
  } else {
    checkCoverage(c, fw, p, at);
    checkIndicatorSet(c, fw, p.indicators, at);
    checkCostAgainstBudget(c, fw, p, at);
  }
  if (p.statedTotal !== null && p.statedTotal !== projectTotal(p)) {
    c.add(
      15,
      'total-mismatch',
      'error',
      `总计 ${money(p.statedTotal)} 不等于财政拨款 + 财政专户拨款 + 其他资金 = ${money(projectTotal(p))}`,
      { ...at, field: 'total' },
    );
  }
  checkSpendingPlan(c, p, at);
}

function checkUnit(c: Collector, fw: Framework, u: Unit, at: Location): void {
  u.projects.forEach((p, i) => checkProject(c, fw, p, { ...at, project: p.name, projectIndex: i }));
  const sum = u.projects.reduce((s, p) => s + shownProjectTotal(p), 0);
  if (u.statedTotal !== null && u.statedTotal !== sum) {
    c.add(15, 'subtotal-mismatch', 'error', `单位小计 ${money(u.statedTotal)} 不等于所属项目总计之和 ${money(sum)}`, { ...at, field: 'total' });
  }
}

function checkOverall(c: Collector, fw: Framework, o: Overall, at: Location): void {
  const base: Location = { ...at, overall: true };
  const b = o.budget;
  const byType = b.basic + b.project;
  const bySource = b.fiscal + b.other;
  const byLevel = b.ownLevel + b.transfer;
  if (Object.values(b).some((v) => v < 0)) {
    c.add(16, 'negative-amount', 'error', '预算整体情况中有负数金额', { ...base, field: 'budget' });
  }
  if (byType === 0 && bySource === 0 && byLevel === 0) {
    c.add(16, 'overall-budget-missing', 'warning', '预算整体情况的金额都为 0：尚未填写', { ...base, field: 'budget' });
  }
  if (byType !== bySource || byType !== byLevel) {
    c.add(
      16,
      'overall-budget-mismatch',
      'error',
      `预算整体情况不一致：按支出类型 ${money(byType)}（基本支出＋项目支出），按收入来源 ${money(bySource)}（财政拨款＋其他资金），按预算级次 ${money(byLevel)}（本级使用＋拟转移支付）`,
      { ...base, field: 'budget' },
    );
  }
  if (o.tasks.length > 0) {
    const taskSum = o.tasks.reduce((s, t) => s + t.amount, 0);
    if (taskSum !== b.project) {
      c.add(14, 'tasks-sum-mismatch', 'error', `年度重点工作任务拟投入资金合计 ${money(taskSum)}，与项目支出 ${money(b.project)} 不一致`, { ...base, field: 'tasks' });
    }
  }
  o.tasks.forEach((t, i) => {
    for (const text of [t.name, t.content, t.expected]) {
      if (text.length > LIMITS.taskText) {
        c.add(20, 'too-long', 'error', `任务文字有 ${text.length} 字，超过 ${LIMITS.taskText} 字的上限`, { ...base, taskIndex: i, field: 'tasks' });
      }
    }
  });
  if (o.goal.trim() === '') c.add(1, 'goal-missing', 'error', '未填报总体绩效目标', { ...base, field: 'goal' });
  if (o.goal.length > LIMITS.overallGoal) {
    c.add(20, 'too-long', 'error', `总体绩效目标有 ${o.goal.length} 字，超过 ${LIMITS.overallGoal} 字的上限`, { ...base, field: 'goal' });
  }
  if (o.indicators.length === 0) {
    c.add(1, 'indicators-missing', 'error', '部门整体绩效目标未填报绩效指标', { ...base, field: 'indicators' });
  }
  checkIndicatorSet(c, fw, o.indicators, base);
}

function checkDepartment(c: Collector, fw: Framework, d: Department, index: number): void {
  const at: Location = { department: d.name || `第${index + 1}个部门`, departmentIndex: index };
  if (d.name.trim() === '') c.add(1, 'department-name-missing', 'error', '部门名称未填写', { ...at, field: 'name' });
  d.units.forEach((u, i) => checkUnit(c, fw, u, { ...at, unit: u.name, unitIndex: i }));
  if (d.overall) checkOverall(c, fw, d.overall, at);
  const sum = d.units.reduce((s, u) => s + (u.statedTotal ?? u.projects.reduce((t, p) => t + shownProjectTotal(p), 0)), 0);
  if (d.statedTotal !== null && d.statedTotal !== sum) {
    c.add(15, 'grand-total-mismatch', 'error', `合计 ${money(d.statedTotal)} 不等于各单位小计之和 ${money(sum)}`, { ...at, field: 'total' });
  }
}

/** Runs every check over a year; findings come in table order (department, unit, project, indicator). */
export function validateYear(year: YearData): Finding[] {
  const c = new Collector();
  const fw = FRAMEWORKS[year.framework];
  year.departments.forEach((d, i) => checkDepartment(c, fw, d, i));
  return c.findings;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
  };
}
