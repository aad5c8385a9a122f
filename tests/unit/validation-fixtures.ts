// The smallest years 审核 passes without a finding, and helpers that spoil one thing and pick out what fires: shared by
// the validation tests (validation*.test.ts).
import { expect } from 'vitest';
import {
  emptyIndicator,
  emptySpendingPlan,
  type Indicator,
  type Overall,
  type Project,
  type SummaryStyle,
  type YearData,
} from '../../shared/model.ts';
import { validateYear, type Finding } from '../../shared/validation.ts';

export const DEPT = '测试区信访局';
export const UNIT = '测试区信访局本级';
export const PROJECT = '信访接待服务经费';

export function ind(level1: string, level2: string, name: string, annualValue: string, periodValue = ''): Indicator {
  return { ...emptyIndicator(), level1, level2, name, annualValue, periodValue };
}

/** 数量, 质量 and 时效 under 产出, one each. */
const outputs = (): Indicator[] => [
  ind('产出指标', '数量指标', '接待来访群众人次', '≥1000人次'),
  ind('产出指标', '质量指标', '信访事项按期办结率', '≥95%'),
  ind('产出指标', '时效指标', '受理告知时限', '≤15个工作日'),
];

/** One 效益 and one 满意度. */
const outcomes = (): Indicator[] => [
  ind('效益指标', '社会效益指标', '群众合理诉求解决率', '≥90%'),
  ind('满意度指标', '服务对象满意度指标', '来访群众满意度', '≥90%'),
];

/** Framework A project of 100.00 万元 that passes every rule. Indicator indexes are relied on by the tests. */
export function projectA(): Project {
  return {
    code: '',
    name: PROJECT,
    funds: { fiscal: 10000, fiscalSpecial: 0, other: 0 },
    statedTotal: null,
    purpose: '',
    goal: '全年接待来访群众不少于1000人次，信访事项按期办结率不低于95%，来访群众满意度达到90%以上。',
    spendingPlan: emptySpendingPlan(),
    // 0 数量, 1 质量, 2 时效, 3 成本, 4 效益, 5 满意度.
    indicators: [...outputs(), ind('产出指标', '成本指标', '项目总成本', '≤100万元'), ...outcomes()],
    unparsedIndicators: '',
  };
}

/** Framework B (成本指标 as 一级) project that passes every rule. */
export function projectB(): Project {
  return {
    ...projectA(),
    // 0 成本, 1 数量, 2 质量, 3 时效, 4 效益, 5 满意度.
    indicators: [ind('成本指标', '经济成本指标', '项目总成本', '≤100万元'), ...outputs(), ...outcomes()],
  };
}

/**
 * A department overall table (T3) that passes every rule: 500 + 300 = 800 by type, source and level; tasks 300; an
 * indicator in each category a project must cover.
 */
export function overall(): Overall {
  return {
    supervisor: DEPT,
    staff: { active: 23, retired: 9 },
    budget: { basic: 50000, project: 30000, fiscal: 80000, other: 0, ownLevel: 80000, transfer: 0 },
    goal: '全年办理信访事项不少于5000件，按期办结率达到95%以上。',
    tasks: [
      { name: '信访维稳工作', content: '做好重大节点信访维稳', amount: 20000, expected: '不发生重大群体性事件' },
      { name: '信息化运维', content: '保障信访信息系统运行', amount: 10000, expected: '系统正常运行率≥99%' },
    ],
    // 0 数量, 1 质量, 2 时效, 3 成本, 4 效益, 5 满意度, as projectA.
    indicators: [...outputs(), ind('产出指标', '成本指标', '预算执行率', '100%'), ...outcomes()],
  };
}

export function year(
  projects: Project[],
  opts: { framework?: 'A' | 'B'; overall?: Overall; summaryStyle?: SummaryStyle } = {},
): YearData {
  return {
    fiscalYear: 2024,
    framework: opts.framework ?? 'A',
    summaryStyle: opts.summaryStyle ?? null,
    departments: [
      {
        name: DEPT,
        code: '',
        statedTotal: null,
        overall: opts.overall ?? null,
        units: [{ name: UNIT, code: '', statedTotal: null, projects }],
      },
    ],
  };
}

/** Validates a year holding one framework-A project changed by `spoil`. */
export function withProject(spoil: (p: Project) => void, framework: 'A' | 'B' = 'A'): Finding[] {
  const p = framework === 'A' ? projectA() : projectB();
  spoil(p);
  return validateYear(year([p], { framework }));
}

export function withOverall(spoil: (o: Overall) => void, framework: 'A' | 'B' = 'A'): Finding[] {
  const o = overall();
  spoil(o);
  const y = year([], { framework });
  return validateYear({ ...y, departments: [{ ...y.departments[0]!, units: [], overall: o }] });
}

export function byRule(findings: Finding[], rule: number): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export function byCheck(findings: Finding[], check: string): Finding[] {
  return findings.filter((f) => f.check === check);
}

/** The only finding of a check; fails when there are none or several. */
export function single(findings: Finding[], check: string): Finding {
  const hits = byCheck(findings, check);
  expect(hits, `findings of ${check}: ${JSON.stringify(findings, null, 1)}`).toHaveLength(1);
  return hits[0]!;
}

export const AT_PROJECT = { department: DEPT, departmentIndex: 0, unit: UNIT, unitIndex: 0, project: PROJECT, projectIndex: 0 };

export const AT_INDICATOR = (indicatorIndex: number, indicatorName: string, field: string) => ({
  ...AT_PROJECT,
  indicatorIndex,
  indicatorName,
  field,
});

export const AT_OVERALL = { department: DEPT, departmentIndex: 0, overall: true };

