// T2 项目绩效目标表 (seed 002, domain.md §4.3): one block per project — heading, unit line, 项目编码/项目名称,
// 预算规模及资金用途, 资金支出计划, 绩效目标, then the indicator grid 一级·二级·三级·绩效指标描述·指标值·指标值确定依据
// with each 一级 merged over its rows and each run of equal 二级 merged too. Blocks are stacked on one sheet (each
// on a new page) or put one per sheet. The grid prints the indicators in the framework's order, whatever order the
// officer keeps them in.

import { categoryKey, type Framework, FRAMEWORKS, officialOrder } from '../frameworks.ts';
import { UserError } from '../errors.ts';
import { PLAN_MONTHS, projectTotal, type Indicator, type Project, type Unit, type YearData } from '../model.ts';
import { type GridCell, layoutGrid } from './grid.ts';
import { pageHeight, placeSection, usedBy } from './paginate.ts';
import { A4_MARGINS, type ExportFonts, MONEY, type SheetModel, sheetName } from './sheet.ts';
import { S, with_ } from './styles.ts';

export type T2Layout = 'stacked' | 'sheets';
export const T2_COLUMNS = [14, 14, 20, 16, 14, 14, 14];
export const T2_INDICATOR_HEADERS = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'] as const;

/** Runs of consecutive equal keys: [start index, length]. */
export function runs<T>(items: readonly T[], key: (t: T) => string): [number, number][] {
  const out: [number, number][] = [];
  items.forEach((it, i) => {
    const last = out[out.length - 1];
    if (last && i > 0 && key(items[i - 1] as T) === key(it)) last[1]++;
    else out.push([i, 1]);
  });
  return out;
}

/** Indicator rows with 一级 and 二级 merged over their runs; columns given 1-based for 一级, 二级, then the rest. */
export function indicatorRows(
  indicators: readonly Indicator[],
  firstRow: number,
  cols: { level1: number; level2: number },
  rest: (ind: Indicator, row: number) => GridCell[],
): GridCell[] {
  const cells: GridCell[] = [];
  for (const [start, len] of runs(indicators, (i) => categoryKey(i.level1))) {
    const l1 = indicators[start] as Indicator;
    cells.push({ row: firstRow + start, col: cols.level1, rowSpan: len, value: l1.level1, style: S.center });
    const group = indicators.slice(start, start + len);
    for (const [s2, len2] of runs(group, (i) => categoryKey(i.level2))) {
      const l2 = group[s2] as Indicator;
      cells.push({ row: firstRow + start + s2, col: cols.level2, rowSpan: len2, value: l2.level2, style: S.center });
    }
  }
  indicators.forEach((ind, i) => cells.push(...rest(ind, firstRow + i)));
  return cells;
}

