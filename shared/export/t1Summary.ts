// T1 项目支出绩效目标表（含转移支付项目） (seeds 000/001/003, domain.md §4.1): one sheet per department; title,
// 部门名称 and 单位：万元, the 7-column header, 合计, then each unit's subtotal row followed by its projects. The
// 绩效指标 cell is rendered from the structured indicators in the chosen grammar. Every sum is computed here.

import type { Framework } from '../frameworks.ts';
import { renderIndicatorText } from '../indicatorText.ts';
import { projectTotal, type Department, type SummaryStyle, type YearData } from '../model.ts';
import { type GridCell, layoutGrid } from './grid.ts';
import { A4_MARGINS, type ExportFonts, type SheetModel, sheetName } from './sheet.ts';
import { S, with_ } from './styles.ts';

export const T1_TITLE = '项目支出绩效目标表（含转移支付项目）';
export const T1_HEADERS = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'] as const;
const T1_COLUMNS = [26, 11, 11, 12, 11, 36, 58];

interface Sums {
  total: number;
  fiscal: number;
  fiscalSpecial: number;
  other: number;
}

function moneyCells(row: number, s: Sums, bold: boolean): GridCell[] {
  const style = bold ? with_(S.money, { bold: true }) : S.money;
  return [s.total, s.fiscal, s.fiscalSpecial, s.other].map((v, i) => ({ row, col: 2 + i, value: v / 100, style }));
}

function add(a: Sums, b: Sums): Sums {
  return {
    total: a.total + b.total,
    fiscal: a.fiscal + b.fiscal,
    fiscalSpecial: a.fiscalSpecial + b.fiscalSpecial,
    other: a.other + b.other,
  };
}

const ZERO: Sums = { total: 0, fiscal: 0, fiscalSpecial: 0, other: 0 };

export function buildT1Sheet(
  dept: Department,
  fw: Framework,
  style: SummaryStyle,
  fonts: ExportFonts,
  taken: Set<string>,
): SheetModel {
  const cells: GridCell[] = [];
  let row = 1;
  cells.push({ row, col: 1, colSpan: 7, value: T1_TITLE, style: S.title });
  row++;
  cells.push({ row, col: 1, colSpan: 5, value: `部门名称：${dept.name}`, style: S.captionLeft });
  cells.push({ row, col: 6, colSpan: 2, value: '单位：万元', style: S.captionRight });
  row++;
  T1_HEADERS.forEach((h, i) => cells.push({ row, col: i + 1, value: h, style: S.header }));
  const totalRow = ++row;

  let grand = ZERO;
  for (const unit of dept.units) {
    const unitRow = ++row;
    let sub = ZERO;
    for (const p of unit.projects) {
      row++;
      const s: Sums = { total: projectTotal(p), ...p.funds };
      sub = add(sub, s);
      cells.push({ row, col: 1, value: p.name, style: with_(S.text, { indent: 1 }) });
      cells.push(...moneyCells(row, s, false));
      cells.push({ row, col: 6, value: p.goal, style: S.text });
      cells.push({ row, col: 7, value: renderIndicatorText(p.indicators, fw, style), style: S.text });
    }
    cells.push({ row: unitRow, col: 1, value: unit.name, style: with_(S.text, { bold: true }) });
    cells.push(...moneyCells(unitRow, sub, true));
    cells.push({ row: unitRow, col: 6, value: null, style: S.text }, { row: unitRow, col: 7, value: null, style: S.text });
    grand = add(grand, sub);
  }
  cells.push({ row: totalRow, col: 1, value: '合计', style: with_(S.center, { bold: true }) });
  cells.push(...moneyCells(totalRow, grand, true));
  cells.push({ row: totalRow, col: 6, value: null, style: S.text }, { row: totalRow, col: 7, value: null, style: S.text });

  const grid = layoutGrid(T1_COLUMNS, cells, row, fonts, new Map([[1, Math.ceil(fonts.title.size * 2)]]));
  const name = sheetName(dept.name || T1_TITLE, taken);
  taken.add(name);
  return {
    name,
    columns: T1_COLUMNS,
    cells: grid.cells,
    merges: grid.merges,
    rowHeights: grid.rowHeights,
    print: {
      orientation: 'landscape',
      // The 部门名称 line and the column header repeat on every page, as the published PDFs show.
      titleRows: [grid.rowOf(2), grid.lastRowOf(3)],
      pageBreaksAfter: [],
      margins: A4_MARGINS,
    },
  };
}

/** T1 for every department that has units (the overall-only departments belong to T3). */
export function buildT1(year: YearData, fw: Framework, style: SummaryStyle, fonts: ExportFonts): SheetModel[] {
  const taken = new Set<string>();
  const depts = year.departments.filter((d) => d.units.length > 0);
  return depts.map((d) => buildT1Sheet(d, fw, style, fonts, taken));
}
