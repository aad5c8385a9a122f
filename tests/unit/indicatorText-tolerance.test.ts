import { describe, expect, it } from 'vitest';
import { FRAMEWORK_A } from '../../shared/frameworks.ts';
import { IndicatorTextError, parseIndicatorText } from '../../shared/indicatorText.ts';

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
