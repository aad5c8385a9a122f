// The 绩效指标 cell of table T1 in the three Guangzhou grammars (domain.md §4.2), checked against the exact cell text
// of three real tables and the indicators hand-extracted from them into the seed fixtures.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_A, FRAMEWORK_B } from '../../shared/frameworks.ts';
import {
  IndicatorTextError,
  detectStyle,
  lostInStyle,
  parseIndicatorText,
  renderIndicatorText,
  type TextIndicator,
} from '../../shared/indicatorText.ts';
import { parseInterchange } from '../../shared/interchange.ts';
import type { SummaryStyle, YearData } from '../../shared/model.ts';

const SEEDS_DIR = path.resolve(import.meta.dirname, '../fixtures/seeds');

interface Cell {
  project: string;
  text: string;
}

function cells(id: string): Cell[] {
  return JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, `t1-cells-${id}.json`), 'utf8')) as Cell[];
}

function seed(id: string): YearData {
  return parseInterchange(fs.readFileSync(path.join(SEEDS_DIR, `seed-${id}.json`), 'utf8'));
}

/** The text-borne part of each project's indicators in a seed, by project name. */
function seedIndicators(id: string): Map<string, TextIndicator[]> {
  const out = new Map<string, TextIndicator[]>();
  for (const d of seed(id).departments) {
    for (const u of d.units) {
      for (const p of u.projects) {
        out.set(
          p.name,
          p.indicators.map((i) => ({
            level1: i.level1,
            level2: i.level2,
            name: i.name,
            annualValue: i.annualValue,
            periodValue: i.periodValue,
          })),
        );
      }
    }
  }
  return out;
}

function expectedFor(id: string, project: string): TextIndicator[] {
  const inds = seedIndicators(id).get(project);
  if (!inds) throw new Error(`seed-${id}.json has no project ${project}`);
  return inds;
}

/** The item numbers printed in a cell, in order. */
function itemNumbers(text: string, style: SummaryStyle): number[] {
  const re = { A: /(?:^|。)(\d+)、/g, B: /(?:^|;,)(\d+)、/g, C: /(?:^|。)(\d+)\.\d+-/g }[style];
  return [...text.matchAll(re)].map((m) => Number(m[1]));
}

const SEEDS: { id: string; style: SummaryStyle; projects: number; indicators: number }[] = [
  { id: '000', style: 'A', projects: 11, indicators: 33 },
  { id: '001', style: 'B', projects: 6, indicators: 38 },
  { id: '003', style: 'C', projects: 13, indicators: 63 },
];

for (const s of SEEDS) {
  describe(`seed ${s.id} (style ${s.style})`, () => {
    const all = cells(s.id);

    for (const cell of all) {
      it(`reads the indicators of ${cell.project} exactly as in seed-${s.id}.json`, () => {
        const parsed = parseIndicatorText(cell.text, FRAMEWORK_A);
        expect(parsed.style).toBe(s.style);
        expect(parsed.indicators).toEqual(expectedFor(s.id, cell.project));
      });
    }

    it(`detects style ${s.style} for every cell`, () => {
      for (const cell of all) expect(detectStyle(cell.text), cell.project).toBe(s.style);
    });

    it(`counts ${s.indicators} indicators over ${s.projects} projects`, () => {
      expect(all).toHaveLength(s.projects);
      const total = all.reduce((n, c) => n + parseIndicatorText(c.text, FRAMEWORK_A).indicators.length, 0);
      expect(total).toBe(s.indicators);
    });

    for (const style of ['B', 'C'] as const) {
      it(`gives back every project's indicators after rendering them in style ${style}`, () => {
        for (const [project, inds] of seedIndicators(s.id)) {
          const text = renderIndicatorText(inds, FRAMEWORK_A, style);
          const back = parseIndicatorText(text, FRAMEWORK_A);
          expect(back.style, project).toBe(style);
          expect(back.indicators, project).toEqual(inds);
        }
      });
    }

    it('renders each cell whose numbering runs 1..n back byte-for-byte', () => {
      const sequential = all.filter((c) => {
        const nums = itemNumbers(c.text, s.style);
        return nums.every((n, i) => n === i + 1);
      });
      // Only 001's first project restarts its numbering; every other cell is checked here.
      const skipped = all.filter((c) => !sequential.includes(c)).map((c) => c.project);
      expect(skipped).toEqual(s.id === '001' ? ['信访工作经费'] : []);
      for (const cell of sequential) {
        const parsed = parseIndicatorText(cell.text, FRAMEWORK_A);
        // Except that the 。 some cells have between the 实施周期 and annual values is written as the canonical `;`.
        const canonical = s.style === 'C' ? cell.text.replace(/。(?=年度指标值:)/g, ';') : cell.text;
        expect(renderIndicatorText(parsed.indicators, FRAMEWORK_A, parsed.style), cell.project).toBe(canonical);
      }
    });
  });
}

