import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInterchange } from '../../shared/interchange.ts';
import type { YearData } from '../../shared/model.ts';
import { bumpYears, rollForward } from '../../shared/rollforward.ts';

const seed = (id: string): YearData =>
  parseInterchange(fs.readFileSync(path.resolve(import.meta.dirname, `../fixtures/seeds/seed-${id}.json`), 'utf8'));

describe('bumpYears', () => {
  it.each([
    ['2023年市级信访积案化解资金', '2024年市级信访积案化解资金'],
    ['广州市信访局2023-2024年信息化运维项目(2023)', '广州市信访局2023-2024年信息化运维项目(2024)'],
    ['运维项目（2023）', '运维项目（2024）'],
    ['2023.12.31', '2024.12.31'],
    ['2023-06-30前完成', '2024-06-30前完成'],
    ['2023年度', '2024年度'],
    ['二〇二三年度部门预算', '二〇二四年度部门预算'],
    ['二○二三年', '二○二四年'],
    ['二零二三年信访工作', '二零二四年信访工作'],
    ['二〇二三年十二月三十一日前', '二〇二四年十二月三十一日前'],
    ['按《2023年信访工作方案》要求，2023年内完成', '按《2023年信访工作方案》要求，2024年内完成'],
    ['2023年（依据〈二〇二三年工作要点〉）', '2024年（依据〈二〇二三年工作要点〉）'],
  ])('bumps %s', (before, after) => {
    expect(bumpYears(before, 2023, 1)).toBe(after);
  });

  it.each([
    ['二〇一九年', '二〇二〇年'],
    ['二○一九年度', '二○二○年度'],
    ['二零一九年', '二零二零年'],
  ])('writes the new zero as the old text does: %s', (before, after) => {
    expect(bumpYears(before, 2019, 1)).toBe(after);
  });

  it('bumps by more than one year when years are skipped, in either script', () => {
    expect(bumpYears('2023年、二〇二三年', 2023, 3)).toBe('2026年、二〇二六年');
  });

  it.each([
    ['37020023P88002811184N', 'a code'],
    ['2023.00万元', 'an amount'],
    ['12023年', 'a longer number'],
    ['工单量≥2023宗', 'a count'],
    ['2018年1月-2019年7月广电电子政务光纤租赁', 'a past contract period'],
    ['建党100周年', 'no year'],
    ['2023-2025年三年行动计划', 'a plan period'],
    ['2022-2023年度信息系统运行维护项目', 'a contract period'],
    ['2023年至2025年', 'a span written out'],
    ['二〇二三至二〇二五年', 'a span in Chinese digits'],
    ['二〇二三年—二〇二五年', 'a span in Chinese digits, each with 年'],
    ['二〇一八年', 'a past year in Chinese digits'],
    ['《2023年信访工作方案》', 'a cited document title'],
    ['《关于印发〈二〇二三年信访工作要点〉的通知》', 'a title within a title'],
    ['财预〔2023〕101号', 'a document number'],
    ['一二三四年', 'Chinese digits that are no year near this one'],
  ])('leaves %s alone (%s)', (text) => {
    expect(bumpYears(text, 2023, 1)).toBe(text);
  });
});

