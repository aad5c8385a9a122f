// Reads T2 项目绩效目标表 blocks (several stacked on a sheet) and the T3 部门整体 table. Labels are found by their
// text, never by fixed cell addresses; merged 一级/二级 cells are read through their merge master, and a blank
// category cell means "the same as above".

import { UserError } from '../errors.ts';
import { FRAMEWORKS, type Framework, findLevel1, findLevel2 } from '../frameworks.ts';
import { emptyIndicator, type Department, type Indicator, type Overall, type Project, type Unit } from '../model.ts';
import { moneyReader } from './amounts.ts';
import { type ImportWarning, labelKey, nonTableRow, type SheetGrid, skippedRowWarning } from './sheetGrid.ts';

function canonical(fw: Framework, level1: string, level2: string): { level1: string; level2: string } {
  const l1 = findLevel1(fw, level1);
  const l2 = l1 ? findLevel2(l1, level2) : undefined;
  return { level1: l1?.name ?? level1, level2: l2?.name ?? level2 };
}

/** Column of the first cell in row r whose header key passes the test, or 0. */
function colIn(grid: SheetGrid, r: number, test: (k: string) => boolean): number {
  for (const cell of grid.cellsIn(r)) if (test(cell.header)) return cell.c;
  return 0;
}

function cellText(grid: SheetGrid, r: number, c: number): string {
  return c > 0 ? grid.text(r, c) : '';
}

interface IndicatorColumns {
  level1: number;
  level2: number;
  name: number;
  description: number;
  value: number;
  basis: number;
}

function indicatorColumns(grid: SheetGrid, r: number): IndicatorColumns {
  return {
    level1: colIn(grid, r, (k) => k === '一级指标'),
    level2: colIn(grid, r, (k) => k === '二级指标'),
    name: colIn(grid, r, (k) => k === '三级指标' || k === '指标名称' || k === '三级指标名称'),
    description: colIn(grid, r, (k) => k === '绩效指标描述' || k === '指标解释' || k === '指标内容'),
    value: colIn(grid, r, (k) => k === '指标值' || k === '年度指标值'),
    basis: colIn(grid, r, (k) => /^指标值(确定|设定)依据$/.test(k) || k === '绩效标准'),
  };
}

function isIndicatorHeader(grid: SheetGrid, r: number): boolean {
  return colIn(grid, r, (k) => k === '一级指标') > 0 && colIn(grid, r, (k) => k === '二级指标') > 0;
}

/**
 * Text pasted from a PDF loses its merged cells, and each row's texts move left into the empty category columns:
 * a 一级 column holding a 二级 name (or a 二级 column holding a 一级 name) is the evidence. Such a table cannot be
 * read right by guessing, so it is refused, with the cell.
 */
// Frameworks differ (成本指标 is a 二级 in one and a 一级 in the other): only a name that is never the other level
// counts as shifted.
const ALL_FRAMEWORKS = Object.values(FRAMEWORKS);
const anyLevel1 = (t: string) => ALL_FRAMEWORKS.some((f) => findLevel1(f, t));
const anyLevel2 = (t: string) => ALL_FRAMEWORKS.some((f) => f.level1.some((d) => findLevel2(d, t)));

function refuseShifted(grid: SheetGrid, fw: Framework, r: number, cols: IndicatorColumns, l1: string, l2: string): void {
  const shifted =
    l1 !== '' && !anyLevel1(l1) && fw.level1.some((d) => findLevel2(d, l1))
      ? { c: cols.level1, text: l1, is: '二级指标', column: '一级指标' }
      : l2 !== '' && findLevel1(fw, l2) && !anyLevel2(l2)
        ? { c: cols.level2, text: l2, is: '一级指标', column: '二级指标' }
        : null;
  if (!shifted) return;
  throw new UserError(
    `${grid.ref(r, shifted.c)} 的${shifted.column}是“${shifted.text}”，而“${shifted.text}”是${shifted.is}：这张表的列错位了（从 PDF 复制粘贴时常见，合并的单元格丢了，后面的文字左移），未导入。请把每一行对齐到“一级指标、二级指标、三级指标、指标值”各列后再导入`,
  );
}