describe('style A carries neither 二级 nor 实施周期 values', () => {
  it("gives back seed 000's indicators after rendering them in style A", () => {
    for (const [project, inds] of seedIndicators('000')) {
      const back = parseIndicatorText(renderIndicatorText(inds, FRAMEWORK_A, 'A'), FRAMEWORK_A);
      expect(back.style, project).toBe('A');
      expect(back.indicators, project).toEqual(inds);
    }
  });

  it('drops 二级 and 实施周期 values of seed 003 when rendered in style A, and says how many', () => {
    const inds = expectedFor('003', '办证大厅窗口服务经费');
    const back = parseIndicatorText(renderIndicatorText(inds, FRAMEWORK_A, 'A'), FRAMEWORK_A).indicators;
    expect(back.map((i) => [i.level1, i.name, i.annualValue])).toEqual(inds.map((i) => [i.level1, i.name, i.annualValue]));
    expect(back.every((i) => i.level2 === '' && i.periodValue === '')).toBe(true);
    expect(lostInStyle(inds, 'A')).toEqual({ level2: 4, period: 4 });
    expect(lostInStyle(inds, 'B')).toEqual({ level2: 0, period: 0 });
    expect(lostInStyle(inds, 'C')).toEqual({ level2: 0, period: 0 });
  });
});

describe('quirks of the real cells', () => {
  it("001's first project restarts its numbering (1…6 then 1…3) and still gives 9 indicators", () => {
    const cell = cells('001').find((c) => c.project === '信访工作经费');
    expect(cell).toBeDefined();
    const text = cell!.text;
    expect(itemNumbers(text, 'B')).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3]);
    const parsed = parseIndicatorText(text, FRAMEWORK_A);
    expect(parsed.indicators).toHaveLength(9);
    expect(parsed.indicators[6]).toEqual({
      level1: '产出指标',
      level2: '时效指标',
      name: '信访案件按时办理',
      periodValue: '严格按照《信访工作条例》办理信访案件',
      annualValue: '没有超期办理信访案件',
    });
    // Rendering numbers the items 1..9; everything else stays.
    const rendered = renderIndicatorText(parsed.indicators, FRAMEWORK_A, 'B');
    expect(itemNumbers(rendered, 'B')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rendered.replace(/(^|;,)\d+、/g, '$1#、')).toBe(text.replace(/(^|;,)\d+、/g, '$1#、'));
  });

  it('003: an item with no 三级 name keeps an empty name and both values', () => {
    const cell = cells('003').find((c) => c.project === '基层服务平台示范点建设经费')!;
    const inds = parseIndicatorText(cell.text, FRAMEWORK_A).indicators;
    expect(inds).toHaveLength(6);
    expect(inds[2]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '',
      periodValue: '100000人',
      annualValue: '100000人',
    });
    expect(renderIndicatorText(inds, FRAMEWORK_A, 'C')).toContain('3.1-产出指标:11-数量指标:实施周期指标值:100000人;');
  });

  it('003: the 。 or ； between the 实施周期 and annual values is punctuation, not part of the 实施周期 value', () => {
    const cell = cells('003').find((c) => c.project === '区政府门户网站和政务新媒体运行经费')!;
    expect(cell.text).toContain('实施周期指标值:4人。年度指标值:4人。');
    const inds = parseIndicatorText(cell.text, FRAMEWORK_A).indicators;
    expect(inds[1]).toMatchObject({ name: '网站运维及驻点服务人员数量', periodValue: '4人', annualValue: '4人' });
    expect(inds[0]?.periodValue).toBe('每年进行全面监测并出具全面监测检查报告(12份);全站内容安全监测报告(4份);预考评报告(1份)');
    // Every 实施周期 value of this project equals its annual value, as the officer wrote them.
    for (const i of inds) expect(i.periodValue).toBe(i.annualValue);
    const rendered = renderIndicatorText(inds, FRAMEWORK_A, 'C');
    expect(rendered).toContain('实施周期指标值:4人;年度指标值:4人。');
    expect(rendered).not.toMatch(/。;?年度指标值/);
    const text = '1.1-产出指标:11-数量指标:人数;实施周期指标值:4人；年度指标值:4人。2.1-产出指标:11-数量指标:次数;实施周期指标值:3次。;年度指标值:3次。';
    expect(parseIndicatorText(text, FRAMEWORK_A).indicators.map((i) => i.periodValue)).toEqual(['4人', '3次。']);
  });

  it('003: keeps a library code in a 三级 name (22135476-目标群体满意度(%))', () => {
    const cell = cells('003').find((c) => c.project === '花都区人才管家线上服务平台建设')!;
    const inds = parseIndicatorText(cell.text, FRAMEWORK_A).indicators;
    expect(inds[4]).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', name: '22135476-目标群体满意度(%)' });
  });

  it('001: keeps leading spaces in values', () => {
    const cell = cells('001').find((c) => c.project === '政府雇员工资经费')!;
    const inds = parseIndicatorText(cell.text, FRAMEWORK_A).indicators;
    expect(inds[0]).toMatchObject({ periodValue: ' 年度考核称职以上', annualValue: ' 100%' });
    expect(inds[2]).toMatchObject({ periodValue: ' ≦岗位档次包干经费', annualValue: ' 100%' });
    expect(inds[3]).toMatchObject({ periodValue: '合规', annualValue: '100%' });
  });

  it('001: values may hold ，、。 and full sentences', () => {
    const cell = cells('001').find((c) => c.project === '区级群众信访诉求综合服务中心（信访超市）日常运行经费')!;
    const inds = parseIndicatorText(cell.text, FRAMEWORK_A).indicators;
    expect(inds).toHaveLength(8);
    expect(inds[6]?.annualValue).toBe(
      '区城市管理和综合执法局、区规划和自然资源分局、区住房建设和交通局、区人社局、区农业农村局派驻工作人员进驻和接待群众来访。每三个月进驻两个镇街。',
    );
  });

  it('reads the printed codes into canonical category names', () => {
    const inds = parseIndicatorText(cells('001')[0]!.text, FRAMEWORK_A).indicators;
    expect(inds.slice(0, 3).map((i) => [i.level1, i.level2])).toEqual([
      ['满意度指标', '服务对象满意度指标'],
      ['效益指标', '可持续影响指标'],
      ['效益指标', '社会效益指标'],
    ]);
  });
});

