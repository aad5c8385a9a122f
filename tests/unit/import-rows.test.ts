// Which rows of a sheet are table rows: lines under or around a table (signatures, dates, notes, page footers, text
// merged across the row or outside the table) are not, while data rows that merely look alike are.
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_A } from '../../shared/frameworks.ts';
import { importSheets } from '../../shared/import/importSheets.ts';
import { nonTableRow, SheetGrid, type SheetData } from '../../shared/import/sheetGrid.ts';

/** One sheet whose row r holds `rows[r - 1]` from column B on; the table spans B..H. */
function grid(rows: (string | number | null)[][], merges: SheetData['merges'] = []): SheetGrid {
  const cells = rows.flatMap((row, i) => row.flatMap((v, j) => (v === null ? [] : [{ r: i + 1, c: j + 2, v }])));
  return new SheetGrid({ name: 'S', cells, merges });
}

describe('nonTableRow', () => {
  it('finds signature, date, phone, note and page lines, wherever their first text stands', () => {
    const g = grid([
      ['填表人：张三', null, '审核人：李四', null, null, '填报日期：2023年1月5日'],
      ['联系电话： 020-86660000'],
      [null, null, '注1：本表金额单位为万元'],
      ['备注:以批复为准'],
      ['单位负责人（签字）：'],
      [null, null, null, '第 2 页，共 3 页'],
      ['制表日期：2023-01-05'],
    ]);
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => nonTableRow(g, r, 2, 8)?.c)).toEqual([2, 2, 4, 2, 2, 5, 2]);
    expect(nonTableRow(g, 1, 2, 8)?.text).toBe('填表人：张三 审核人：李四 填报日期：2023年1月5日');
  });

  it('finds one text merged across the row, and text only outside the table', () => {
    const g = grid([['本表数据来源于一体化系统'], [null, null, null, null, null, null, null, null, '已核对']], [
      { top: 1, left: 2, bottom: 1, right: 8 },
    ]);
    expect(nonTableRow(g, 1, 2, 8)).toEqual({ c: 2, text: '本表数据来源于一体化系统' });
    expect(nonTableRow(g, 2, 2, 8)).toEqual({ c: 10, text: '已核对' });
  });

  it('leaves data rows alone, even those starting with 注, 说明 or a colon', () => {
    const g = grid([
      ['    物业管理费', '67.90', '67.90', null, null, '保障办公场所正常运转', '1、效益指标：投诉次数，年度指标值：5次以下。'],
      ['广州市信访局', '1107.43', '1107.43'],
      ['产出指标', '数量指标', '注册企业数', '≥100家'],
      ['产出指标', '数量指标', '说明书印制数量', '500份'],
      ['效益指标', '社会效益指标', '服务对象：来访群众', '≥90%'],
      [null, null, null, null, null, '（续上行）绩效目标的后半段'],
    ]);
    for (let r = 1; r <= 6; r++) expect(nonTableRow(g, r, 2, 8), `row ${r}`).toBeNull();
  });
});

describe('T1 rows', () => {
  it('a name-only note line inside the table is skipped and said, not made a unit', () => {
    const rows: (string | null)[][] = [
      ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
      ['合计', '30.00', '30.00'],
      ['某某局', '30.00', '30.00'],
      ['    办公经费', '10.00', '10.00', null, null, '保障运转', '1、产出指标：按时完成率，年度指标值：100%。'],
      ['（以下为转移支付项目）'],
      ['    对下补助', '20.00', '20.00', null, null, '支持基层', '1、效益指标：覆盖率，年度指标值：100%。'],
    ];
    const cells = rows.flatMap((row, i) => row.flatMap((v, j) => (v === null ? [] : [{ r: i + 1, c: j + 1, v }])));
    const r = importSheets('t.xlsx', [{ name: 'T1', cells, merges: [] }], FRAMEWORK_A);
    const units = r.departments[0]?.units ?? [];
    expect(units.map((u) => [u.name, u.projects.map((p) => p.name)])).toEqual([['某某局', ['办公经费', '对下补助']]]);
    expect(r.warnings).toContainEqual({ where: 'T1!A5', message: expect.stringContaining('“（以下为转移支付项目）”不是表格中的一行') });
  });
});
