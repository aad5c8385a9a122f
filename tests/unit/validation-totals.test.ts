// Rule 15 (and 14, 16, 17, 18 that use the same amounts): one wrong number gives one finding, and it names the
// number that is wrong — not a cascade of 总计, 小计, 合计 and spending-plan findings for one slip.
import { describe, expect, it } from 'vitest';
import type { Project, YearData } from '../../shared/model.ts';
import { validateYear, type Finding } from '../../shared/validation.ts';
import { AT_PROJECT, DEPT, UNIT, projectA, withOverall, year } from './validation-fixtures.ts';

/**
 * Two projects of 100.00 万元 each in one unit, with the 小计 and 合计 printed (200.00) and the spending plan
 * ending at each budget, as imported tables have them; `spoil` then mistypes one number.
 */
function printedTable(spoil: (y: YearData, first: Project) => void): Finding[] {
  const plan = { mar: null, jun: null, oct: null, dec: 10000 };
  const first: Project = { ...projectA(), statedTotal: 10000, spendingPlan: { ...plan } };
  const second: Project = { ...projectA(), name: '信访信息系统运维经费', statedTotal: 10000, spendingPlan: { ...plan } };
  const y = year([first, second]);
  y.departments[0]!.statedTotal = 20000;
  y.departments[0]!.units[0]!.statedTotal = 20000;
  spoil(y, first);
  return validateYear(y);
}

const checks = (findings: Finding[]) => findings.map((f) => f.check);

describe('a mistyped project 总计', () => {
  it('is one finding on the 总计, when the 小计 and the spending plan follow the sources', () => {
    const findings = printedTable((_, p) => (p.statedTotal = 100000));
    expect(checks(findings)).toEqual(['total-mismatch']);
    expect(findings[0]).toMatchObject({ rule: 15, severity: 'error', location: { ...AT_PROJECT, field: 'total' } });
    expect(findings[0]!.message).toContain('总计 1,000.00 万元 有误');
    expect(findings[0]!.message).toContain('100.00 万元');
  });

  it('is one finding when only the 小计 tells, or only the spending plan', () => {
    const bySubtotal = printedTable((_, p) => {
      p.statedTotal = 100000;
      p.spendingPlan.dec = null;
    });
    expect(checks(bySubtotal)).toEqual(['total-mismatch']);
    expect(bySubtotal[0]!.message).toContain('单位小计');
    const byPlan = printedTable((y, p) => {
      p.statedTotal = 100000;
      y.departments[0]!.units[0]!.statedTotal = null;
      y.departments[0]!.statedTotal = null;
    });
    expect(checks(byPlan)).toEqual(['total-mismatch']);
    expect(byPlan[0]!.message).toContain('12月底资金支出计划');
  });

  it('does not make the cost indicator look over budget when the 总计 is the smaller number', () => {
    expect(checks(printedTable((_, p) => (p.statedTotal = 5000)))).toEqual(['total-mismatch']);
  });

  it('is one finding each when two projects are mistyped', () => {
    const findings = printedTable((y, p) => {
      p.statedTotal = 100000;
      y.departments[0]!.units[0]!.projects[1]!.statedTotal = 1;
    });
    expect(findings.map((f) => [f.check, f.location.projectIndex, f.location.field])).toEqual([
      ['total-mismatch', 0, 'total'],
      ['total-mismatch', 1, 'total'],
    ]);
  });
});

describe('a mistyped source amount', () => {
  it('is one finding on the sources, when the 小计 and the spending plan follow the 总计', () => {
    const findings = printedTable((_, p) => (p.funds = { fiscal: 100000, fiscalSpecial: 0, other: 0 }));
    expect(checks(findings)).toEqual(['total-mismatch']);
    expect(findings[0]).toMatchObject({ rule: 15, severity: 'error', location: { ...AT_PROJECT, field: 'funds' } });
    expect(findings[0]!.message).toContain('资金来源中有金额填错');
  });
});

describe('when nothing tells which number is wrong', () => {
  it('is still one finding on the 总计, saying both numbers', () => {
    const findings = printedTable((y, p) => {
      p.statedTotal = 100000;
      p.spendingPlan.dec = null;
      y.departments[0]!.units[0]!.statedTotal = null;
      y.departments[0]!.statedTotal = null;
    });
    expect(checks(findings)).toEqual(['total-mismatch']);
    expect(findings[0]!.location.field).toBe('total');
    expect(findings[0]!.message).toMatch(/1,000\.00 万元.*100\.00 万元/);
  });
});

describe('a mistyped unit 小计', () => {
  it('is one finding on the 小计, not one more on the 合计 that follows the projects', () => {
    const findings = printedTable((y) => (y.departments[0]!.units[0]!.statedTotal = 2000));
    expect(checks(findings)).toEqual(['subtotal-mismatch']);
    expect(findings[0]).toMatchObject({ location: { department: DEPT, unit: UNIT, unitIndex: 0, field: 'total' } });
    expect(findings[0]!.message).toContain('有误');
  });

  it('leaves a wrong 合计 its own finding', () => {
    expect(checks(printedTable((y) => (y.departments[0]!.statedTotal = 2000)))).toEqual(['grand-total-mismatch']);
  });
});

describe('a mistyped 项目支出 in the overall table (rules 14, 16)', () => {
  it('is one finding that names 项目支出, not also a task-sum finding', () => {
    const findings = withOverall((o) => (o.budget.project = 39000));
    expect(checks(findings)).toEqual(['overall-budget-mismatch']);
    expect(findings[0]!.message).toContain('项目支出 390.00 万元 有误');
    expect(findings[0]!.message).toContain('300.00 万元');
  });

  it('keeps both findings when the tasks do not back either reading', () => {
    const findings = withOverall((o) => {
      o.budget.project = 39000;
      o.tasks[0]!.amount = 1;
    });
    expect(checks(findings)).toEqual(['overall-budget-mismatch', 'tasks-sum-mismatch']);
  });
});

describe('a table that adds up', () => {
  it('has no finding about totals', () => {
    expect(printedTable(() => {})).toEqual([]);
  });
});
