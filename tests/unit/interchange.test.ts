// The interchange JSON (perf-targets/1): exact round trips of the seeds, and refusals that say what and where.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FORMAT,
  InterchangeError,
  lineColumn,
  parseInterchange,
  serializeInterchange,
} from '../../shared/interchange.ts';

const SEEDS_DIR = path.resolve(import.meta.dirname, '../fixtures/seeds');
const SEED_IDS = ['000', '001', '002', '003', '004'] as const;

function seedText(id: string): string {
  return fs.readFileSync(path.join(SEEDS_DIR, `seed-${id}.json`), 'utf8');
}

type Json = { [key: string]: Json } | Json[] | string | number | boolean | null;

/** A seed as a plain JSON value, to spoil one thing in it. */
function seedJson(id: string): Json {
  return JSON.parse(seedText(id)) as Json;
}

/** The value at a path of keys and indexes, for writing into a spoiled copy. */
function at(root: Json, ...keys: (string | number)[]): Record<string | number, Json> {
  let node: Json = root;
  for (const k of keys) {
    if (node === null || typeof node !== 'object') throw new Error(`no ${String(k)} in the fixture`);
    node = (node as Record<string | number, Json>)[k] ?? null;
  }
  if (node === null || typeof node !== 'object') throw new Error(`not an object at ${keys.join('.')}`);
  return node as Record<string | number, Json>;
}

/** The InterchangeError that reading `text` throws; fails the test when it is read. */
function refusal(text: string): InterchangeError {
  try {
    parseInterchange(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InterchangeError);
    return e as InterchangeError;
  }
  throw new Error('expected the text to be refused, but it was read');
}

const refuse = (j: Json) => refusal(JSON.stringify(j, null, 2));

describe('round trips', () => {
  for (const id of SEED_IDS) {
    it(`seed-${id}.json comes back byte-for-byte`, () => {
      const text = seedText(id);
      expect(serializeInterchange(parseInterchange(text))).toBe(text);
    });
  }

  it('reads amounts into cents and stated totals', () => {
    const y = parseInterchange(seedText('000'));
    const d = y.departments[0]!;
    expect(y.fiscalYear).toBe(2023);
    expect(y.framework).toBe('A');
    expect(y.summaryStyle).toBe('A');
    expect(d.statedTotal).toBe(110743);
    expect(d.units[0]!.projects[0]!.funds).toEqual({ fiscal: 8900, fiscalSpecial: 0, other: 0 });
  });

  it('reads an empty spending-plan month as not filled', () => {
    const p = parseInterchange(seedText('002')).departments[0]!.units[0]!.projects[2]!;
    expect(p.spendingPlan).toEqual({ mar: null, jun: 900, oct: null, dec: null });
  });

  it('reads the overall table of seed 004', () => {
    const o = parseInterchange(seedText('004')).departments[0]!.overall;
    expect(o?.staff).toEqual({ active: 23, retired: 9 });
    expect(o?.budget.project).toBe(48477);
    expect(o?.tasks).toHaveLength(5);
  });

  it('has no summaryStyle key when none is set', () => {
    const y = parseInterchange(seedText('002'));
    expect(y.summaryStyle).toBeNull();
    expect(serializeInterchange(y)).not.toContain('summaryStyle');
  });

  it('carries unparsed 绩效指标 text only where a project has some', () => {
    const y = parseInterchange(seedText('000'));
    expect(y.departments[0]?.units[0]?.projects[0]?.unparsedIndicators).toBe('');
    const p = y.departments[0]?.units[0]?.projects[1];
    if (!p) throw new Error('no project');
    p.unparsedIndicators = '3、满意度：群众满意度，年度指标';
    const text = serializeInterchange(y);
    expect(text.match(/"unparsedIndicators"/g)).toHaveLength(1);
    expect(parseInterchange(text)).toEqual(y);
  });

  it('accepts a byte-order mark', () => {
    expect(parseInterchange(`\ufeff${seedText('001')}`)).toEqual(parseInterchange(seedText('001')));
  });
});

