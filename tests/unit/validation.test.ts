// 审核 (domain.md §5): each rule fires on the smallest fault that breaks it, at the right place, and stays quiet on
// a project that keeps it. The baseline projects pass every rule; each test spoils one thing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInterchange } from '../../shared/interchange.ts';
import { countBySeverity, describeLocation, validateYear } from '../../shared/validation.ts';
import {
  AT_INDICATOR,
  AT_OVERALL,
  AT_PROJECT,
  DEPT,
  PROJECT,
  UNIT,
  byCheck,
  byRule,
  ind,
  projectA,
  projectB,
  single,
  withOverall,
  withProject,
  year,
} from './validation-fixtures.ts';

describe('the baselines pass every rule', () => {
  it('framework A project', () => {
    expect(validateYear(year([projectA()]))).toEqual([]);
  });

  it('framework B project', () => {
    expect(validateYear(year([projectB()], { framework: 'B' }))).toEqual([]);
  });

  it('department overall table', () => {
    expect(withOverall(() => {})).toEqual([]);
  });
});

describe('rule 1: a project needs a goal and indicators', () => {
  it('fires when the 绩效目标 is empty', () => {
    const f = single(withProject((p) => (p.goal = '  ')), 'goal-missing');
    expect(f).toMatchObject({ rule: 1, severity: 'error', location: { ...AT_PROJECT, field: 'goal' } });
  });

  it('fires when there is no indicator', () => {
    const findings = withProject((p) => (p.indicators = []));
    const f = single(findings, 'indicators-missing');
    expect(f).toMatchObject({ rule: 1, severity: 'error', location: { ...AT_PROJECT, field: 'indicators' } });
  });

  it('fires for an overall table without goal', () => {
    const f = single(withOverall((o) => (o.goal = '')), 'goal-missing');
    expect(f).toMatchObject({ rule: 1, severity: 'error', location: { ...AT_OVERALL, field: 'goal' } });
  });

  it('stays quiet when goal and indicators are there', () => {
    expect(byRule(withProject(() => {}), 1)).toEqual([]);
  });
});

describe('rule 2: framework A needs a 三级 under each 产出 二级', () => {
  it('fires for the missing 时效指标', () => {
    const findings = withProject((p) => p.indicators.splice(2, 1));
    const f = single(findings, 'level2-empty');
    expect(f).toMatchObject({ rule: 2, severity: 'error', location: { ...AT_PROJECT, field: 'indicators' } });
    expect(f.message).toContain('时效指标');
    expect(f.location.indicatorIndex).toBeUndefined();
  });

  it('fires once for each missing 二级', () => {
    const findings = withProject((p) => p.indicators.splice(1, 3));
    expect(byCheck(findings, 'level2-empty').map((f) => f.message.match(/产出指标 › (\S+?)”/)?.[1])).toEqual([
      '质量指标',
      '时效指标',
      '成本指标',
    ]);
  });

  it('fires when a project without any 二级 has no 产出指标 at all', () => {
    // Style-A data (seed 000) has no 二级; a project there with only 效益 and 满意度 lacks 产出 entirely.
    const findings = withProject((p) => {
      p.indicators = [ind('效益指标', '', '群众合理诉求解决率', '≥90%'), ind('满意度指标', '', '来访群众满意度', '≥90%')];
    });
    const rule2 = byRule(findings, 2);
    expect(rule2.length, JSON.stringify(findings)).toBeGreaterThan(0);
    expect(rule2.some((f) => f.severity === 'error' && f.message.includes('产出指标'))).toBe(true);
  });

  it('warns that it cannot check when 二级 are not filled in', () => {
    const findings = withProject((p) => p.indicators.forEach((i) => (i.level2 = '')));
    const f = single(findings, 'level2-unknown');
    expect(f).toMatchObject({ rule: 2, severity: 'warning', location: { ...AT_PROJECT, field: 'indicators' } });
  });

  it('stays quiet when each 产出 二级 has one, even if some have several', () => {
    expect(byRule(withProject((p) => p.indicators.push(ind('产出指标', '数量指标', '接待批次', '≥50批次'))), 2)).toEqual([]);
  });

  it('does not apply to framework B, where 产出 has no 成本指标', () => {
    expect(byRule(withProject(() => {}, 'B'), 2)).toEqual([]);
  });
});

