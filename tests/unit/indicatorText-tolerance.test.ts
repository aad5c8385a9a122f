import { describe, expect, it } from 'vitest';
import { FRAMEWORK_A } from '../../shared/frameworks.ts';
import { IndicatorTextError, parseIndicatorText, readIndicatorText } from '../../shared/indicatorText.ts';

describe('tolerance of hand-written 绩效指标 text', () => {
  it('abbreviated 一级 names start items too and come back canonical', () => {
    const r = parseIndicatorText('1、效益指标：投诉次数，年度指标值：5次以下。2、产出：按时完成率，年度指标值：100%。', FRAMEWORK_A);
    expect(r.indicators.map((i) => [i.level1, i.name, i.annualValue])).toEqual([
      ['效益指标', '投诉次数', '5次以下'],
      ['产出指标', '按时完成率', '100%'],
    ]);
  });

  it('items of another grammar inside a cell are refused, not glued into the previous value', () => {
    const text = '1、效益指标：投诉次数，年度指标值：5次以下。2.1-产出指标:11-数量指标:按时完成率;实施周期指标值:100%;年度指标值:100%。';
    expect(() => parseIndicatorText(text, FRAMEWORK_A)).toThrow(IndicatorTextError);
    expect(() => parseIndicatorText(text, FRAMEWORK_A)).toThrow('混有另一种格式的指标“2.1-产出指标:');
  });
});

describe('one bad item does not cost the others (issue 8 item 2)', () => {
  const triple = (l1: string, name: string, annual: string) => [l1, name, annual];

  it('reads every item that parses and gives back the one that does not, verbatim, with why', () => {
    const bad = '2、效益指标：投诉次数5次以下。';
    const text = `1、产出指标：按时完成率，年度指标值：100%。${bad}3、满意度指标：群众满意度，年度指标值：≥90%。`;
    const r = readIndicatorText(text, FRAMEWORK_A);
    expect(r.style).toBe('A');
    expect(r.indicators.map((i) => triple(i.level1, i.name, i.annualValue))).toEqual([
      ['产出指标', '按时完成率', '100%'],
      ['满意度指标', '群众满意度', '≥90%'],
    ]);
    expect(r.unparsed).toEqual([{ text: bad, offset: text.indexOf(bad), message: expect.stringContaining('第 2 条') }]);
    expect(r.unparsed[0]?.message).toContain('缺少“年度指标值”');
    expect(r.unparsed[0]?.message).not.toContain('另一种格式');
    // The strict reader still refuses the whole text.
    expect(() => parseIndicatorText(text, FRAMEWORK_A)).toThrow(IndicatorTextError);
  });

  it('grammar A typed with ； between items, and with half-width : and ,', () => {
    const expected = [
      ['产出指标', '按时完成率', '100%'],
      ['效益指标', '投诉次数', '5次以下'],
    ];
    for (const text of [
      '1、产出指标：按时完成率，年度指标值：100%；2、效益指标：投诉次数，年度指标值：5次以下；',
      '1、产出指标：按时完成率，年度指标值：100%;2、效益指标：投诉次数，年度指标值：5次以下。',
      '1、产出指标:按时完成率,年度指标值:100%。2、效益指标:投诉次数,年度指标值:5次以下。',
      '1、产出指标:按时完成率,年度指标值:100%；2、效益指标：投诉次数，年度指标值：5次以下',
    ]) {
      const r = readIndicatorText(text, FRAMEWORK_A);
      expect(r.unparsed, text).toEqual([]);
      expect(r.style, text).toBe('A');
      expect(r.indicators.map((i) => triple(i.level1, i.name, i.annualValue)), text).toEqual(expected);
    }
  });

  it('says “another grammar” only when another grammar is there; two items of the same grammar run together are said as such', () => {
    const same = readIndicatorText('1、产出指标：按时完成率，年度指标值：100%，2、效益指标：投诉次数，年度指标值：5次以下。', FRAMEWORK_A);
    expect(same.indicators).toEqual([]);
    expect(same.unparsed).toHaveLength(1);
    expect(same.unparsed[0]?.message).toContain('含有下一条的开头“2、效益指标：”');
    expect(same.unparsed[0]?.message).not.toContain('另一种格式');

    const mixed = readIndicatorText(
      '1、效益指标：投诉次数，年度指标值：5次以下。2.1-产出指标:11-数量指标:按时完成率;实施周期指标值:100%;年度指标值:100%。',
      FRAMEWORK_A,
    );
    expect(mixed.unparsed.map((u) => u.message)).toEqual([expect.stringContaining('混有另一种格式的指标“2.1-产出指标:')]);
  });

  it('text before the first item is given back, and the items after it are read', () => {
    const text = '绩效指标如下：1.1-产出指标:11-数量指标:人数;实施周期指标值:3人;年度指标值:3人。';
    const r = readIndicatorText(text, FRAMEWORK_A);
    expect(r.style).toBe('C');
    expect(r.indicators.map((i) => [i.level2, i.name, i.periodValue, i.annualValue])).toEqual([['数量指标', '人数', '3人', '3人']]);
    expect(r.unparsed).toEqual([{ text: '绩效指标如下：', offset: 0, message: expect.stringContaining('不是“序号、一级指标”的格式') }]);
  });

  it('text in no grammar is given back whole', () => {
    const r = readIndicatorText('劳务派遣人员4人，流失率低', FRAMEWORK_A);
    expect(r.indicators).toEqual([]);
    expect(r.unparsed).toEqual([{ text: '劳务派遣人员4人，流失率低', offset: 0, message: expect.stringContaining('无法识别绩效指标文字的格式') }]);
  });
});
