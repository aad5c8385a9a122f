// Issue 7 item 3: T1 grammars B and C print the 二级 of each indicator, so one without a 二级 comes out as
// `2-效益指标,,名称`. 审核 warns about those indicators where the summary table would be exported so, and says what
// the officer can do.
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_A } from '../../shared/frameworks.ts';
import { renderIndicatorText } from '../../shared/indicatorText.ts';
import type { Project, SummaryStyle } from '../../shared/model.ts';
import { validateYear, type Finding } from '../../shared/validation.ts';
import { AT_INDICATOR, byCheck, projectA, year } from './validation-fixtures.ts';

/** projectA with the 二级 of indicators 4 (效益) and 5 (满意度) left blank, validated with the given T1 grammar. */
function blankLevel2(summaryStyle: SummaryStyle | undefined): { p: Project; found: Finding[] } {
  const p = projectA();
  p.indicators[4]!.level2 = '';
  p.indicators[5]!.level2 = '';
  const found = byCheck(validateYear(year([p], summaryStyle ? { summaryStyle } : {})), 'level2-blank-in-summary');
  return { p, found };
}

/** The text between the quotes of a message: what it says the export prints. */
const quoted = (f: Finding) => f.message.match(/印成“(.+?)”/)?.[1] ?? '';

describe('indicators without 二级 in a year exported in grammar B or C', () => {
  for (const style of ['B', 'C'] as const) {
    it(`grammar ${style}: one warning per such indicator, at its 二级 cell`, () => {
      const { found } = blankLevel2(style);
      expect(found.map((f) => f.location)).toEqual([
        AT_INDICATOR(4, '群众合理诉求解决率', 'level2'),
        AT_INDICATOR(5, '来访群众满意度', 'level2'),
      ]);
      for (const f of found) expect(f).toMatchObject({ severity: 'warning' });
    });

    it(`grammar ${style}: quotes what the export prints, empty 二级 and all`, () => {
      const { p, found } = blankLevel2(style);
      const printed = renderIndicatorText(p.indicators, FRAMEWORK_A, style);
      expect(quoted(found[0]!)).toBe(style === 'B' ? '2-效益指标,,群众合理诉求解决率' : '2-效益指标::群众合理诉求解决率');
      for (const f of found) expect(printed).toContain(quoted(f));
    });
  }

  it('tells the officer what to do: choose a 二级 (naming the choices) or export in grammar A', () => {
    const { found } = blankLevel2('B');
    expect(found[0]!.message).toContain('经济效益指标、社会效益指标');
    expect(found[0]!.message).toContain('格式 A');
  });

  it('warns too when no grammar was imported, since the export then defaults to B', () => {
    const { found } = blankLevel2(undefined);
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toContain('默认按格式 B');
  });

  it('stays quiet in grammar A, which prints no 二级', () => {
    expect(blankLevel2('A').found).toEqual([]);
  });

  it('stays quiet when every indicator has its 二级', () => {
    expect(byCheck(validateYear(year([projectA()], { summaryStyle: 'C' })), 'level2-blank-in-summary')).toEqual([]);
  });
});
