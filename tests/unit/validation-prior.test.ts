// Last year beside this year: a target that asks less than last year's, for an indicator where more is better, is a
// warning at its annual value; costs, other units and qualitative values are not compared.
import { describe, expect, it } from 'vitest';
import { fellBelowPrior } from '../../shared/target.ts';
import { AT_INDICATOR, byCheck, single, withProject } from './validation-fixtures.ts';

describe('fellBelowPrior', () => {
  it.each([
    ['≥95%', '≥98%', '98'],
    ['≥1000人次', '≥1,200人次', '1200'],
    ['95%', '98%', '98'],
    ['90%以上', '≥95%', '95'],
  ])('%s after %s fell below last year', (now, before, expected) => {
    expect(fellBelowPrior(now, before, false)).toBe(expected);
  });

  it.each([
    ['≥98%', '≥95%'], // higher than last year
    ['≥95%', '≥95%'], // the same
    ['≤15个工作日', '≤10个工作日'], // less is better there: not this rule
    ['≥95%', '≥1000人次'], // other units
    ['满意', '≥95%'], // qualitative now
    ['≥95%', ''], // nothing last year
    ['3人', '4人'], // a count, not a level to reach
  ])('%s after %s is not flagged', (now, before) => {
    expect(fellBelowPrior(now, before, false)).toBeNull();
  });

  it('never flags a cost indicator', () => {
    expect(fellBelowPrior('≥80万元', '≥100万元', true)).toBeNull();
  });
});

describe('审核: targets below last year', () => {
  // projectA: 1 is 信访事项按期办结率 ≥95% (产出 › 质量), 3 is 项目总成本 ≤100万元 (成本).
  it('warns at the annual value, naming both values', () => {
    const f = single(withProject((p) => (p.indicators[1]!.priorValue = '≥98%')), 'below-prior-year');
    expect(f).toMatchObject({ rule: 21, severity: 'warning', location: AT_INDICATOR(1, '信访事项按期办结率', 'annualValue') });
    expect(f.message).toContain('“≥95%”低于上年指标值“≥98%”');
  });

  it('stays quiet where the target rose or the indicator is a cost', () => {
    expect(byCheck(withProject((p) => (p.indicators[1]!.priorValue = '≥90%')), 'below-prior-year')).toEqual([]);
    expect(byCheck(withProject((p) => (p.indicators[3]!.priorValue = '≤120万元')), 'below-prior-year')).toEqual([]);
  });
});
