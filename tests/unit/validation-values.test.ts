// Target values (rules 6, 9, 18, 24): placeholders are flagged, numbers with thousands separators and ranges are
// read as numbers, and what they say reaches the checks that use them.
import { describe, expect, it } from 'vitest';
import { AT_INDICATOR, byCheck, byRule, single, withOverall, withProject } from './validation-fixtures.ts';

describe('rule 9: a placeholder is no target value', () => {
  // projectA: 4 is 群众合理诉求解决率 (效益), 5 is 来访群众满意度 (满意度).
  for (const v of ['无', '/', '-', '—', '暂无', '待定', ' 无 ', '无。', '／']) {
    it(`flags ${JSON.stringify(v)} as the whole value`, () => {
      const f = single(withProject((p) => (p.indicators[4]!.annualValue = v)), 'value-placeholder');
      expect(f).toMatchObject({ rule: 9, severity: 'error', location: AT_INDICATOR(4, '群众合理诉求解决率', 'annualValue') });
      expect(f.message).toContain('请填写实际目标值');
    });
  }

  it('flags a placeholder 实施周期 value', () => {
    const findings = withProject((p) => p.indicators.forEach((i, n) => (i.periodValue = n === 2 ? '/' : i.annualValue)));
    expect(single(findings, 'value-placeholder').location).toMatchObject(AT_INDICATOR(2, '受理告知时限', 'periodValue'));
  });

  it('flags the overall table’s “无” (seed 004’s 生态效益)', () => {
    const f = single(withOverall((o) => (o.indicators[4]!.annualValue = '无')), 'value-placeholder');
    expect(f.location).toMatchObject({ overall: true, indicatorIndex: 4, field: 'annualValue' });
  });

  it('says only that about a placeholder 满意度: not also that it is no percentage', () => {
    const findings = withProject((p) => (p.indicators[5]!.annualValue = '无'));
    expect(findings.map((f) => f.check)).toEqual(['value-placeholder']);
  });

  it('stays quiet where the word or the dash is part of a value', () => {
    for (const v of ['无投诉', '无重大安全事故', '3-5个工作日', '8:00-18:00', '2023-12-31前', '90%-95%', '待定事项按期办结']) {
      expect(byRule(withProject((p) => (p.indicators[4]!.annualValue = v)), 9), v).toEqual([]);
    }
  });
});

describe('numbers with thousands separators', () => {
  it('are quantitative with their unit: no unit-missing for "≥3,000件次"', () => {
    expect(byRule(withProject((p) => (p.indicators[0]!.annualValue = '≥3,000件次')), 6)).toEqual([]);
  });

  it('still need a unit: "≥3,000"', () => {
    const f = single(withProject((p) => (p.indicators[0]!.annualValue = '≥3,000')), 'unit-missing');
    expect(f.location).toMatchObject(AT_INDICATOR(0, '接待来访群众人次', 'annualValue'));
  });

  it('feed the cost-vs-budget rule: "≤1,107.43万元" and "≤7,300,000元" exceed 100.00 万元', () => {
    // projectA: 3 is the cost indicator 项目总成本, budget 100.00 万元.
    for (const v of ['≤1,107.43万元', '≤7,300,000元']) {
      const f = single(withProject((p) => (p.indicators[3]!.annualValue = v)), 'cost-over-budget');
      expect(f.location, v).toMatchObject(AT_INDICATOR(3, '项目总成本', 'annualValue'));
    }
  });

  it('within the budget stay quiet: "≤1,000,000元" is 100.00 万元', () => {
    expect(byCheck(withProject((p) => (p.indicators[3]!.annualValue = '≤1,000,000元')), 'cost-over-budget')).toEqual([]);
  });
});

describe('ranges', () => {
  it('"90%-95%" is a percentage: no 满意度 warning', () => {
    for (const v of ['90%-95%', '90-95%', '满意度90%～95%']) {
      expect(byRule(withProject((p) => (p.indicators[5]!.annualValue = v)), 24), v).toEqual([]);
    }
  });

  it('a cost range is checked at its upper bound', () => {
    const over = withProject((p) => (p.indicators[3]!.annualValue = '80-120万元'));
    expect(single(over, 'cost-over-budget').location).toMatchObject(AT_INDICATOR(3, '项目总成本', 'annualValue'));
    expect(byCheck(withProject((p) => (p.indicators[3]!.annualValue = '80-100万元')), 'cost-over-budget')).toEqual([]);
  });
});
