// T3 部门整体预算绩效目标表 (seed 004 附件1, domain.md §4.4): label column + four value columns; 预算单位名称,
// 主管部门名称, 财政供养人员数, 预算整体情况 (by type / source / level), 总体绩效目标, 年度重点工作任务 with the
// optional `其他需完成的任务` row, then 绩效指标 一级·二级·三级·指标值 with 一级/二级 merged over their runs, in the
// framework's order as in T2 (the published T3 uses the project framework's 一级/二级, seed 004).

import { FRAMEWORKS, type Framework, officialOrder } from '../frameworks.ts';
import type { Department, Indicator, YearData } from '../model.ts';
import { type GridCell, layoutGrid } from './grid.ts';
import { A4_MARGINS, type ExportFonts, MONEY_PLAIN, type SheetModel, sheetName } from './sheet.ts';
import { S, with_ } from './styles.ts';
import { pageHeight, placeSection, usedBy } from './paginate.ts';
import { indicatorRows } from './t2Project.ts';

export const T3_COLUMNS = [14, 22, 34, 16, 34];

export function t3Title(year: number): string {
  return `${year}年市级部门整体预算绩效目标表`;
}

function overallSheet(d: Department, fw: Framework, fonts: ExportFonts, taken: Set<string>, title: string): SheetModel {
  const o = d.overall;
  if (!o) throw new Error('department without overall table');
  const money = with_(S.money, { numFmt: MONEY_PLAIN });
  const cells: GridCell[] = [];
  let r = 1;
  cells.push({ row: r, col: 1, colSpan: 2, value: '附件1', style: with_(S.captionLeft, { font: 'header' }) });
  r++;
  cells.push({ row: r, col: 1, colSpan: 5, value: title, style: S.title });
  r++;
  cells.push({ row: r, col: 1, value: '预算单位名称', style: S.label }, { row: r, col: 2, colSpan: 4, value: d.name, style: S.text });
  r++;
  cells.push({ row: r, col: 1, value: '主管部门名称', style: S.label }, { row: r, col: 2, colSpan: 4, value: o.supervisor, style: S.text });
  r++;
  cells.push(
    { row: r, col: 1, value: '财政供养人员数', style: S.label },
    { row: r, col: 2, value: '在职人数', style: S.label },
    { row: r, col: 3, value: o.staff.active, style: with_(S.center, { numFmt: '0' }) },
    { row: r, col: 4, value: '离退休人数', style: S.label },
    { row: r, col: 5, value: o.staff.retired, style: with_(S.center, { numFmt: '0' }) },
  );
  r++;
  const b = o.budget;
  const budgetRows: [string, number | string | null, string | null, number | string | null][] = [
    ['按支出类型划分', '预算金额（万元）', '按收入来源划分', '预算金额（万元）'],
    ['其中：基本支出', b.basic / 100, '其中：财政拨款', b.fiscal / 100],
    ['项目支出', b.project / 100, '其他资金', b.other / 100],
    ['按预算级次划分', '预算金额（万元）', null, null],
    ['其中：市本级使用资金', b.ownLevel / 100, null, null],
    ['拟转移支付市县资金', b.transfer / 100, null, null],
  ];
  cells.push({ row: r, col: 1, rowSpan: budgetRows.length, value: '预算整体情况', style: S.label });
  budgetRows.forEach(([l1, v1, l2, v2], i) => {
    const row = r + i;
    const valueStyle = (v: unknown) => (typeof v === 'number' ? money : S.label);
    cells.push({ row, col: 2, value: l1, style: S.label }, { row, col: 3, value: v1, style: valueStyle(v1) });
    if (l2 === null) cells.push({ row, col: 4, colSpan: 2, value: null, style: S.text });
    else cells.push({ row, col: 4, value: l2, style: S.label }, { row, col: 5, value: v2, style: valueStyle(v2) });
  });
  r += budgetRows.length;
  cells.push({ row: r, col: 1, value: '总体绩效目标', style: S.label }, { row: r, col: 2, colSpan: 4, value: o.goal, style: S.text });
  r++;
  const taskRows = o.tasks.length + 2;
  cells.push({ row: r, col: 1, rowSpan: taskRows, value: '年度重点工作任务', style: S.label });
  ['名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标（概述）'].forEach((h, i) =>
    cells.push({ row: r, col: 2 + i, value: h, style: S.header }),
  );
  o.tasks.forEach((t, i) => {
    const row = r + 1 + i;
    cells.push(
      { row, col: 2, value: t.name, style: S.text },
      { row, col: 3, value: t.content, style: S.text },
      { row, col: 4, value: t.amount / 100, style: money },
      { row, col: 5, value: t.expected, style: S.text },
    );
  });
  const other = r + 1 + o.tasks.length;
  cells.push(
    { row: other, col: 2, value: '其他需完成的任务（可选填）', style: S.text },
    { row: other, col: 3, value: '/', style: S.center },
    { row: other, col: 4, value: '/', style: S.center },
    { row: other, col: 5, value: '/', style: S.center },
  );
  r += taskRows;
  // The 绩效指标 section: its header repeats at the top of every page it runs onto, 一级/二级 merges restart there.
  const section = (first: number, list: readonly Indicator[]): GridCell[] => [
    { row: first, col: 1, rowSpan: list.length + 1, value: '绩效指标', style: S.label },
    ...['一级指标', '二级指标', '三级指标', '指标值'].map((h, i) => ({ row: first, col: 2 + i, value: h, style: S.header })),
    ...indicatorRows(list, first + 1, { level1: 2, level2: 3 }, (ind, row) => [
      { row, col: 4, value: ind.name, style: S.text },
      { row, col: 5, value: ind.annualValue, style: S.text },
    ]),
  ];
  const fixed = new Map([[2, Math.ceil(fonts.title.size * 2.2)]]);
  const page = pageHeight(T3_COLUMNS, { orientation: 'portrait', margins: A4_MARGINS });
  const used = usedBy(T3_COLUMNS, cells, 1, r - 1, fonts, page, fixed);
  const placed = placeSection({ columns: T3_COLUMNS, fonts, page, used, at: r, items: officialOrder(o.indicators, fw), section });
  cells.push(...placed.cells);
  const breaks = placed.breaks;
  const last = placed.next - 1;
  const grid = layoutGrid(T3_COLUMNS, cells, last, fonts, fixed);
  const name = sheetName(d.name || '部门整体绩效目标', taken);
  taken.add(name);
  return {
    name,
    columns: T3_COLUMNS,
    cells: grid.cells,
    merges: grid.merges,
    rowHeights: grid.rowHeights,
    print: { orientation: 'portrait', titleRows: null, pageBreaksAfter: breaks.map((b) => grid.lastRowOf(b)), margins: A4_MARGINS },
  };
}

export function buildT3(year: YearData, fonts: ExportFonts, title?: string): SheetModel[] {
  const taken = new Set<string>();
  return year.departments
    .filter((d) => d.overall !== null)
    .map((d) => overallSheet(d, FRAMEWORKS[year.framework], fonts, taken, title ?? t3Title(year.fiscalYear)));
}