/** Indicator rows from `from` to `to`, with category carry-over; repeated header rows are skipped. */
function readIndicatorRows(
  grid: SheetGrid,
  cols: IndicatorColumns,
  range: { from: number; to: number; stop: (r: number) => boolean },
  fw: Framework,
  warnings: ImportWarning[],
): Indicator[] {
  const out: Indicator[] = [];
  let level1 = '';
  let level2 = '';
  const used = Object.values(cols).filter((c) => c > 0);
  const [first, last] = [Math.min(...used), Math.max(...used)];
  for (let r = range.from; r <= range.to; r++) {
    if (range.stop(r)) break;
    if (grid.rowIsEmpty(r) && !grid.isCovered(r, cols.level1)) continue;
    if (isIndicatorHeader(grid, r)) {
      level1 = '';
      level2 = '';
      continue;
    }
    const note = nonTableRow(grid, r, first, last);
    if (note) {
      warnings.push(skippedRowWarning(grid, r, note));
      continue;
    }
    const l1 = cellText(grid, r, cols.level1).trim();
    const l2 = cellText(grid, r, cols.level2).trim();
    refuseShifted(grid, fw, r, cols, l1, l2);
    if (l1 !== '' && l1 !== level1) level2 = '';
    if (l1 !== '') level1 = l1;
    if (l2 !== '') level2 = l2;
    const name = cols.name ? String(grid.raw(r, cols.name) ?? '') : '';
    const value = cols.value ? String(grid.raw(r, cols.value) ?? '') : '';
    if (name.trim() === '' && value.trim() === '' && cellText(grid, r, cols.description) === '') continue;
    out.push({
      ...emptyIndicator(),
      ...canonical(fw, level1, level2),
      name,
      description: cols.description ? String(grid.raw(r, cols.description) ?? '') : '',
      annualValue: value,
      basis: cols.basis ? String(grid.raw(r, cols.basis) ?? '') : '',
    });
  }
  return out;
}

// ---- T2 ----------------------------------------------------------------------------------------------------------

export function isT2(grid: SheetGrid): boolean {
  return grid.find((k) => k === '项目编码') !== null && grid.find((k) => k === '一级指标') !== null;
}

function blockBoundary(grid: SheetGrid, r: number): boolean {
  return colIn(grid, r, (k) => k === '项目编码' || k.endsWith('绩效目标表') || k.startsWith('单位:')) > 0;
}