describe('rule 3: at least one 效益指标', () => {
  it('fires when there is none', () => {
    const f = single(withProject((p) => p.indicators.splice(4, 1)), 'level1-empty');
    expect(f).toMatchObject({ rule: 3, severity: 'error', location: { ...AT_PROJECT, field: 'indicators' } });
    expect(f.message).toContain('效益指标');
  });

  it('stays quiet with one 效益 三级 under any 二级, or under the alias 效果指标', () => {
    expect(byRule(withProject((p) => (p.indicators[4]!.level2 = '可持续影响指标')), 3)).toEqual([]);
    expect(byRule(withProject((p) => (p.indicators[4]!.level1 = '效果指标')), 3)).toEqual([]);
  });
});

describe('rule 4: at least one 满意度指标', () => {
  it('fires when there is none', () => {
    const f = single(withProject((p) => p.indicators.splice(5, 1)), 'level1-empty');
    expect(f).toMatchObject({ rule: 4, severity: 'error', location: { ...AT_PROJECT, field: 'indicators' } });
    expect(f.message).toContain('满意度指标');
  });

  it('fires in framework B too', () => {
    expect(single(withProject((p) => p.indicators.splice(5, 1), 'B'), 'level1-empty')).toMatchObject({ rule: 4, severity: 'error' });
  });

  it('stays quiet when there is one', () => {
    expect(byRule(withProject(() => {}), 4)).toEqual([]);
  });
});

describe('rule 6: quantitative values need a 计量单位', () => {
  it('fires for a bare number', () => {
    const f = single(withProject((p) => (p.indicators[0]!.annualValue = '≥1000')), 'unit-missing');
    expect(f).toMatchObject({ rule: 6, severity: 'error', location: AT_INDICATOR(0, '接待来访群众人次', 'annualValue') });
  });

  it('fires for the 实施周期 value as well', () => {
    const f = single(
      withProject((p) => p.indicators.forEach((i) => (i.periodValue = i === p.indicators[1] ? '95' : i.annualValue))),
      'unit-missing',
    );
    expect(f).toMatchObject({ rule: 6, location: AT_INDICATOR(1, '信访事项按期办结率', 'periodValue') });
  });

  it('stays quiet with a unit, or for a qualitative value', () => {
    expect(byRule(withProject((p) => (p.indicators[2]!.annualValue = '按时完成')), 6)).toEqual([]);
    expect(byRule(withProject((p) => (p.indicators[0]!.annualValue = '不少于1000人次')), 6)).toEqual([]);
  });
});

describe('rule 8: every 三级 needs its values', () => {
  it('fires for a missing 年度指标值', () => {
    const f = single(withProject((p) => (p.indicators[1]!.annualValue = ' ')), 'value-missing');
    expect(f).toMatchObject({ rule: 8, severity: 'error', location: AT_INDICATOR(1, '信访事项按期办结率', 'annualValue') });
  });

  it('fires for a missing 实施周期 value when the project gives them for other indicators', () => {
    const f = single(
      withProject((p) => p.indicators.forEach((i, n) => (i.periodValue = n === 3 ? '' : i.annualValue))),
      'value-missing',
    );
    expect(f).toMatchObject({ rule: 8, severity: 'error', location: AT_INDICATOR(3, '项目总成本', 'periodValue') });
  });

  it('stays quiet for an annual-only project and for one with every 实施周期 value', () => {
    expect(byRule(withProject(() => {}), 8)).toEqual([]);
    expect(byRule(withProject((p) => p.indicators.forEach((i) => (i.periodValue = i.annualValue))), 8)).toEqual([]);
  });
});

