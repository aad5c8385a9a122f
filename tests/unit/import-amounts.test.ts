// Amount cells as the import reads them: units typed into cells, tables in 元 converted exactly, and every amount
// that cannot be read exactly said with its cell.
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_A } from '../../shared/frameworks.ts';
import { moneyReader } from '../../shared/import/amounts.ts';
import { importSheets } from '../../shared/import/importSheets.ts';
import { type ImportWarning, SheetGrid, type CellValue } from '../../shared/import/sheetGrid.ts';

/** Reads column B of a sheet whose A1 is `caption` and whose B2.. hold `values`. */
function read(caption: string | null, values: CellValue[]): { cents: number[]; warnings: ImportWarning[] } {
  const cells = values.map((v, i) => ({ r: i + 2, c: 2, v }));
  if (caption) cells.push({ r: 1, c: 1, v: caption });
  const grid = new SheetGrid({ name: 'S', cells, merges: [] });
  const warnings: ImportWarning[] = [];
  const money = moneyReader(grid, warnings);
  return { cents: values.map((_, i) => money(i + 2, 2)), warnings };
}

describe('amounts in a 万元 table', () => {
  it('reads units typed into cells, whatever their width and spacing', () => {
    const r = read('单位：万元', ['89.00万元', '720万元', '720 万', '１,１０７.４３万元', '7,200,000元', 12.5]);
    expect(r.cents).toEqual([8900, 72000, 72000, 110743, 72000, 1250]);
    expect(r.warnings).toEqual([]);
  });

  it('says where words stand in an amount cell, and reads them as 0', () => {
    const r = read(null, ['23人', '万元']);
    expect(r.cents).toEqual([0, 0]);
    expect(r.warnings.map((w) => w.where)).toEqual(['S!B2', 'S!B3']);
    expect(r.warnings[0]?.message).toContain('金额“23人”不是数字');
  });
});

describe('amounts in a 元 table (the 一体化 templates)', () => {
  it('converts whole hundreds of 元 exactly, text or number', () => {
    const r = read('单位：元', [7_200_000, '890,000.00', 100, '65万元', 0]);
    expect(r.cents).toEqual([72000, 8900, 1, 6500, 0]);
    expect(r.warnings).toEqual([]);
  });

  it('reports an amount that is not whole 分 of 万元, with the exact value, never rounding silently', () => {
    const r = read('单位：元', [1234.56, '50']);
    expect(r.cents).toEqual([12, 1]);
    expect(r.warnings).toEqual([
      { where: 'S!B2', message: expect.stringContaining('金额 1234.56 元折合 0.123456 万元，不能精确到万元的两位小数，已按 0.12 万元读入') },
      { where: 'S!B3', message: expect.stringContaining('金额 50.00 元折合 0.005 万元') },
    ]);
  });

  it('a header that says （元） sets the unit too; another unit is read as 万元 and said', () => {
    expect(read('预算金额（元）', [7_200_000]).cents).toEqual([72000]);
    // Not an indicator measured in 元, nor a caption naming the unit that spends the money.
    expect(read('人均办案成本（元）', [12.5]).cents).toEqual([1250]);
    expect(read('单位：湛江市信访局', [12.5])).toEqual({ cents: [1250], warnings: [] });
    const r = read('单位：千元', [5]);
    expect(r.cents).toEqual([500]);
    expect(r.warnings).toEqual([{ where: 'S!A1', message: expect.stringContaining('表中金额单位为“千元”') }]);
  });
});

describe('staff counts in T3', () => {
  it('are read with 人 typed after them; words are a located warning', () => {
    const rows: [string, CellValue][] = [
      ['预算单位名称', '某某局'],
      ['在职人数', '23人'],
      ['离退休人数', '约9人'],
      ['总体绩效目标', '做好工作'],
    ];
    const cells = rows.flatMap(([label, v], i) => [
      { r: i + 1, c: 1, v: label },
      { r: i + 1, c: 2, v },
    ]);
    const r = importSheets('t.xlsx', [{ name: 'T3', cells, merges: [] }], FRAMEWORK_A);
    expect(r.departments[0]?.overall?.staff).toEqual({ active: 23, retired: 0 });
    expect(r.warnings).toContainEqual({ where: 'T3!B3', message: '人数“约9人”不是整数，已按 0 读入' });
  });
});
