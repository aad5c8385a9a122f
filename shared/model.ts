// The domain model (DESIGN §3): a fiscal year holds departments → units → projects → indicators, and a department
// may carry its overall target (T3). Money is in Cents (integer hundredths of 万元). Derived sums are not stored as
// truth: `statedTotal` keeps a total that came printed in an imported table, so validation can say when it does not
// add up; null means "derive it".

import type { Cents } from './money.ts';
import type { FrameworkId } from './frameworks.ts';

/** The three grammars of the 绩效指标 text in table T1 (research/domain.md §4.2). */
export type SummaryStyle = 'A' | 'B' | 'C';

export interface Indicator {
  level1: string;
  level2: string;
  /** 三级指标 name. */
  name: string;
  /** 指标解释 / 绩效指标描述. */
  description: string;
  /** 年度指标值, exactly as the officer wrote it. */
  annualValue: string;
  /** 实施周期指标值. */
  periodValue: string;
  /** 指标值确定依据 (计划标准 / 历史标准 / …, or free text). */
  basis: string;
  /** Last year's value, kept by roll-forward for reference. */
  priorValue: string;
}

export interface Funds {
  /** 财政拨款 */
  fiscal: Cents;
  /** 财政专户拨款 */
  fiscalSpecial: Cents;
  /** 其他资金 */
  other: Cents;
}

/** 资金支出计划: cumulative amounts by the end of March, June, October and December; null where not filled. */
export interface SpendingPlan {
  mar: Cents | null;
  jun: Cents | null;
  oct: Cents | null;
  dec: Cents | null;
}

export const PLAN_MONTHS = ['mar', 'jun', 'oct', 'dec'] as const;
export type PlanMonth = (typeof PLAN_MONTHS)[number];
export const PLAN_MONTH_LABEL: Readonly<Record<PlanMonth, string>> = {
  mar: '3月底',
  jun: '6月底',
  oct: '10月底',
  dec: '12月底',
};

export interface Project {
  code: string;
  name: string;
  funds: Funds;
  statedTotal: Cents | null;
  /** 资金用途 */
  purpose: string;
  /** 绩效目标 */
  goal: string;
  spendingPlan: SpendingPlan;
  indicators: Indicator[];
  /**
   * 绩效指标 text an import could not read into indicators, kept as it was so the officer can fix it by hand;
   * "" when there is none. 审核 reports it until it is cleared.
   */
  unparsedIndicators: string;
}

export interface Unit {
  name: string;
  code: string;
  statedTotal: Cents | null;
  projects: Project[];
}

export interface OverallTask {
  name: string;
  /** 主要实施内容 */
  content: string;
  /** 拟投入的资金 */
  amount: Cents;
  /** 期望达到的目标 */
  expected: string;
}

export interface OverallBudget {
  /** 按支出类型: 基本支出 / 项目支出 */
  basic: Cents;
  project: Cents;
  /** 按收入来源: 财政拨款 / 其他资金 */
  fiscal: Cents;
  other: Cents;
  /** 按预算级次: 本级使用资金 / 拟转移支付资金 */
  ownLevel: Cents;
  transfer: Cents;
}

/** The department overall table (T3, 部门整体预算绩效目标表). */
export interface Overall {
  /** 主管部门名称 */
  supervisor: string;
  /** 财政供养人员数: 在职 / 离退休 */
  staff: { active: number; retired: number };
  budget: OverallBudget;
  /** 总体绩效目标 */
  goal: string;
  /** 年度重点工作任务 */
  tasks: OverallTask[];
  indicators: Indicator[];
}

export interface Department {
  name: string;
  code: string;
  statedTotal: Cents | null;
  overall: Overall | null;
  units: Unit[];
}

export interface YearData {
  fiscalYear: number;
  framework: FrameworkId;
  /** The T1 grammar the data was imported with; the export default. */
  summaryStyle: SummaryStyle | null;
  departments: Department[];
}

/** The T1 grammar an export uses when none is asked for: the one the data came in, else B. */
export function defaultSummaryStyle(year: Pick<YearData, 'summaryStyle'>): SummaryStyle {
  return year.summaryStyle ?? 'B';
}

export function projectTotal(p: Pick<Project, 'funds'>): Cents {
  return p.funds.fiscal + p.funds.fiscalSpecial + p.funds.other;
}

/** The total a table prints for a project: the stated one where a file gave it, else the derived one. */
export function shownProjectTotal(p: Project): Cents {
  return p.statedTotal ?? projectTotal(p);
}

export function unitTotal(u: Unit): Cents {
  let t = 0;
  for (const p of u.projects) t += projectTotal(p);
  return t;
}

export function departmentTotal(d: Department): Cents {
  let t = 0;
  for (const u of d.units) t += unitTotal(u);
  return t;
}

export function emptyIndicator(): Indicator {
  return {
    level1: '',
    level2: '',
    name: '',
    description: '',
    annualValue: '',
    periodValue: '',
    basis: '',
    priorValue: '',
  };
}

export function emptySpendingPlan(): SpendingPlan {
  return { mar: null, jun: null, oct: null, dec: null };
}