export function readT2(grid: SheetGrid, fw: Framework, warnings: ImportWarning[]): Unit[] {
  const starts = grid.findAll((k) => k === '项目编码');
  const units: Unit[] = [];
  const money = moneyReader(grid, warnings);
  starts.forEach((start, i) => {
    const end = (starts[i + 1]?.r ?? grid.maxRow + 1) - 1;
    const prevEnd = i === 0 ? 1 : (starts[i - 1]?.r ?? 1);
    const r0 = start.r;
    // The unit line above the block: `129001青岛市信访局本级 … 单位：万元`.
    let unitName = '';
    let unitCode = '';
    for (let r = r0 - 1; r >= prevEnd && r >= 1; r--) {
      const unitCol = colIn(grid, r, (k) => k.startsWith('单位:'));
      if (unitCol === 0) continue;
      for (let c = 1; c < unitCol; c++) {
        const v = grid.raw(r, c);
        if (v === null || String(v).trim() === '') continue;
        const m = /^(\d*)(.*)$/s.exec(String(v).trim());
        unitCode = m?.[1] ?? '';
        unitName = (m?.[2] ?? '').trim();
        break;
      }
      break;
    }
    if (unitName === '') warnings.push({ where: grid.ref(r0, start.c), message: '没有找到该项目所属单位（项目编码上方的“单位名称 … 单位：万元”一行）' });
    const code = String(grid.cellRight(r0, start.c).v ?? '').trim();
    const nameCol = colIn(grid, r0, (k) => k === '项目名称');
    const name = nameCol ? String(grid.nextRight(r0, nameCol)?.v ?? '').trim() : '';
    const find = (test: (k: string) => boolean) => grid.find(test, r0, end);
    const budgetAt = find((k) => k === '预算数');
    const fiscalAt = find((k) => k === '其中:财政资金' || k === '财政资金');
    const otherAt = find((k) => k === '其他资金');
    const valueRight = (at: { r: number; c: number } | null) => (at ? money(at.r, grid.rightOf(at.r, at.c) + 1) : 0);
    // A 预算数 whose formula was saved without its value is not stated, rather than 0.
    const budget = budgetAt && !grid.valueUnknown(budgetAt.r, grid.rightOf(budgetAt.r, budgetAt.c) + 1) ? valueRight(budgetAt) : null;
    const fiscal = valueRight(fiscalAt);
    const other = valueRight(otherAt);
    // 资金用途: the row under 预算数, right of the merged label.
    let purpose = '';
    if (budgetAt) {
      const next = grid.nextRight(budgetAt.r + 1, budgetAt.c - 1);
      if (next && !/资金支出计划/.test(labelKey(String(next.v)))) purpose = String(next.v);
    }
    const monthRow = find((k) => k === '3月底');
    const plan: Project['spendingPlan'] = { mar: null, jun: null, oct: null, dec: null };
    if (monthRow) {
      const months: [keyof Project['spendingPlan'], string][] = [['mar', '3月底'], ['jun', '6月底'], ['oct', '10月底'], ['dec', '12月底']];
      for (const [m, label] of months) {
        const c = colIn(grid, monthRow.r, (k) => k === label);
        const v = c ? grid.raw(monthRow.r + 1, c) : null;
        const pct = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*[%％]\s*$/.exec(v) : null;
        if (pct && budget !== null) {
          // The header says （%）: a percentage of the budget, kept here as the cumulative amount it stands for.
          plan[m] = Math.round((budget * Number(pct[1])) / 100);
          warnings.push({ where: grid.ref(monthRow.r + 1, c), message: `资金支出计划“${String(v).trim()}”是百分比，已按预算数换算为 ${(plan[m] / 100).toFixed(2)} 万元` });
        } else {
          plan[m] = v === null || String(v).trim() === '' ? null : money(monthRow.r + 1, c);
        }
      }
    }
    const goalAt = find((k) => k === '绩效目标');
    const goal = goalAt ? String(grid.nextRight(goalAt.r, goalAt.c)?.v ?? '') : '';
    const headerAt = find((k) => k === '一级指标');
    const indicators = headerAt
      ? readIndicatorRows(grid, indicatorColumns(grid, headerAt.r), { from: headerAt.r + 1, to: end, stop: (r) => blockBoundary(grid, r) }, fw, warnings)
      : [];
    if (!headerAt) warnings.push({ where: grid.ref(r0, start.c), message: `项目“${name}”没有找到绩效指标表头（一级指标 / 二级指标 …）` });
    const project: Project = {
      code,
      name,
      funds: { fiscal, fiscalSpecial: 0, other },
      statedTotal: budget,
      purpose,
      goal,
      spendingPlan: plan,
      indicators,
      unparsedIndicators: '',
    };
    let unit = units.find((u) => u.name === unitName && u.code === unitCode);
    if (!unit) {
      unit = { name: unitName, code: unitCode, statedTotal: null, projects: [] };
      units.push(unit);
    }
    unit.projects.push(project);
  });
  return units;
}

// ---- T3 ----------------------------------------------------------------------------------------------------------

export function isT3(grid: SheetGrid): boolean {
  return grid.find((k) => k === '预算单位名称') !== null && grid.find((k) => k === '总体绩效目标') !== null;
}