describe('rule 9: no placeholder characters in values', () => {
  for (const v of ['*', '--', '___', '≥**人次']) {
    it(`fires for ${JSON.stringify(v)}`, () => {
      const f = single(withProject((p) => (p.indicators[0]!.annualValue = v)), 'value-placeholder');
      expect(f).toMatchObject({ rule: 9, severity: 'error', location: AT_INDICATOR(0, '接待来访群众人次', 'annualValue') });
    });
  }

  it('stays quiet for real values', () => {
    expect(byRule(withProject((p) => (p.indicators[4]!.annualValue = '诉求解决率达到90%以上')), 9)).toEqual([]);
  });
});

describe('rule 10: a value with a comparison sign must be numeric', () => {
  it('fires for a sign followed by words', () => {
    const f = single(withProject((p) => (p.indicators[4]!.annualValue = '≥良好')), 'value-not-numeric');
    expect(f).toMatchObject({ rule: 10, severity: 'error', location: AT_INDICATOR(4, '群众合理诉求解决率', 'annualValue') });
  });

  it('fires for the seed 001 value " ≦岗位档次包干经费"', () => {
    const f = single(withProject((p) => (p.indicators[3]!.annualValue = ' ≦岗位档次包干经费')), 'value-not-numeric');
    expect(f.location).toMatchObject(AT_INDICATOR(3, '项目总成本', 'annualValue'));
  });

  it('stays quiet for signed numbers and for qualitative words without a sign', () => {
    expect(byRule(withProject((p) => (p.indicators[4]!.annualValue = '良好')), 10)).toEqual([]);
    expect(byRule(withProject(() => {}), 10)).toEqual([]);
  });
});

describe('rule 14: task amounts add up to 项目支出', () => {
  it('fires when they do not', () => {
    const f = single(withOverall((o) => (o.tasks[1]!.amount = 9999)), 'tasks-sum-mismatch');
    expect(f).toMatchObject({ rule: 14, severity: 'error', location: { ...AT_OVERALL, field: 'tasks' } });
    expect(f.message).toContain('299.99');
    expect(f.message).toContain('300.00');
  });

  it('stays quiet when they do, or when there are no tasks', () => {
    expect(byRule(withOverall(() => {}), 14)).toEqual([]);
    expect(byRule(withOverall((o) => (o.tasks = [])), 14)).toEqual([]);
  });
});

describe('rule 15: totals add up', () => {
  it('fires when a project total is not 财政拨款 + 财政专户拨款 + 其他资金', () => {
    const f = single(
      withProject((p) => {
        p.funds = { fiscal: 8000, fiscalSpecial: 1000, other: 500 };
        p.statedTotal = 10000;
      }),
      'total-mismatch',
    );
    expect(f).toMatchObject({ rule: 15, severity: 'error', location: { ...AT_PROJECT, field: 'total' } });
    expect(f.message).toContain('95.00');
  });

  it('fires when a unit subtotal is not the sum of its projects', () => {
    const y = year([projectA(), { ...projectA(), name: '第二个项目' }]);
    y.departments[0]!.units[0]!.statedTotal = 20001;
    const f = single(validateYear(y), 'subtotal-mismatch');
    expect(f).toMatchObject({
      rule: 15,
      severity: 'error',
      location: { department: DEPT, unit: UNIT, unitIndex: 0, field: 'total' },
    });
    expect(f.location.project).toBeUndefined();
  });

  it('fires when the 合计 is not the sum of the units', () => {
    const y = year([projectA()]);
    y.departments[0]!.statedTotal = 9999;
    const f = single(validateYear(y), 'grand-total-mismatch');
    expect(f).toMatchObject({ rule: 15, severity: 'error', location: { department: DEPT, departmentIndex: 0, field: 'total' } });
    expect(f.location.unit).toBeUndefined();
  });

  it('stays quiet when every stated total adds up', () => {
    const p = projectA();
    p.funds = { fiscal: 8000, fiscalSpecial: 1500, other: 500 };
    p.statedTotal = 10000;
    const y = year([p, { ...projectA(), name: '第二个项目', statedTotal: 10000 }]);
    y.departments[0]!.units[0]!.statedTotal = 20000;
    y.departments[0]!.statedTotal = 20000;
    expect(byRule(validateYear(y), 15)).toEqual([]);
  });
});