describe('rendering', () => {
  const inds: TextIndicator[] = [
    { level1: '产出指标', level2: '数量指标', name: '接访人次', periodValue: '≥1000人次', annualValue: '≥500人次' },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', periodValue: '≥90%', annualValue: '≥90%' },
  ];

  it('prints each grammar with its own separators and the Guangdong codes', () => {
    expect(renderIndicatorText(inds, FRAMEWORK_A, 'A')).toBe(
      '1、产出指标：接访人次，年度指标值：≥500人次。2、满意度指标：群众满意度，年度指标值：≥90%。',
    );
    expect(renderIndicatorText(inds, FRAMEWORK_A, 'B')).toBe(
      '1、1-产出指标,11-数量指标,接访人次；实施周期指标值:≥1000人次,年度指标值:≥500人次;,' +
        '2、3-满意度指标,31-服务对象满意度,群众满意度；实施周期指标值:≥90%,年度指标值:≥90%;',
    );
    expect(renderIndicatorText(inds, FRAMEWORK_A, 'C')).toBe(
      '1.1-产出指标:11-数量指标:接访人次;实施周期指标值:≥1000人次;年度指标值:≥500人次。' +
        '2.3-满意度指标:31-服务对象满意度:群众满意度;实施周期指标值:≥90%;年度指标值:≥90%。',
    );
  });

  it('prints no codes for framework B, and reads them back', () => {
    const b: TextIndicator[] = [
      { level1: '成本指标', level2: '经济成本指标', name: '项目成本', periodValue: '≤720万元', annualValue: '≤720万元' },
      { level1: '产出指标', level2: '数量指标', name: '化解积案', periodValue: '≥100件', annualValue: '≥100件' },
    ];
    for (const style of ['B', 'C'] as const) {
      const text = renderIndicatorText(b, FRAMEWORK_B, style);
      expect(text).not.toMatch(/\d+-成本指标|\d+-经济成本/);
      expect(parseIndicatorText(text, FRAMEWORK_B).indicators).toEqual(b);
    }
  });

  it('B and C leave out the 实施周期 label of an indicator that has no 实施周期 value, and read it back', () => {
    const some: TextIndicator[] = [
      { level1: '产出指标', level2: '数量指标', name: '接访人次', periodValue: '', annualValue: '≥500人次' },
      { level1: '产出指标', level2: '数量指标', name: '', periodValue: '', annualValue: '3次' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', periodValue: '≥90%', annualValue: '≥90%' },
    ];
    expect(renderIndicatorText(some, FRAMEWORK_A, 'B')).toBe(
      '1、1-产出指标,11-数量指标,接访人次；年度指标值:≥500人次;,2、1-产出指标,11-数量指标,；年度指标值:3次;,' +
        '3、3-满意度指标,31-服务对象满意度,群众满意度；实施周期指标值:≥90%,年度指标值:≥90%;',
    );
    expect(renderIndicatorText(some, FRAMEWORK_A, 'C')).toBe(
      '1.1-产出指标:11-数量指标:接访人次;年度指标值:≥500人次。2.1-产出指标:11-数量指标:年度指标值:3次。' +
        '3.3-满意度指标:31-服务对象满意度:群众满意度;实施周期指标值:≥90%;年度指标值:≥90%。',
    );
    for (const style of ['B', 'C'] as const) {
      const text = renderIndicatorText(some, FRAMEWORK_A, style);
      expect(text).not.toMatch(/实施周期指标值:[;,]/);
      expect(parseIndicatorText(text, FRAMEWORK_A).indicators, style).toEqual(some);
    }
    // Files written before still read: an empty label is an empty value.
    expect(parseIndicatorText('1.1-产出指标:11-数量指标:人数;实施周期指标值:;年度指标值:3人。', FRAMEWORK_A).indicators[0]?.periodValue).toBe('');
    expect(parseIndicatorText('1、1-产出指标,11-数量指标,人数；实施周期指标值:,年度指标值:3人;', FRAMEWORK_A).indicators[0]?.periodValue).toBe('');
  });

  it('renders nothing for no indicators, and reads an empty cell as none', () => {
    expect(renderIndicatorText([], FRAMEWORK_A, 'B')).toBe('');
    expect(parseIndicatorText('', FRAMEWORK_A).indicators).toEqual([]);
    expect(parseIndicatorText('   ', FRAMEWORK_A).indicators).toEqual([]);
  });
});

describe('malformed text', () => {
  it('throws IndicatorTextError with a Chinese message for text in no known grammar', () => {
    let err: unknown;
    try {
      parseIndicatorText('投诉次数5次以下', FRAMEWORK_A);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IndicatorTextError);
    expect((err as IndicatorTextError).message).toMatch(/无法识别绩效指标文字的格式/);
    expect((err as IndicatorTextError).message).toContain('投诉次数5次以下');
  });

  it('says which item lacks its 年度指标值, and where it starts', () => {
    const text = '1、产出指标：按时完成率，年度指标值：100%。2、效益指标：投诉次数';
    let err: unknown;
    try {
      parseIndicatorText(text, FRAMEWORK_A);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IndicatorTextError);
    const e = err as IndicatorTextError;
    expect(e.message).toMatch(/第 2 条/);
    expect(e.message).toMatch(/年度指标值/);
    expect(e.offset).toBe(text.indexOf('2、'));
  });

  it('refuses a style B or C item without its 年度指标值', () => {
    expect(() => parseIndicatorText('1、1-产出指标,11-数量指标,人数；实施周期指标值:3人;', FRAMEWORK_A)).toThrow(IndicatorTextError);
    expect(() => parseIndicatorText('1.1-产出指标:11-数量指标:人数;实施周期指标值:3人。', FRAMEWORK_A)).toThrow(/缺少“年度指标值”/);
  });

  it('detectStyle returns null for text in no grammar', () => {
    expect(detectStyle('投诉次数5次以下')).toBeNull();
    expect(detectStyle('1、投诉次数：5次以下')).toBeNull();
  });
});

// The labels of each (一级, 二级) pair are kept per framework (a year repeats a few dozen pairs): the same pair must
// still print each framework's own codes, and an unknown name as typed, however many names were seen before.
describe('the kept labels of category pairs', () => {
  const item = (level1: string, level2: string): TextIndicator => ({ level1, level2, name: '人数', annualValue: '3人', periodValue: '' });

  it('prints the codes of the framework asked for, whichever was asked first', () => {
    const pair = [item('产出指标', '数量指标')];
    const inA = renderIndicatorText(pair, FRAMEWORK_A, 'B');
    const inB = renderIndicatorText(pair, FRAMEWORK_B, 'B');
    expect(inA).toBe('1、1-产出指标,11-数量指标,人数；年度指标值:3人;');
    expect(inB).toBe('1、产出指标,数量指标,人数；年度指标值:3人;');
    expect(renderIndicatorText(pair, FRAMEWORK_A, 'B')).toBe(inA);
  });

  it('keeps printing right after more distinct pairs than it keeps', () => {
    const known = item('效益指标', '社会效益');
    expect(renderIndicatorText([known], FRAMEWORK_A, 'C')).toBe('1.2-效益指标:22-社会效益:人数;年度指标值:3人。');
    for (let i = 0; i < 1_050; i++) {
      expect(renderIndicatorText([item(`自拟一级${i}`, '数量指标')], FRAMEWORK_A, 'B')).toBe(`1、自拟一级${i},数量指标,人数；年度指标值:3人;`);
      expect(renderIndicatorText([item('产出指标', `自拟二级${i}`)], FRAMEWORK_A, 'C')).toBe(`1.1-产出指标:自拟二级${i}:人数;年度指标值:3人。`);
    }
    expect(renderIndicatorText([known, item('自拟一级7', '')], FRAMEWORK_A, 'C')).toBe(
      '1.2-效益指标:22-社会效益:人数;年度指标值:3人。2.自拟一级7::人数;年度指标值:3人。',
    );
  });
});