describe('malformed JSON', () => {
  it('names the line and column of a missing comma', () => {
    const text = seedText('000').replace('"fiscalYear": 2023,', '"fiscalYear": 2023');
    const e = refusal(text);
    expect(e.message).toMatch(/不是有效的 JSON/);
    // the next key, "framework", is on line 4 at column 3
    expect(e.message).toContain('第 4 行第 3 列');
  });

  it('names the line and column of a trailing comma', () => {
    const e = refusal('{\n  "format": "perf-targets/1",\n  "fiscalYear": 2023,\n}');
    expect(e.message).toContain('第 4 行第 1 列');
  });

  it('names the line and column of a truncated file', () => {
    const e = refusal(seedText('000').slice(0, 200));
    const where = /第 (\d+) 行第 (\d+) 列/.exec(e.message);
    expect(where).not.toBeNull();
    expect(Number(where![1])).toBeGreaterThan(1);
  });

  // Files saved by Windows editors often start with a byte-order mark; it is not a character an editor shows.
  it('names the right column after a byte-order mark', () => {
    // Without the BOM the same text reports line 3 column 7 (the missing ':' after "b").
    expect(refusal('{\n  "a": 1,\n  "b" 2\n}').message).toContain('第 3 行第 7 列');
    expect(refusal('\ufeff{\n  "a": 1,\n  "b" 2\n}').message).toContain('第 3 行第 7 列');
  });

  it('names the right line after a byte-order mark when the error starts a line', () => {
    expect(refusal('{\n  "a": 1,\n}').message).toContain('第 3 行第 1 列');
    expect(refusal('\ufeff{\n  "a": 1,\n}').message).toContain('第 3 行第 1 列');
  });

  it('refuses a top level that is not an object', () => {
    expect(refusal('[]').message).toMatch(/顶层应为一个对象/);
    expect(refusal('"perf-targets/1"').message).toMatch(/顶层应为一个对象/);
  });

  it('lineColumn is 1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('format', () => {
  it('refuses another format, naming it and the one this program reads', () => {
    const j = seedJson('000');
    at(j).format = 'perf-targets/2';
    const e = refuse(j);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.path).toBe('format');
    expect(e.message).toContain('"perf-targets/2"');
    expect(e.message).toContain(`"${FORMAT}"`);
  });

  it('refuses a file without format', () => {
    const j = seedJson('000');
    delete at(j).format;
    const e = refuse(j);
    expect(e.problems[0]!.path).toBe('format');
    expect(e.message).toMatch(/缺少 "format"/);
  });
});

describe('amounts', () => {
  const FISCAL0 = 'departments[0].units[0].projects[0].funds.fiscal';

  it('refuses three decimals, naming the path and the project', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'funds').fiscal = '12.345';
    const e = refuse(j);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.path).toContain(FISCAL0);
    expect(e.problems[0]!.path).toContain('物业管理费');
    expect(e.problems[0]!.message).toContain('“12.345”');
    expect(e.problems[0]!.message).toMatch(/两位/);
  });

  it('refuses letters, naming the path and the project', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'funds').fiscal = '12a';
    const e = refuse(j);
    expect(e.message).toContain(FISCAL0);
    expect(e.message).toContain('物业管理费');
    expect(e.message).toContain('“12a”');
  });

  it('refuses a grouped amount that is not canonical, suggesting the canonical one', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 1, 'funds').fiscal = '1,107.43';
    const e = refuse(j);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.path).toContain('departments[0].units[0].projects[1].funds.fiscal');
    expect(e.problems[0]!.path).toContain('市人民来访接待厅专项经费');
    expect(e.problems[0]!.message).toContain('"1107.43"');
  });

  it('refuses one decimal, although parseMoney would read it', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0).total = '89.0';
    const e = refuse(j);
    expect(e.message).toContain('departments[0].units[0].projects[0].total');
    expect(e.message).toContain('"89.00"');
  });

  it('refuses an amount written as a number', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'funds').other = 0;
    const e = refuse(j);
    expect(e.message).toContain('departments[0].units[0].projects[0].funds.other');
    expect(e.message).toMatch(/应为文字（字符串），实际是数字/);
  });

  it('refuses a bad spending-plan month', () => {
    const j = seedJson('002');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'spendingPlan').mar = '180';
    const e = refuse(j);
    expect(e.message).toContain('departments[0].units[0].projects[0].spendingPlan.mar');
    expect(e.message).toContain('2023年市级信访积案化解资金');
  });

  it('refuses a bad task amount in the overall table, naming the task', () => {
    const j = seedJson('004');
    at(j, 'departments', 0, 'overall', 'tasks', 0).amount = '12.345';
    const e = refuse(j);
    expect(e.message).toContain('departments[0].overall.tasks[0].amount');
    expect(e.message).toContain('湛江市信访局');
  });
});

