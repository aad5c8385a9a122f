// Import that can be trusted (issue 8 items 1–5): files edited the way officers edit them must not give a wrong
// number or lose an indicator without saying so. Every warning names its sheet and cell.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fx from '../fixtures/import/makeFixtures.ts';
import * as ed from '../fixtures/import/officerEdits.ts';
import { cli, seedPath, type SeedId, tempDir } from './helpers.ts';
import { expectImportRefused } from './importRefusal.ts';

type Json = any;
interface Warning {
  where: string;
  message: string;
}

const seedJson = (id: SeedId): Json => JSON.parse(fs.readFileSync(seedPath(id), 'utf8'));
const projectsOf = (y: Json): Json[] => y.departments.flatMap((d: Json) => d.units.flatMap((u: Json) => u.projects));
const textPart = (i: Json) => ({ level1: i.level1, level2: i.level2, name: i.name, annualValue: i.annualValue, periodValue: i.periodValue });

/** Imports `source` into a new year file: the year's data as dumped, and the warnings the import printed. */
async function importNew(source: string, year: number, ...extra: string[]): Promise<{ file: string; year: Json; warnings: Warning[] }> {
  const file = path.join(path.dirname(source), `imported-${path.basename(source)}.db`);
  const r = await cli('import', file, source, '--year', String(year), '--json', ...extra);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as { warnings: Warning[] };
  return { file, year: JSON.parse((await cli('dump', file)).stdout), warnings: report.warnings };
}

describe('one bad item does not cost the other indicators (item 2)', () => {
  it('imports every item that parses, keeps the rest verbatim on the project, and says where', async () => {
    const src = await ed.t1ItemEdits(tempDir());
    const { year, warnings } = await importNew(src, 2023);
    const seed = projectsOf(seedJson('000'));
    const got = projectsOf(year);
    expect(got.map((p) => p.name)).toEqual(seed.map((p) => p.name));

    const { lostAnnual, semicolons, halfWidth, remark } = ed.T1_ITEM_EDITS;
    const lost = got[lostAnnual.project];
    expect(lost.indicators.map(textPart)).toEqual(seed[lostAnnual.project].indicators.filter((_: Json, i: number) => i !== 1).map(textPart));
    expect(lost.unparsedIndicators).toBe(lostAnnual.item);
    const where = `绩效目标表!${ed.t1IndicatorCell(lostAnnual.project)}`;
    expect(warnings.filter((w) => w.where === where)).toEqual([
      { where, message: expect.stringContaining(`第 2 条绩效指标“${lostAnnual.item.slice(0, 30)}`) },
    ]);
    expect(warnings.find((w) => w.where === where)?.message).toContain(`“${lostAnnual.item}”未导入为指标，已原样保留在项目中`);
    expect(warnings.some((w) => w.message.includes('另一种格式'))).toBe(false);

    for (const i of [semicolons.project, halfWidth.project]) {
      expect(got[i].indicators, got[i].name).toEqual(seed[i].indicators);
      expect(got[i].unparsedIndicators, got[i].name).toBeUndefined();
    }
    expect(got[remark.project].indicators).toEqual(seed[remark.project].indicators);
    expect(got[remark.project].unparsedIndicators).toBe(remark.text);
    expect(warnings.filter((w) => w.where === `绩效目标表!${ed.t1IndicatorCell(remark.project)}`)).toHaveLength(1);
    // The projects nobody touched are exactly the seed's.
    const touched: number[] = [lostAnnual.project, semicolons.project, halfWidth.project, remark.project];
    got.forEach((p, i) => {
      if (!touched.includes(i)) expect(p, p.name).toEqual(seed[i]);
    });
  });
});