describe('rollForward', () => {
  it('seed 002 (2023) → 2024: names bumped, every indicator carried with its 2023 value as priorValue', () => {
    const before = seed('002');
    const r = rollForward(before);
    expect(r.data.fiscalYear).toBe(2024);
    const projects = r.data.departments[0]?.units[0]?.projects ?? [];
    expect(projects.map((p) => p.name)).toEqual(['2024年市级信访积案化解资金', '2024年信访专项业务费', '2024年金宏视频会议系统运行维护费']);
    const old = before.departments[0]?.units[0]?.projects ?? [];
    expect(r.indicators).toBe(26);
    projects.forEach((p, i) => {
      const o = old[i];
      expect(p.code).toBe(o?.code);
      expect(p.indicators.map((x) => x.priorValue)).toEqual(o?.indicators.map((x) => x.annualValue));
      expect(p.indicators.map((x) => [x.level1, x.level2, x.name])).toEqual(o?.indicators.map((x) => [x.level1, x.level2, x.name]));
      expect(p.funds).toEqual({ fiscal: 0, fiscalSpecial: 0, other: 0 });
      expect(p.spendingPlan).toEqual({ mar: null, jun: null, oct: null, dec: null });
    });
    expect(r.changes).toEqual([
      expect.objectContaining({ before: '2023年市级信访积案化解资金', after: '2024年市级信访积案化解资金' }),
      expect.objectContaining({ before: '2023年信访专项业务费', after: '2024年信访专项业务费' }),
      expect.objectContaining({ before: '2023年金宏视频会议系统运行维护费', after: '2024年金宏视频会议系统运行维护费' }),
    ]);
  });

  it('an indicator whose 实施周期 and annual values are the same text is bumped the same way in both, and both are reported', () => {
    const data = seed('002');
    const p = data.departments[0]?.units[0]?.projects[0];
    if (!p) throw new Error('no project');
    const [same, other] = p.indicators;
    if (!same || !other) throw new Error('no indicators');
    same.annualValue = '二〇二三年十二月三十一日前完成';
    same.periodValue = '二〇二三年十二月三十一日前完成';
    other.annualValue = '2023年完成100件';
    other.periodValue = '2023-2025年累计完成300件';
    const r = rollForward(data);
    const [a, b] = r.data.departments[0]?.units[0]?.projects[0]?.indicators ?? [];
    expect([a?.annualValue, a?.periodValue]).toEqual(['二〇二四年十二月三十一日前完成', '二〇二四年十二月三十一日前完成']);
    expect([b?.annualValue, b?.periodValue]).toEqual(['2024年完成100件', '2023-2025年累计完成300件']);
    const reported = (before: string, after: string, field: string) =>
      r.changes.filter((c) => c.before === before && c.after === after && c.where.endsWith(field));
    expect(reported('二〇二三年十二月三十一日前完成', '二〇二四年十二月三十一日前完成', '年度指标值')).toHaveLength(1);
    expect(reported('二〇二三年十二月三十一日前完成', '二〇二四年十二月三十一日前完成', '实施周期指标值')).toHaveLength(1);
    expect(reported('2023年完成100件', '2024年完成100件', '年度指标值')).toHaveLength(1);
    expect(r.changes.some((c) => c.before.includes('2023-2025年'))).toBe(false);
  });

  it('keeps amounts on request and defaults an empty basis to 历史标准', () => {
    const r = rollForward(seed('000'), { keepAmounts: true });
    const p = r.data.departments[0]?.units[0]?.projects[0];
    expect(p?.funds.fiscal).toBe(8900);
    expect(p?.statedTotal).toBeNull();
    expect(p?.indicators.every((i) => i.basis === '历史标准')).toBe(true);
  });

  it('seed 004: the date value and the department texts are bumped, task amounts cleared', () => {
    const r = rollForward(seed('004'));
    const o = r.data.departments[0]?.overall;
    expect(o?.indicators.find((i) => i.name === '各项工作完成时间')).toMatchObject({ annualValue: '2022.12.31', priorValue: '2021.12.31' });
    expect(o?.goal.startsWith('<p>2022年，我局总体绩效目标是')).toBe(true);
    expect(o?.tasks.every((t) => t.amount === 0)).toBe(true);
    expect(o?.budget.project).toBe(0);
  });

  it('carries only the chosen projects, by code or name, and names the ones it cannot find', () => {
    const r = rollForward(seed('002'), { projects: ['37020023P880028111789', '2023年金宏视频会议系统运行维护费'] });
    expect(r.data.departments[0]?.units[0]?.projects.map((p) => p.name)).toEqual(['2024年信访专项业务费', '2024年金宏视频会议系统运行维护费']);
    expect(() => rollForward(seed('002'), { projects: ['不存在的项目'] })).toThrow('没有找到这些项目（按项目编码或名称）：“不存在的项目”');
  });

  it('refuses a target year that is not later', () => {
    expect(() => rollForward(seed('002'), { toYear: 2023 })).toThrow('新年度 2023 不对');
  });
});