describe('rule 16: the overall budget agrees by type, source and level', () => {
  it('fires when 基本支出 + 项目支出 differs from 财政拨款 + 其他资金', () => {
    const f = single(withOverall((o) => (o.budget.other = 100)), 'overall-budget-mismatch');
    expect(f).toMatchObject({ rule: 16, severity: 'error', location: { ...AT_OVERALL, field: 'budget' } });
  });

  it('fires when the split by level differs', () => {
    const f = single(withOverall((o) => (o.budget.transfer = 100)), 'overall-budget-mismatch');
    expect(f.rule).toBe(16);
  });

  it('stays quiet when all three agree, with money on every line', () => {
    const findings = withOverall((o) => {
      o.budget = { basic: 50000, project: 30000, fiscal: 70000, other: 10000, ownLevel: 60000, transfer: 20000 };
    });
    expect(byRule(findings, 16)).toEqual([]);
  });
});

describe('rule 17: the spending plan is cumulative and within the budget', () => {
  it('fires when a later month is lower', () => {
    const f = single(
      withProject((p) => (p.spendingPlan = { mar: 5000, jun: 4000, oct: null, dec: 10000 })),
      'plan-decreasing',
    );
    expect(f).toMatchObject({ rule: 17, severity: 'warning', location: { ...AT_PROJECT, field: 'spendingPlan' } });
    expect(f.message).toContain('6月底');
  });

  it('fires when the last filled month passes the budget', () => {
    const f = single(withProject((p) => (p.spendingPlan = { mar: 2500, jun: 5000, oct: 10001, dec: null })), 'plan-over-budget');
    expect(f).toMatchObject({ rule: 17, severity: 'warning', location: { ...AT_PROJECT, field: 'spendingPlan' } });
  });

  it('stays quiet for a rising plan that ends at the budget, or one filled month (seed 002)', () => {
    expect(byRule(withProject((p) => (p.spendingPlan = { mar: 2500, jun: 5000, oct: 7500, dec: 10000 })), 17)).toEqual([]);
    expect(byRule(withProject((p) => (p.spendingPlan = { mar: null, jun: 10000, oct: null, dec: null })), 17)).toEqual([]);
  });
});

describe('rule 18: a cost indicator does not exceed the budget', () => {
  it('fires for 万元 above the project total', () => {
    const f = single(withProject((p) => (p.indicators[3]!.annualValue = '≤120万元')), 'cost-over-budget');
    expect(f).toMatchObject({ rule: 18, severity: 'warning', location: AT_INDICATOR(3, '项目总成本', 'annualValue') });
  });

  it('converts 元 to 万元', () => {
    expect(byCheck(withProject((p) => (p.indicators[3]!.annualValue = '1000100元')), 'cost-over-budget')).toHaveLength(1);
    expect(byCheck(withProject((p) => (p.indicators[3]!.annualValue = '1000000元')), 'cost-over-budget')).toEqual([]);
  });

  it('fires for the 一级 成本指标 in framework B', () => {
    const f = single(withProject((p) => (p.indicators[0]!.annualValue = '≤101万元'), 'B'), 'cost-over-budget');
    expect(f.location).toMatchObject(AT_INDICATOR(0, '项目总成本', 'annualValue'));
  });

  it('stays quiet when the cost equals the budget (seed 001: 12万元 for 12.00)', () => {
    expect(byRule(withProject((p) => (p.indicators[3]!.annualValue = '100万元')), 18)).toEqual([]);
    expect(byRule(withProject((p) => (p.indicators[3]!.annualValue = '≤99.5万元')), 18)).toEqual([]);
  });

  it('ignores money amounts of indicators that are not cost indicators', () => {
    expect(byRule(withProject((p) => (p.indicators[0]!.annualValue = '≥500万元')), 18)).toEqual([]);
  });
});

