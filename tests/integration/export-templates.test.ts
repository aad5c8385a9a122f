// The exported workbook carries exactly the data of the year file, laid out as the templates are, and prints
// right: checked with exceljs and with an independent reader (openpyxl, tests/tools/inspect_xlsx.py).
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../shared/frameworks.ts';
import { parseIndicatorText } from '../../shared/indicatorText.ts';
import { parseInterchange } from '../../shared/interchange.ts';
import { projectTotal, type Indicator, type SummaryStyle, type YearData } from '../../shared/model.ts';
import { cli, seedPath, type SeedId, tempDir, yearFileWithSeed } from './helpers.ts';
import { inspect, readWorkbook, rowBreaks, text } from './xlsxRead.ts';

const seed = (id: SeedId): YearData => parseInterchange(fs.readFileSync(seedPath(id), 'utf8'));

async function exportSeed(id: SeedId, template: string, ...extra: string[]): Promise<string> {
  const dir = tempDir();
  const file = await yearFileWithSeed(id, dir);
  const out = path.join(dir, `${template}.xlsx`);
  const r = await cli('export', file, '--template', template, '--out', out, ...extra);
  expect(r.code, r.stderr).toBe(0);
  expect(fs.readdirSync(dir).sort()).toEqual([`seed-${id}.db`, `${template}.xlsx`].sort());
  return out;
}

/** Rows of a sheet whose first cell holds `name`. */
function rowsWith(ws: ExcelJS.Worksheet, col: number, value: string): number[] {
  const rows: number[] = [];
  ws.eachRow((row, n) => {
    if (text(ws, [n, col]) === value) rows.push(n);
    void row;
  });
  return rows;
}

function expectPrintSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape'): void {
  expect(ws.pageSetup.paperSize).toBe(9);
  expect(ws.pageSetup.orientation).toBe(orientation);
  expect(ws.pageSetup.fitToPage).toBe(true);
  expect(ws.pageSetup.fitToWidth).toBe(1);
  expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
}

const carried = (style: SummaryStyle, i: Indicator) => ({
  level1: i.level1,
  level2: style === 'A' ? '' : i.level2,
  name: i.name,
  annualValue: i.annualValue,
  periodValue: style === 'A' ? '' : i.periodValue,
});

describe('T1 项目支出绩效目标表', () => {
  for (const id of ['000', '001', '003'] as const) {
    for (const style of ['A', 'B', 'C'] as const) {
      it(`seed ${id}, grammar ${style}: every value, the 合计, and 绩效指标 text that parses back`, async () => {
        const data = seed(id);
        const out = await exportSeed(id, 'summary', '--style', style);
        const wb = await readWorkbook(out);
        expect(wb.worksheets).toHaveLength(1);
        const ws = wb.worksheets[0] as ExcelJS.Worksheet;
        const dept = data.departments[0];
        if (!dept) throw new Error('seed without department');
        expect(text(ws, 'A1')).toBe('项目支出绩效目标表（含转移支付项目）');
        expect(text(ws, 'A2')).toBe(`部门名称：${dept.name}`);
        expect(text(ws, 'F2')).toBe('单位：万元');
        expect([1, 2, 3, 4, 5, 6, 7].map((c) => text(ws, [3, c]))).toEqual([
          '项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标',
        ]);
        const projects = dept.units.flatMap((u) => u.projects);
        const grand = projects.reduce((s, p) => s + projectTotal(p), 0);
        expect(text(ws, 'A4')).toBe('合计');
        expect(ws.getCell('B4').value).toBe(grand / 100);
        expect(ws.getCell('B4').numFmt).toBe('#,##0.00;-#,##0.00;""');
        expect(ws.pageSetup.printTitlesRow).toBe('2:3');
        expectPrintSetup(ws, 'landscape');

        const fw = FRAMEWORKS[data.framework];
        for (const p of projects) {
          const [r] = rowsWith(ws, 1, p.name);
          expect(r, p.name).toBeDefined();
          const row = r as number;
          expect(ws.getCell(row, 2).value).toBe(projectTotal(p) / 100);
          expect(ws.getCell(row, 3).value).toBe(p.funds.fiscal / 100);
          expect(ws.getCell(row, 6).value).toBe(p.goal);
          const parsed = parseIndicatorText(text(ws, [row, 7]), fw, style);
          expect(parsed.indicators).toEqual(p.indicators.map((i) => carried(style, i)));
          expect(ws.getRow(row).height).toBeGreaterThan(20);
        }
      });
    }
  }

  it('the grammar defaults to the one the data was imported with', async () => {
    const ws = (await readWorkbook(await exportSeed('003', 'summary'))).worksheets[0] as ExcelJS.Worksheet;
    const [row] = rowsWith(ws, 1, '办证大厅窗口服务经费');
    expect(text(ws, [row as number, 7])).toMatch(/^1\.1-产出指标:11-数量指标:工作天数;实施周期指标值:/);
  });

  it('an independent reader (openpyxl) sees the merges, fonts, borders, formats and print setup', async () => {
    const [sheet] = inspect(await exportSeed('000', 'summary'));
    if (!sheet) throw new Error('no sheet');
    expect(sheet.paper).toBe('9');
    expect(sheet.orientation).toBe('landscape');
    expect(sheet.printTitles).toBe('$2:$3');
    expect(sheet.footer).toBe('第 &P 页 共 &N 页');
    expect(sheet.merged).toEqual(expect.arrayContaining(['A1:G1', 'A2:E2', 'F2:G2']));
    expect(sheet.cells.get('A1')?.font).toBe('方正小标宋简体,18.0');
    expect(sheet.cells.get('A3')?.font).toBe('宋体,11.0,b');
    expect(sheet.cells.get('A6')?.font).toBe('宋体,10.0');
    expect(sheet.cells.get('B6')?.fmt).toBe('#,##0.00;-#,##0.00;""');
    // Every cell from the header down has all four borders and a row height.
    const table = [...sheet.cells.values()].filter((c) => Number(c.ref.replace(/^[A-Z]+/, '')) >= 3);
    expect(table.length).toBeGreaterThan(11 * 7);
    for (const c of table) {
      expect(c.border, c.ref).toBe('lrtb');
      expect(c.height, c.ref).toBeGreaterThan(0);
    }
  });
});

