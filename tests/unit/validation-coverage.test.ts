// Coverage (domain.md §5 rules 2–5 and 13): every category the framework requires is checked, in framework B as in
// A, and in the department overall table (T3) as in projects.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/validation.ts';
import { AT_OVERALL, AT_PROJECT, byCheck, byRule, ind, projectB, single, withOverall, withProject } from './validation-fixtures.ts';

/** Indicators of a framework-B overall table that covers every category: those of the framework-B project. */
const overallB = () => projectB().indicators;

/** The 二级 named by each level2-empty finding, in order. */
const missingLevel2 = (findings: Finding[]) => byCheck(findings, 'level2-empty').map((f) => f.message.match(/ › (\S+?)”/)?.[1]);

describe('framework B: each 产出 二级 and the 经济成本 (rule 5, warnings)', () => {
  // projectB: 0 经济成本, 1 数量, 2 质量, 3 时效, 4 社会效益, 5 满意度.
  for (const [index, name] of [
    [1, '数量指标'],
    [2, '质量指标'],
    [3, '时效指标'],
  ] as const) {
    it(`warns about the missing ${name}`, () => {
      const f = single(withProject((p) => p.indicators.splice(index, 1), 'B'), 'level2-empty');
      expect(f).toMatchObject({ rule: 5, severity: 'warning', location: { ...AT_PROJECT, field: 'indicators' } });
      expect(f.message).toContain(`产出指标 › ${name}`);
    });
  }

  it('warns about each missing 二级 once', () => {
    expect(missingLevel2(withProject((p) => p.indicators.splice(2, 2), 'B'))).toEqual(['质量指标', '时效指标']);
  });

  it('warns once, naming what is needed, when there is no 产出 at all', () => {
    const findings = withProject((p) => p.indicators.splice(1, 3), 'B');
    expect(byCheck(findings, 'level2-empty')).toEqual([]);
    const f = single(findings, 'level1-empty');
    expect(f).toMatchObject({ rule: 5, severity: 'warning' });
    expect(f.message).toContain('数量指标、质量指标、时效指标');
  });

  it('warns when the cost is only a 社会成本: 经济成本 is the one every project has', () => {
    const f = single(withProject((p) => (p.indicators[0]!.level2 = '社会成本指标'), 'B'), 'level2-empty');
    expect(f).toMatchObject({ rule: 5, severity: 'warning' });
    expect(f.message).toContain('成本指标 › 经济成本指标');
  });

  it('warns once when there is no 成本指标 at all', () => {
    const f = single(withProject((p) => p.indicators.splice(0, 1), 'B'), 'level1-empty');
    expect(f).toMatchObject({ rule: 5, severity: 'warning' });
    expect(f.message).toContain('成本指标');
  });

  it('says once that it cannot check when no indicator has a 二级', () => {
    const f = single(withProject((p) => p.indicators.forEach((i) => (i.level2 = '')), 'B'), 'level2-unknown');
    expect(f).toMatchObject({ severity: 'warning', location: { ...AT_PROJECT, field: 'indicators' } });
    expect(f.message).toContain('成本指标');
    expect(f.message).toContain('产出指标');
  });

  it('stays quiet for a complete project, with 社会 or 生态环境 costs added or not', () => {
    expect(byRule(withProject(() => {}, 'B'), 5)).toEqual([]);
    const more = withProject((p) => p.indicators.push(ind('成本指标', '社会成本指标', '社会成本', '无新增社会成本')), 'B');
    expect(byRule(more, 5)).toEqual([]);
  });
});

describe('the department overall table (T3) gets the coverage checks of a project', () => {
  // overall(): 0 数量, 1 质量, 2 时效, 3 成本 (under 产出), 4 社会效益, 5 满意度.
  it('fires for the missing 时效 under 产出 (as seed 004 lacks it)', () => {
    const f = single(withOverall((o) => o.indicators.splice(2, 1)), 'level2-empty');
    expect(f).toMatchObject({ rule: 2, severity: 'error', location: { ...AT_OVERALL, field: 'indicators' } });
    expect(f.message).toContain('产出指标 › 时效指标');
    expect(f.location.indicatorIndex).toBeUndefined();
  });

  it('fires for a missing 效益 or 满意度', () => {
    expect(single(withOverall((o) => o.indicators.splice(4, 1)), 'level1-empty')).toMatchObject({ rule: 3, severity: 'error' });
    expect(single(withOverall((o) => o.indicators.splice(5, 1)), 'level1-empty')).toMatchObject({ rule: 4, severity: 'error' });
  });

  it('warns in framework B as for projects', () => {
    const findings = withOverall((o) => (o.indicators = overallB().filter((i) => i.level2 !== '质量指标')), 'B');
    expect(single(findings, 'level2-empty')).toMatchObject({ rule: 5, severity: 'warning', location: { ...AT_OVERALL, field: 'indicators' } });
  });

  it('stays quiet for a complete table, in both frameworks', () => {
    expect(withOverall(() => {})).toEqual([]);
    expect(withOverall((o) => (o.indicators = overallB()), 'B')).toEqual([]);
  });

  it('adds no coverage finding to a table without indicators (that is one finding already)', () => {
    const findings = withOverall((o) => (o.indicators = []));
    expect(findings.map((f) => f.check)).toEqual(['indicators-missing']);
  });
});