describe('lines under or around a table are not data (item 1)', () => {
  const cases: [string, (dir: string) => Promise<string>, SeedId, number, { rows: readonly Record<string, string>[] }, string, string[]][] = [
    ['T1', ed.t1NoteLines, '001', 2023, ed.NOTE_LINES.t1, '绩效目标表', []],
    ['T2', ed.t2NoteLines, '002', 2023, ed.NOTE_LINES.t2, '项目绩效目标表', ['--department', '青岛市信访局']],
    ['T3', ed.t3NoteLines, '004', 2021, ed.NOTE_LINES.t3, '附件1', []],
  ];
  for (const [label, make, seed, year, notes, sheetName, extra] of cases) {
    it(`${label}: signature, date, note and page lines are skipped and each is listed with its cell`, async () => {
      const { file, warnings } = await importNew(await make(tempDir()), year, ...extra);
      // Seed 004's texts come without the <p>…</p> its source system left (item 5).
      expect((await cli('dump', file)).stdout).toBe(fs.readFileSync(seedPath(seed), 'utf8').replace(/<\/?p>/g, ''));
      const skipped = warnings.filter((w) => w.message.includes('不是表格中的一行'));
      expect(skipped.map((w) => w.where)).toEqual(notes.rows.map((row) => `${sheetName}!${Object.keys(row)[0]}`));
      notes.rows.forEach((row, i) => expect(skipped[i]?.message).toContain(`“${Object.values(row)[0]!.slice(0, 8)}`));
    });
  }
});

describe('units of money (item 4)', () => {
  it('amounts typed with 万元 or 万 are read, and words in an amount cell are a located warning', async () => {
    const { year, warnings } = await importNew(await ed.t1UnitsTyped(tempDir()), 2023);
    expect(year).toEqual(seedJson('000'));
    const typed: string[] = [...ed.UNIT_TYPED.wan, ...ed.UNIT_TYPED.wanShort];
    expect(warnings.filter((w) => typed.some((ref) => w.where === `绩效目标表!${ref}`))).toEqual([]);
    const { ref, text } = ed.UNIT_TYPED.words;
    expect(warnings.filter((w) => w.where === `绩效目标表!${ref}`)).toEqual([
      { where: `绩效目标表!${ref}`, message: expect.stringContaining(`金额“${text}”不是数字`) },
    ]);
  });

  it('a table in 元 is converted to 万元 exactly; an amount that cannot be is reported with its cell', async () => {
    const { year, warnings } = await importNew(await ed.t1InYuan(tempDir()), 2023);
    const seed = seedJson('000');
    const seedProjects = projectsOf(seed);
    const got = projectsOf(year);
    // 1,234,567.89 元 = 123.456789 万元: read as 123.46 and said.
    expect(got[4].funds.fiscal).toBe('123.46');
    got[4].funds.fiscal = seedProjects[4].funds.fiscal;
    expect(got).toEqual(seedProjects);
    expect(year.departments[0].total).toBe(seed.departments[0].total);
    const where = `绩效目标表!${ed.YUAN.inexact.ref}`;
    expect(warnings.filter((w) => w.where.startsWith('绩效目标表!') && /金额/.test(w.message))).toEqual([
      { where, message: expect.stringContaining('金额 1234567.89 元折合 123.456789 万元，不能精确到万元的两位小数，已按 123.46 万元读入') },
    ]);
  });
});

describe('header variants officers use (item 3)', () => {
  it('总计（万元） with a line break, 合计, 其中：财政拨款 and 绩效指标（年度） are read', async () => {
    const { file, warnings } = await importNew(await ed.t1HeaderVariants(tempDir()), 2023);
    expect((await cli('dump', file)).stdout).toBe(fs.readFileSync(seedPath('001'), 'utf8'));
    expect(warnings.filter((w) => w.where.startsWith('绩效目标表'))).toEqual([]);
  });

  it('when no table is recognised, the message names each sheet, what it expected and what it found', async () => {
    const stderr = await expectImportRefused(ed.t1UnknownHeader, '没有找到可识别的表格');
    expect(stderr).toContain(
      '工作表“绩效目标表”第 5 行的表头是“项目名称（资金使用单位） | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 考核指标”，缺少项目支出绩效目标表表头的“绩效指标”',
    );
    expect(stderr).toContain('工作表“说明”没有找到任何表头文字');
    expect(stderr).toContain('应为项目支出绩效目标表（表头有“项目名称”“总计”“财政拨款”“绩效指标”）');
  });
});