/** Cells of one project block starting at logical row `top`; returns the cells and the last row used. */
function projectBlock(p: Project, unit: Unit, index: number, top: number, fw: Framework, fonts: ExportFonts): { cells: GridCell[]; last: number; breaks: number[] } {
  const cells: GridCell[] = [];
  let r = top;
  cells.push({ row: r, col: 1, colSpan: 7, value: `${index}.${p.name}绩效目标表`, style: with_(S.title, { font: 'header' }) });
  r++;
  cells.push({ row: r, col: 1, colSpan: 5, value: `${unit.code}${unit.name}`, style: S.captionLeft });
  cells.push({ row: r, col: 6, colSpan: 2, value: '单位：万元', style: S.captionRight });
  r++;
  cells.push(
    { row: r, col: 1, value: '项目编码', style: S.label },
    { row: r, col: 2, colSpan: 2, value: p.code, style: S.center },
    { row: r, col: 4, value: '项目名称', style: S.label },
    { row: r, col: 5, colSpan: 3, value: p.name, style: S.text },
  );
  r++;
  const money = (v: number) => v / 100;
  cells.push(
    { row: r, col: 1, rowSpan: 2, value: '预算规模及资金用途', style: S.label },
    { row: r, col: 2, value: '预算数', style: S.label },
    { row: r, col: 3, value: money(projectTotal(p)), style: S.money },
    { row: r, col: 4, value: '其中：财政资金', style: S.label },
    { row: r, col: 5, value: money(p.funds.fiscal + p.funds.fiscalSpecial), style: S.money },
    { row: r, col: 6, value: '其他资金', style: S.label },
    { row: r, col: 7, value: money(p.funds.other), style: S.money },
  );
  r++;
  cells.push({ row: r, col: 2, colSpan: 6, value: p.purpose, style: S.text });
  r++;
  // Month columns as the template spaces them: 3月底 over two columns, then 6月底, 10月底, 12月底 over two.
  const monthCols: [number, number][] = [[2, 2], [4, 1], [5, 1], [6, 2]];
  const labels = ['3月底', '6月底', '10月底', '12月底'];
  cells.push({ row: r, col: 1, rowSpan: 2, value: '资金支出计划（%）', style: S.label });
  PLAN_MONTHS.forEach((m, i) => {
    const [col, span] = monthCols[i] as [number, number];
    const v = p.spendingPlan[m];
    cells.push({ row: r, col, colSpan: span, value: labels[i] ?? '', style: S.label });
    cells.push({ row: r + 1, col, colSpan: span, value: v === null ? null : money(v), style: with_(S.money, { numFmt: MONEY, h: 'center' }) });
  });
  r += 2;
  cells.push({ row: r, col: 1, value: '绩效目标', style: S.label }, { row: r, col: 2, colSpan: 6, value: p.goal, style: S.text });
  r++;
  // The indicator grid: its header repeats at the top of each page the block runs onto (a block starts a page).
  const headerCols: [number, number][] = [[1, 1], [2, 1], [3, 1], [4, 2], [6, 1], [7, 1]];
  const section = (first: number, list: readonly Indicator[]): GridCell[] => [
    ...T2_INDICATOR_HEADERS.map((h, i) => {
      const [col, span] = headerCols[i] as [number, number];
      return { row: first, col, colSpan: span, value: h, style: S.header };
    }),
    ...indicatorRows(list, first + 1, { level1: 1, level2: 2 }, (ind, row) => [
      { row, col: 3, value: ind.name, style: S.text },
      { row, col: 4, colSpan: 2, value: ind.description, style: S.text },
      { row, col: 6, value: ind.annualValue, style: S.center },
      { row, col: 7, value: ind.basis, style: S.center },
    ]),
  ];
  const page = pageHeight(T2_COLUMNS, { orientation: 'portrait', margins: A4_MARGINS });
  const used = usedBy(T2_COLUMNS, cells, top, r - 1, fonts, page);
  const placed = placeSection({ columns: T2_COLUMNS, fonts, page, used, at: r, items: officialOrder(p.indicators, fw), section });
  cells.push(...placed.cells);
  return { cells, last: placed.next - 1, breaks: placed.breaks };
}

function sheetFrom(name: string, cells: GridCell[], rows: number, breaks: number[], spacers: number[], fonts: ExportFonts): SheetModel {
  const fixed = new Map(spacers.map((r) => [r, 12] as [number, number]));
  const grid = layoutGrid(T2_COLUMNS, cells, rows, fonts, fixed);
  return {
    name,
    columns: T2_COLUMNS,
    cells: grid.cells,
    merges: grid.merges,
    rowHeights: grid.rowHeights,
    print: { orientation: 'portrait', titleRows: null, pageBreaksAfter: breaks.map((r) => grid.lastRowOf(r)), margins: A4_MARGINS },
  };
}

/** Excel keeps at most this many manual page breaks on a sheet (and drops the rest), and this many rows. */
export const EXCEL_PAGE_BREAKS = 1023;
export const EXCEL_ROWS = 1_048_576;
/** A stacked sheet holds at most this many projects; a department with more continues on further sheets. */
export const PROJECTS_PER_SHEET = 1000;