describe('rule 20: length limits', () => {
  const goalOf = (n: number) => `完成${'接'.repeat(n - 4)}1项`;

  it('fires for a 绩效目标 of 2001 characters', () => {
    const f = single(withProject((p) => (p.goal = goalOf(2001))), 'too-long');
    expect(f).toMatchObject({ rule: 20, severity: 'error', location: { ...AT_PROJECT, field: 'goal' } });
    expect(f.message).toContain('2001');
  });

  it('fires for a 三级 name of 1001 characters', () => {
    const long = '名'.repeat(1001);
    const f = single(withProject((p) => (p.indicators[1]!.name = long)), 'too-long');
    expect(f).toMatchObject({ rule: 20, severity: 'error', location: AT_INDICATOR(1, long, 'name') });
  });

  it('fires for a 指标值 of 1001 characters', () => {
    const f = single(withProject((p) => (p.indicators[4]!.annualValue = '良'.repeat(1001))), 'too-long');
    expect(f.location).toMatchObject(AT_INDICATOR(4, '群众合理诉求解决率', 'annualValue'));
  });

  it('stays quiet at exactly the limits', () => {
    expect(goalOf(2000)).toHaveLength(2000);
    const findings = withProject((p) => {
      p.goal = goalOf(2000);
      p.indicators[1]!.name = '名'.repeat(1000);
      p.indicators[4]!.annualValue = '良'.repeat(1000);
    });
    expect(byRule(findings, 20)).toEqual([]);
  });
});

describe('rule 23: vague wording', () => {
  it('warns about a goal with only vague wording and no number', () => {
    const f = single(withProject((p) => (p.goal = '进一步提高信访工作水平，有效促进社会和谐稳定。')), 'vague-goal');
    expect(f).toMatchObject({ rule: 23, severity: 'warning', location: { ...AT_PROJECT, field: 'goal' } });
  });

  it('warns about a vague value without a number', () => {
    const f = single(withProject((p) => (p.indicators[4]!.annualValue = '明显改善')), 'vague-value');
    expect(f).toMatchObject({ rule: 23, severity: 'warning', location: AT_INDICATOR(4, '群众合理诉求解决率', 'annualValue') });
  });

  it('stays quiet when a number backs the wording', () => {
    expect(byRule(withProject((p) => (p.goal = '进一步提高信访工作水平，按期办结率达到95%。')), 23)).toEqual([]);
    expect(byRule(withProject((p) => (p.indicators[4]!.annualValue = '明显改善，解决率≥90%')), 23)).toEqual([]);
  });
});

describe('rule 24: 满意度 as a percentage', () => {
  for (const v of ['满意', '收到投诉案件10件以下', '80分以上']) {
    it(`warns about ${JSON.stringify(v)}`, () => {
      const f = single(withProject((p) => (p.indicators[5]!.annualValue = v)), 'satisfaction-not-percent');
      expect(f).toMatchObject({ rule: 24, severity: 'warning', location: AT_INDICATOR(5, '来访群众满意度', 'annualValue') });
    });
  }

  it('stays quiet for a percentage target, and for non-satisfaction indicators', () => {
    expect(byRule(withProject((p) => (p.indicators[5]!.annualValue = '满意度达到85%以上')), 24)).toEqual([]);
    expect(byRule(withProject((p) => (p.indicators[4]!.annualValue = '良好')), 24)).toEqual([]);
  });
});