describe('keys and types', () => {
  it('refuses an unknown key, naming it and where it is', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0).colour = 'red';
    const e = refuse(j);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.path).toContain('departments[0].units[0].projects[0]');
    expect(e.problems[0]!.path).toContain('物业管理费');
    expect(e.problems[0]!.message).toMatch(/不认识的字段/);
    expect(e.problems[0]!.message).toContain('"colour"');
  });

  it('refuses an unknown key at the top level', () => {
    const j = seedJson('000');
    at(j).comment = '备注';
    expect(refuse(j).message).toContain('"comment"');
  });

  it('refuses an unknown key in an indicator, naming the indicator', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'indicators', 0).weight = 10;
    const e = refuse(j);
    expect(e.message).toContain('departments[0].units[0].projects[0].indicators[0]');
    expect(e.message).toContain('投诉次数');
    expect(e.message).toContain('"weight"');
  });

  it('refuses a number where text belongs', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'indicators', 1).annualValue = 100;
    const e = refuse(j);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.path).toContain('departments[0].units[0].projects[0].indicators[1].annualValue');
    expect(e.problems[0]!.message).toBe('应为文字（字符串），实际是数字');
  });

  it('refuses an object where a list belongs', () => {
    const j = seedJson('000');
    at(j, 'departments', 0).units = {};
    const e = refuse(j);
    expect(e.message).toContain('departments[0].units');
    expect(e.message).toMatch(/应为数组/);
  });

  it('refuses a missing field', () => {
    const j = seedJson('000');
    delete at(j, 'departments', 0, 'units', 0, 'projects', 0).goal;
    const e = refuse(j);
    expect(e.message).toContain('departments[0].units[0].projects[0].goal');
    expect(e.message).toMatch(/缺少此项/);
  });

  it('refuses a fiscal year given as text', () => {
    const j = seedJson('000');
    at(j).fiscalYear = '2023';
    const e = refuse(j);
    expect(e.problems[0]!.path).toBe('fiscalYear');
    expect(e.problems[0]!.message).toMatch(/应为数字/);
  });

  it('refuses an unknown framework', () => {
    const j = seedJson('000');
    at(j).framework = 'C';
    const e = refuse(j);
    expect(e.problems[0]!.path).toBe('framework');
    expect(e.message).toMatch(/只能是 "A" 或 "B"/);
  });

  it('refuses an unknown summary style', () => {
    const j = seedJson('000');
    at(j).summaryStyle = 'D';
    expect(refuse(j).problems[0]!.path).toBe('summaryStyle');
  });

  it('refuses a staff count that is not a whole number', () => {
    const j = seedJson('004');
    at(j, 'departments', 0, 'overall', 'staff').active = 23.5;
    const e = refuse(j);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.path).toContain('departments[0].overall.staff.active');
    expect(e.problems[0]!.message).toMatch(/整数/);
  });

  it('refuses a negative staff count', () => {
    const j = seedJson('004');
    at(j, 'departments', 0, 'overall', 'staff').retired = -1;
    expect(refuse(j).message).toContain('departments[0].overall.staff.retired');
  });

  it('lists every problem, not only the first', () => {
    const j = seedJson('000');
    at(j, 'departments', 0, 'units', 0, 'projects', 0, 'funds').fiscal = '12a';
    at(j, 'departments', 0, 'units', 0, 'projects', 3, 'funds').other = '1,10.00';
    const e = refuse(j);
    expect(e.problems.map((p) => p.path.replace(/（.*）$/, ''))).toEqual([
      'departments[0].units[0].projects[0].funds.fiscal',
      'departments[0].units[0].projects[3].funds.other',
    ]);
  });
});