describe('what the file says about itself (item 5)', () => {
  it('formulas saved without their values are reported, and the sums they stand for are not read as 0', async () => {
    const { year, warnings } = await importNew(await ed.t1UncachedFormulas(tempDir()), 2023);
    const refs = Object.keys(ed.UNCACHED_FORMULAS);
    expect(warnings.filter((w) => w.message.includes('没有保存计算结果的公式'))).toEqual([
      { where: `绩效目标表!${refs[0]}`, message: expect.stringContaining(`4 个单元格是没有保存计算结果的公式（${refs.join('、')}，如“=SUM(C8:C18)”）`) },
    ]);
    const seed = seedJson('000');
    expect(year.departments[0].total).toBeUndefined();
    expect(year.departments[0].units[0].total).toBeUndefined();
    expect(projectsOf(year)).toEqual(projectsOf(seed));
  });

  it('a title year that disagrees with the year file is said before anything is written', async () => {
    const dir = tempDir();
    const src = await fx.t3Messy(dir);
    const target = path.join(dir, '2023.db');
    const r = await cli('import', target, src, '--year', '2023', '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(target)).toBe(false);
    expect((JSON.parse(r.stdout) as { warnings: Warning[] }).warnings).toContainEqual({
      where: '附件1!B4',
      message: '标题“2021年市级部门整体预算绩效目标表”是 2021 年的，而导入的年度文件是 2023 年：请确认没有选错文件或年度',
    });
    // Into its own year: nothing to say.
    const same = await importNew(src, 2021);
    expect(same.warnings.filter((w) => w.message.includes('请确认没有选错文件或年度'))).toEqual([]);
  });

  it('a sheet name that disagrees with the year file is said too', async () => {
    const { year, warnings } = await importNew(await ed.t1SheetNamed2022(tempDir()), 2023);
    expect(year).toEqual(seedJson('000'));
    expect(warnings.filter((w) => w.message.includes('请确认没有选错文件或年度'))).toEqual([
      { where: '2022年', message: '工作表名“2022年”是 2022 年的，而导入的年度文件是 2023 年：请确认没有选错文件或年度' },
    ]);
  });
});

describe('a T3 whose columns are shifted (item 5)', () => {
  it('is refused with the cell that shows it, and nothing is written', async () => {
    const stderr = await expectImportRefused(ed.t3ShiftedColumns, /附件1!C\d+ 的一级指标是“[^”]+”，而“[^”]+”是二级指标：这张表的列错位了/);
    expect(stderr).toContain('未导入');
  });
});

describe('HTML left in texts (item 5)', () => {
  it('is taken out of every text, paragraphs kept as line breaks, with a warning at each cell', async () => {
    const { year, warnings } = await importNew(await ed.t2HtmlPasted(tempDir()), 2023, '--department', '青岛市信访局');
    const seed = seedJson('002');
    const [got, want] = [projectsOf(year)[0], projectsOf(seed)[0]];
    const cut = want.goal.indexOf('，') + 1;
    expect(got.goal).toBe(`${want.goal.slice(0, cut)}\n${want.goal.slice(cut)}`);
    expect(got.indicators[0].annualValue).toBe(want.indicators[0].annualValue);
    got.goal = want.goal;
    expect(year).toEqual(seed);
    const html = warnings.filter((w) => w.message.includes('网页（HTML）标记'));
    expect(html.map((w) => w.where)).toEqual([`项目绩效目标表!${ed.HTML_PASTED.goal}`, `项目绩效目标表!${ed.HTML_PASTED.value}`]);
    expect(html[0]?.message).toContain('文字“<p>');
  });

  it('seed 004’s texts come without the <p>…</p> of their source system', async () => {
    const { year, warnings } = await importNew(await fx.t3Messy(tempDir()), 2021);
    const overall = year.departments[0].overall;
    expect(overall.goal.startsWith('2021年，我局总体绩效目标是')).toBe(true);
    expect(JSON.stringify(year)).not.toMatch(/<\/?p>/);
    expect(warnings.filter((w) => w.message.includes('网页（HTML）标记')).length).toBe(3);
  });
});

describe('the same projects read twice from two sheets (item 5)', () => {
  it('are imported once, and the copy is said', async () => {
    const { year, warnings } = await importNew(await ed.t1CopiedSheet(tempDir()), 2023);
    expect(year).toEqual(seedJson('000'));
    expect(warnings.filter((w) => w.where.startsWith('绩效目标表 (2)'))).toEqual([
      {
        where: '绩效目标表 (2)',
        message: '工作表“绩效目标表 (2)”中的 11 个项目与工作表“绩效目标表”中的相同，像是同一张表的副本：只导入一次，未重复导入',
      },
    ]);
    expect(warnings.filter((w) => w.message.includes('出现了不止一次'))).toEqual([]);
  });
});