export function readT3(grid: SheetGrid, fw: Framework, warnings: ImportWarning[]): Department {
  const money = moneyReader(grid, warnings);
  const at = (test: (k: string) => boolean) => grid.find(test);
  const textRight = (test: (k: string) => boolean) => {
    const a = at(test);
    return a ? String(grid.nextRight(a.r, a.c)?.v ?? '') : '';
  };
  const moneyRight = (test: (k: string) => boolean) => {
    const a = at(test);
    if (!a) return 0;
    return money(a.r, grid.rightOf(a.r, a.c) + 1);
  };
  const countRight = (test: (k: string) => boolean) => {
    const a = at(test);
    if (!a) return 0;
    const next = grid.nextRight(a.r, a.c);
    const v = next?.v;
    // `23人` is a count with its unit, as officers type it.
    const n = typeof v === 'number' ? v : Number(String(v ?? '').trim().replace(/[\s\u3000]*[人名]$/, ''));
    if (!Number.isInteger(n) || n < 0) {
      warnings.push({ where: grid.ref(a.r, next?.c ?? a.c + 1), message: `人数“${String(v ?? '')}”不是整数，已按 0 读入` });
      return 0;
    }
    return n;
  };
  const name = textRight((k) => k === '预算单位名称').trim();
  const tasksHeader = at((k) => k === '主要实施内容');
  const tasks: Overall['tasks'] = [];
  const indicatorHeader = at((k) => k === '一级指标');
  if (tasksHeader) {
    const r0 = tasksHeader.r;
    const cName = colIn(grid, r0, (k) => k === '名称');
    const cContent = tasksHeader.c;
    const cAmount = colIn(grid, r0, (k) => k.startsWith('拟投入的资金'));
    const cExpected = colIn(grid, r0, (k) => k.startsWith('期望达到的目标'));
    const last = (indicatorHeader?.r ?? grid.maxRow + 1) - 1;
    for (let r = r0 + 1; r <= last; r++) {
      if (grid.rowIsEmpty(r) || isIndicatorHeader(grid, r)) continue;
      const taskName = String(grid.raw(r, cName) ?? '');
      const key = labelKey(taskName);
      if (key.startsWith('其他需完成的任务') || key === '绩效指标') continue;
      const content = String(grid.raw(r, cContent) ?? '');
      const expected = String(grid.raw(r, cExpected) ?? '');
      if ([taskName, content, expected].every((t) => t.trim() === '' || t.trim() === '/')) continue;
      tasks.push({ name: taskName, content, amount: money(r, cAmount), expected });
    }
  } else {
    warnings.push({ where: grid.name, message: '没有找到年度重点工作任务表头（名称 / 主要实施内容 …）' });
  }
  const indicators = indicatorHeader
    ? readIndicatorRows(grid, indicatorColumns(grid, indicatorHeader.r), { from: indicatorHeader.r + 1, to: grid.maxRow, stop: () => false }, fw, warnings)
    : [];
  if (!indicatorHeader) warnings.push({ where: grid.name, message: '没有找到绩效指标表头（一级指标 / 二级指标 …）' });
  const overall: Overall = {
    supervisor: textRight((k) => k === '主管部门名称').trim(),
    staff: { active: countRight((k) => k === '在职人数'), retired: countRight((k) => k === '离退休人数') },
    budget: {
      basic: moneyRight((k) => k === '其中:基本支出' || k === '基本支出'),
      project: moneyRight((k) => k === '项目支出'),
      fiscal: moneyRight((k) => k === '其中:财政拨款' || k === '财政拨款'),
      other: moneyRight((k) => k === '其他资金'),
      ownLevel: moneyRight((k) => k.includes('本级使用')),
      transfer: moneyRight((k) => k.includes('拟转移支付')),
    },
    goal: textRight((k) => k === '总体绩效目标'),
    tasks,
    indicators,
  };
  return { name, code: '', statedTotal: null, overall, units: [] };
}