describe('T2 项目绩效目标表', () => {
  it('seed 002 stacked: every block with its money, plan, goal and merged indicator grid', async () => {
    const data = seed('002');
    const out = await exportSeed('002', 'project');
    const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
    expectPrintSetup(ws, 'portrait');
    const unit = data.departments[0]?.units[0];
    if (!unit) throw new Error('no unit');
    const merges = new Set(inspect(out)[0]?.merged ?? []);
    unit.projects.forEach((p, i) => {
      const [head] = rowsWith(ws, 1, `${i + 1}.${p.name}绩效目标表`);
      const h = head as number;
      expect(text(ws, [h + 1, 1])).toBe(`${unit.code}${unit.name}`);
      expect(text(ws, [h + 2, 1])).toBe('项目编码');
      expect(text(ws, [h + 2, 2])).toBe(p.code);
      expect(text(ws, [h + 2, 5])).toBe(p.name);
      expect(text(ws, [h + 3, 1])).toBe('预算规模及资金用途');
      expect(ws.getCell(h + 3, 3).value).toBe(projectTotal(p) / 100);
      expect(ws.getCell(h + 3, 5).value).toBe(p.funds.fiscal / 100);
      expect(ws.getCell(h + 3, 7).value).toBe(0);
      expect(ws.getCell(h + 3, 7).numFmt).toBe('#,##0.00;-#,##0.00;""');
      expect(text(ws, [h + 4, 2])).toBe(p.purpose);
      expect(['3月底', '6月底', '10月底', '12月底'].map((_, k) => ws.getCell(h + 6, [2, 4, 5, 6][k] as number).value)).toEqual(
        [p.spendingPlan.mar, p.spendingPlan.jun, p.spendingPlan.oct, p.spendingPlan.dec].map((v) => (v === null ? null : v / 100)),
      );
      expect(text(ws, [h + 7, 2])).toBe(p.goal);
      const first = h + 9;
      p.indicators.forEach((ind, k) => {
        const r = first + k;
        expect([3, 4, 6, 7].map((c) => text(ws, [r, c]))).toEqual([ind.name, ind.description, ind.annualValue, ind.basis]);
        // exceljs gives merged slaves the master's value, so 一级/二级 read right on every row.
        expect(text(ws, [r, 1])).toBe(ind.level1);
        expect(text(ws, [r, 2])).toBe(ind.level2);
      });
      // 一级 产出指标 covers its rows in one merge; the run of equal 二级 too.
      const produce = p.indicators.map((x, k) => [x, k] as const).filter(([x]) => x.level1 === '产出指标');
      const a = first + (produce[0]?.[1] ?? 0);
      expect(merges.has(`A${a}:A${a + produce.length - 1}`)).toBe(true);
      const quantity = produce.filter(([x]) => x.level2 === '数量指标');
      if (quantity.length > 1) expect(merges.has(`B${a}:B${a + quantity.length - 1}`)).toBe(true);
    });
  });

  it('a block longer than a page repeats the indicator header on the next page, 一级 merges restarting there', async () => {
    const dir = tempDir();
    const j = JSON.parse(fs.readFileSync(seedPath('002'), 'utf8'));
    const p0 = j.departments[0].units[0].projects[0];
    p0.indicators = [...p0.indicators, ...p0.indicators, ...p0.indicators, ...p0.indicators, ...p0.indicators, ...p0.indicators];
    fs.writeFileSync(path.join(dir, 'big.json'), JSON.stringify(j));
    const file = path.join(dir, 'big.db');
    expect((await cli('new', file, '--year', '2023', '--framework', 'B')).code).toBe(0);
    expect((await cli('load', file, path.join(dir, 'big.json'))).code).toBe(0);
    const out = path.join(dir, 'big.xlsx');
    expect((await cli('export', file, '--template', 'project', '--out', out)).code).toBe(0);
    const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
    const heads = rowsWith(ws, 1, '一级指标');
    // 3 blocks; the first (48 indicators) runs over at least one page break inside its grid.
    expect(heads.length).toBeGreaterThan(3);
    const breaks = rowBreaks(out);
    const inner = heads.filter((h) => breaks.includes(h - 1) && text(ws, [h - 1, 1]) !== '');
    expect(inner.length).toBeGreaterThan(0);
    for (const h of inner) expect(text(ws, [h + 1, 1])).not.toBe('');
    // Reading it back gives the 48 indicators once each, in the printed (official) order: the copies of each 二级
    // group together (seed 002 is in framework order already, one run per 二级).
    const back = path.join(dir, 'back.db');
    expect((await cli('import', back, out, '--year', '2023', '--department', '青岛市信访局')).code).toBe(0);
    const once = p0.indicators.slice(0, p0.indicators.length / 6);
    const groups = [...new Set(once.map((i: Indicator) => `${i.level1}|${i.level2}`))];
    const printed = groups.flatMap((g) => {
      const members = once.filter((i: Indicator) => `${i.level1}|${i.level2}` === g);
      return [1, 2, 3, 4, 5, 6].flatMap(() => members);
    });
    expect(JSON.parse((await cli('dump', back)).stdout).departments[0].units[0].projects[0].indicators).toEqual(printed);
  });

  it('one sheet per project on request', async () => {
    const wb = await readWorkbook(await exportSeed('002', 'project', '--layout', 'sheets'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['1.2023年市级信访积案化解资金', '2.2023年信访专项业务费', '3.2023年金宏视频会议系统运行维护费']);
  });
});

describe('T3 部门整体预算绩效目标表', () => {
  it('seed 004: department block, budget, tasks and indicators', async () => {
    const data = seed('004');
    const o = data.departments[0]?.overall;
    if (!o) throw new Error('no overall');
    const out = await exportSeed('004', 'overall');
    const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
    expectPrintSetup(ws, 'portrait');
    expect(text(ws, 'A1')).toBe('附件1');
    expect(text(ws, 'A2')).toBe('2021年市级部门整体预算绩效目标表');
    expect(text(ws, 'B3')).toBe('湛江市信访局');
    expect(text(ws, 'B4')).toBe(o.supervisor);
    expect([ws.getCell('C5').value, ws.getCell('E5').value]).toEqual([23, 9]);
    const [budget] = rowsWith(ws, 2, '其中：基本支出');
    const b = budget as number;
    expect([ws.getCell(b, 3).value, ws.getCell(b, 5).value, ws.getCell(b + 1, 3).value, ws.getCell(b + 1, 5).value]).toEqual([595.19, 1079.96, 484.77, 0]);
    expect(ws.getCell(b, 3).numFmt).toBe('0.00');
    const [goal] = rowsWith(ws, 1, '总体绩效目标');
    expect(text(ws, [goal as number, 2])).toBe(o.goal);
    for (const t of o.tasks) {
      const [r] = rowsWith(ws, 2, t.name);
      expect([text(ws, [r as number, 3]), ws.getCell(r as number, 4).value, text(ws, [r as number, 5])]).toEqual([t.content, t.amount / 100, t.expected]);
    }
    expect(rowsWith(ws, 2, '其他需完成的任务（可选填）')).toHaveLength(1);
    // The 绩效指标 header repeats where the section runs onto the next page (as the seed shows), with a break.
    const heads = rowsWith(ws, 2, '一级指标');
    expect(heads.length).toBeGreaterThanOrEqual(1);
    const rows: number[] = [];
    for (let r = (heads[0] as number) + 1; rows.length < o.indicators.length; r++) if (!heads.includes(r)) rows.push(r);
    o.indicators.forEach((ind, k) => {
      const r = rows[k] as number;
      expect([2, 3, 4, 5].map((c) => text(ws, [r, c]))).toEqual([ind.level1, ind.level2, ind.name, ind.annualValue]);
    });
    const breaks = rowBreaks(out);
    const merged = inspect(out)[0]?.merged ?? [];
    for (const h of heads.slice(1)) {
      expect(text(ws, [h, 1])).toBe('绩效指标');
      expect(breaks).toContain(h - 1);
      expect(merged.some((m) => m.startsWith(`A${h}:`))).toBe(true);
    }
  });
});