/** Sheets of the T2 export, and what the officer should be told about how they were laid out. */
export interface T2Sheets {
  sheets: SheetModel[];
  notes: string[];
}

export function buildT2(year: YearData, layout: T2Layout, fonts: ExportFonts): T2Sheets {
  const fw = FRAMEWORKS[year.framework];
  const taken = new Set<string>();
  const name = (wanted: string, suffix = '') => {
    const n = sheetName(wanted.slice(0, 31 - suffix.length) + suffix, taken);
    taken.add(n);
    return n;
  };
  if (layout === 'sheets') {
    const all = year.departments.flatMap((d) => d.units.flatMap((u) => u.projects.map((p) => ({ u, p }))));
    const sheets = all.map(({ u, p }, i) => {
      const block = projectBlock(p, u, i + 1, 1, fw, fonts);
      return sheetFrom(name(`${i + 1}.${p.name}`), block.cells, block.last, block.breaks, [], fonts);
    });
    return { sheets, notes: [] };
  }
  // Stacked: one sheet per department, named after it (T2 blocks name only their unit, so the sheet keeps the
  // department for whoever reads the file back). Each block starts a page; a department whose blocks would need
  // more page breaks than Excel keeps on a sheet, or more than PROJECTS_PER_SHEET projects, goes on several sheets.
  const sheets: SheetModel[] = [];
  const notes: string[] = [];
  for (const d of year.departments) {
    const projects = d.units.flatMap((u) => u.projects.map((p) => ({ u, p })));
    if (projects.length === 0) continue;
    const parts: { cells: GridCell[]; breaks: number[]; spacers: number[]; rows: number; projects: number }[] = [];
    let part = { cells: [] as GridCell[], breaks: [] as number[], spacers: [] as number[], rows: 0, projects: 0 };
    projects.forEach(({ u, p }, i) => {
      let block = projectBlock(p, u, i + 1, part.projects === 0 ? 1 : part.rows + 2, fw, fonts);
      const full = part.projects >= PROJECTS_PER_SHEET || part.breaks.length + 1 + block.breaks.length > EXCEL_PAGE_BREAKS;
      if (part.projects > 0 && full) {
        parts.push(part);
        part = { cells: [], breaks: [], spacers: [], rows: 0, projects: 0 };
        block = projectBlock(p, u, i + 1, 1, fw, fonts);
      }
      if (part.projects > 0) {
        // A spacer row between blocks, and the next block on a new page.
        part.spacers.push(part.rows + 1);
        part.breaks.push(part.rows + 1);
      }
      part.cells.push(...block.cells);
      part.breaks.push(...block.breaks);
      part.rows = block.last;
      part.projects++;
    });
    parts.push(part);
    const wanted = d.name || '项目绩效目标表';
    const names = parts.map((_, k) => (parts.length === 1 ? name(wanted) : name(wanted, `（${k + 1}）`)));
    parts.forEach((pt, k) => {
      const sheet = sheetFrom(names[k] as string, pt.cells, pt.rows, pt.breaks, pt.spacers, fonts);
      if (sheet.rowHeights.length > EXCEL_ROWS) {
        throw new UserError(`工作表“${sheet.name}”需要 ${sheet.rowHeights.length} 行，超过 Excel 一张工作表 ${EXCEL_ROWS} 行的上限。请改用“每个项目一张工作表”导出，未导出`);
      }
      sheets.push(sheet);
    });
    if (parts.length > 1) {
      notes.push(
        `“${wanted}”有 ${projects.length} 个项目，超过 Excel 一张工作表能容纳的 ${PROJECTS_PER_SHEET} 个项目或 ${EXCEL_PAGE_BREAKS} 个分页符，已按顺序分成 ${parts.length} 张工作表：${names.join('、')}`,
      );
    }
  }
  return { sheets, notes };
}