describe('structural checks', () => {
  it('name-missing fires for an indicator without a 三级 name', () => {
    const f = single(withProject((p) => (p.indicators[2]!.name = '')), 'name-missing');
    expect(f).toMatchObject({ severity: 'error', location: AT_INDICATOR(2, '', 'name') });
  });

  it('name-missing stays quiet for named indicators', () => {
    expect(byCheck(withProject(() => {}), 'name-missing')).toEqual([]);
  });

  it('level1-unknown fires for 成本指标 as 一级 in framework A', () => {
    const f = single(
      withProject((p) => p.indicators.push(ind('成本指标', '经济成本指标', '人员成本', '≤20万元'))),
      'level1-unknown',
    );
    expect(f).toMatchObject({ severity: 'error', location: AT_INDICATOR(6, '人员成本', 'level1') });
    expect(f.message).toContain('成本指标');
  });

  it('level1-unknown fires for an empty 一级', () => {
    const f = single(withProject((p) => (p.indicators[4]!.level1 = '')), 'level1-unknown');
    expect(f.location).toMatchObject(AT_INDICATOR(4, '群众合理诉求解决率', 'level1'));
  });

  it('level1-unknown stays quiet for aliases and codes, and for 成本指标 in framework B', () => {
    expect(byCheck(withProject((p) => (p.indicators[4]!.level1 = '效果指标')), 'level1-unknown')).toEqual([]);
    expect(byCheck(withProject((p) => (p.indicators[4]!.level1 = '2-效益指标')), 'level1-unknown')).toEqual([]);
    expect(byCheck(withProject(() => {}, 'B'), 'level1-unknown')).toEqual([]);
  });

  it('level2-mismatch fires for a 二级 of another 一级', () => {
    const f = single(withProject((p) => (p.indicators[4]!.level2 = '数量指标')), 'level2-mismatch');
    expect(f).toMatchObject({ severity: 'error', location: AT_INDICATOR(4, '群众合理诉求解决率', 'level2') });
    expect(f.message).toContain('数量指标');
  });

  it('level2-mismatch fires for 成本指标 under 产出指标 in framework B', () => {
    const f = single(
      withProject((p) => p.indicators.push(ind('产出指标', '成本指标', '人员成本', '≤20万元')), 'B'),
      'level2-mismatch',
    );
    expect(f.location).toMatchObject(AT_INDICATOR(6, '人员成本', 'level2'));
  });

  it('level2-mismatch stays quiet for printed labels and aliases', () => {
    const findings = withProject((p) => {
      p.indicators[4]!.level2 = '22-社会效益';
      p.indicators[5]!.level2 = '服务对象满意度';
    });
    expect(byCheck(findings, 'level2-mismatch')).toEqual([]);
  });
});

describe('reporting', () => {
  it('describes a location the way an officer reads it', () => {
    const f = single(withProject((p) => (p.indicators[1]!.annualValue = '')), 'value-missing');
    expect(describeLocation(f.location)).toBe(`${DEPT} › ${UNIT} › 项目“${PROJECT}” › 第2条指标（信访事项按期办结率） › 年度指标值`);
  });

  it('counts errors and warnings', () => {
    const findings = withProject((p) => {
      p.goal = '';
      p.indicators[5]!.annualValue = '满意';
    });
    expect(countBySeverity(findings)).toEqual({ error: 1, warning: 1 });
  });
});

describe('the seeds', () => {
  const SEEDS_DIR = path.resolve(import.meta.dirname, '../fixtures/seeds');
  const load = (id: string) => parseInterchange(fs.readFileSync(path.join(SEEDS_DIR, `seed-${id}.json`), 'utf8'));

  it('seed 000: 机构运行辅助经费 lacks a 满意度指标 (rule 4, error)', () => {
    const hits = validateYear(load('000')).filter((f) => f.rule === 4);
    const f = hits.find((x) => x.location.project === '机构运行辅助经费');
    expect(f).toMatchObject({
      check: 'level1-empty',
      severity: 'error',
      location: { department: '广州市信访局', project: '机构运行辅助经费', projectIndex: 2, field: 'indicators' },
    });
    // 物业管理费 has one and is not reported.
    expect(hits.some((x) => x.location.project === '物业管理费')).toBe(false);
  });

  it('seed 003: the indicator with no 三级 name in 基层服务平台示范点建设经费', () => {
    const hits = byCheck(validateYear(load('003')), 'name-missing');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      severity: 'error',
      location: {
        department: '广州市花都区政务服务和数据管理局',
        project: '基层服务平台示范点建设经费',
        indicatorIndex: 2,
        indicatorName: '',
        field: 'name',
      },
    });
  });

  for (const id of ['000', '001', '002', '003', '004']) {
    it(`seed ${id}: every total adds up (no finding of rules 14, 15, 16)`, () => {
      const findings = validateYear(load(id));
      expect(findings.filter((f) => [14, 15, 16].includes(f.rule))).toEqual([]);
    });
  }

  it('seed 004: the overall table is checked (a spoiled task amount is caught)', () => {
    const y = load('004');
    y.departments[0]!.overall!.tasks[0]!.amount += 1;
    expect(byCheck(validateYear(y), 'tasks-sum-mismatch')).toHaveLength(1);
  });
});
