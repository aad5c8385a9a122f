// Reads a T1 项目支出绩效目标表 wherever it starts on the sheet: finds the header row by its texts, then takes 合计,
// unit subtotal rows and project rows, skipping the 部门名称 line and header that PDFs and printouts repeat at page
// breaks, and joining continuation rows (a project whose text runs on in the next row). The 绩效指标 text is read
// in whichever of the three grammars it is written (line breaks inside it come from PDF conversion and are removed).

import type { Framework } from '../frameworks.ts';
import { readIndicatorText } from '../indicatorText.ts';
import { emptySpendingPlan, type Department, type Project, type SummaryStyle, type Unit } from '../model.ts';
import { moneyReader } from './amounts.ts';
import { type ImportWarning, nonTableRow, type SheetGrid, skippedRowWarning } from './sheetGrid.ts';

interface T1Columns {
  header: number;
  name: number;
  total: number;
  fiscal: number;
  fiscalSpecial: number;
  other: number;
  goal: number;
  indicators: number;
}

/** Other names officers' tables give the T1 columns. */
const T1_SYNONYMS: Readonly<Record<string, string>> = {
  合计: '总计',
  预算总额: '总计',
  总额: '总计',
  财政拨款资金: '财政拨款',
  财政专户资金: '财政专户拨款',
  财政专户管理资金: '财政专户拨款',
  年度绩效目标: '绩效目标',
  年度绩效指标: '绩效指标',
};

/** The labels a T1 header row must have; the others are optional. */
export const T1_REQUIRED = ['项目名称', '总计', '财政拨款', '绩效指标'] as const;

/** The T1 columns a row names, by label (a header text is its label plus optional `（万元）`, line breaks, `其中：`). */
export function t1HeaderLabels(grid: SheetGrid, r: number): Map<string, number> {
  const cols = new Map<string, number>();
  for (const cell of grid.cellsIn(r)) {
    const k = cell.label.startsWith('项目名称') ? '项目名称' : cell.header;
    const label = T1_SYNONYMS[k] ?? k;
    if (!cols.has(label)) cols.set(label, cell.c);
  }
  return cols;
}

function t1Columns(grid: SheetGrid, r: number): T1Columns | null {
  // Most rows are data rows, without the 项目名称 a header row must have: told before the labels are gathered.
  if (!grid.cellsIn(r).some((cell) => cell.label.startsWith('项目名称'))) return null;
  const cols = t1HeaderLabels(grid, r);
  const [name, total, fiscal, indicators] = T1_REQUIRED.map((l) => cols.get(l));
  if (!name || !total || !fiscal || !indicators) return null;
  return {
    header: r,
    name,
    total,
    fiscal,
    fiscalSpecial: cols.get('财政专户拨款') ?? 0,
    other: cols.get('其他资金') ?? 0,
    goal: cols.get('绩效目标') ?? 0,
    indicators,
  };
}

/** The header row and its columns, or null when the sheet holds no T1 table. */
export function findT1Header(grid: SheetGrid): T1Columns | null {
  for (let r = 1; r <= grid.maxRow; r++) {
    const cols = t1Columns(grid, r);
    if (cols) return cols;
  }
  return null;
}

interface Line {
  r: number;
  name: string;
  indented: boolean;
  total: number | null;
  fiscal: number;
  fiscalSpecial: number;
  other: number;
  goal: string;
  indicatorText: string;
  indicatorRef: string;
  /** Any amount, goal or indicator text: a row with a name only may be a unit, or a line under the table. */
  hasData: boolean;
}

function captionValue(grid: SheetGrid, label: (key: string) => boolean): { text: string; r: number } | null {
  const at = grid.find(label);
  if (!at) return null;
  const own = String(grid.raw(at.r, at.c) ?? '');
  const after = own.replace(/^[\s\u3000]*[^:：]*[:：][\s\u3000]*/, '').trim();
  if (after !== '') return { text: after, r: at.r };
  const next = grid.nextRight(at.r, at.c);
  // `部门名称：` with its value in the next cell — but not the `单位：万元` that follows an empty name.
  return next && !/^[^:：]{1,6}[:：]/.test(String(next.v).trim()) ? { text: String(next.v).trim(), r: at.r } : null;
}

export interface T1Read {
  department: Department;
  style: SummaryStyle | null;
}

export function readT1(grid: SheetGrid, cols: T1Columns, fw: Framework, warnings: ImportWarning[]): T1Read {
  const dept = captionValue(grid, (k) => k.startsWith('部门名称:'));
  if (!dept) warnings.push({ where: grid.name, message: '没有找到“部门名称：…”，已用工作表名作为部门名称' });
  const money = moneyReader(grid, warnings);
  const text = (r: number, c: number) => (c > 0 ? String(grid.raw(r, c) ?? '') : '');

  let statedGrand: number | null = null;
  const lines: Line[] = [];
  const tableCols = [cols.name, cols.total, cols.fiscal, cols.fiscalSpecial, cols.other, cols.goal, cols.indicators].filter((c) => c > 0);
  const [firstCol, lastCol] = [Math.min(...tableCols), Math.max(...tableCols)];
  for (let r = cols.header + 1; r <= grid.maxRow; r++) {
    if (grid.rowIsEmpty(r)) continue;
    const note = nonTableRow(grid, r, firstCol, lastCol);
    if (note) {
      warnings.push(skippedRowWarning(grid, r, note));
      continue;
    }
    const nameRaw = grid.raw(r, cols.name);
    const nameKey = grid.label(r, cols.name);
    // A page break's repeated caption or header.
    if (t1Columns(grid, r)) continue;
    if (grid.find((k) => k.startsWith('部门名称:') || k.startsWith('单位:') || k.startsWith('项目支出绩效目标表'), r, r)) continue;
    const hasAmount = [cols.total, cols.fiscal, cols.fiscalSpecial, cols.other].some((c) => c > 0 && grid.raw(r, c) !== null);
    // A name-only line in brackets or ending like a sentence (`（以下为转移支付项目）`) is a note, not a unit.
    const nameOnly = !hasAmount && text(r, cols.goal).trim() === '' && text(r, cols.indicators).trim() === '';
    if (nameOnly && /^[（(【[].*[)）】\]]$|[。；;：:]$/.test(nameKey)) {
      warnings.push(skippedRowWarning(grid, r, { c: cols.name, text: String(nameRaw).trim() }));
      continue;
    }
    if ((nameRaw === null || String(nameRaw).trim() === '') && hasAmount) {
      warnings.push({ where: grid.ref(r, cols.name), message: '这一行有金额但没有项目名称，已作为名称为空的项目导入，请补上名称' });
    } else if (nameRaw === null || String(nameRaw).trim() === '') {
      // Rows inside a merged (split) project row, or text that ran on into the next row.
      const prev = lines[lines.length - 1];
      const goal = text(r, cols.goal);
      const ind = text(r, cols.indicators);
      if (prev && (goal !== '' || ind !== '') && !grid.isCovered(r, cols.goal)) {
        prev.goal += goal;
        prev.indicatorText += ind;
        prev.hasData = true;
      }
      continue;
    }
    if (nameKey === '合计' || nameKey === '总计') {
      statedGrand = grid.valueUnknown(r, cols.total) ? null : money(r, cols.total);
      continue;
    }
    const name = String(nameRaw ?? '');
    lines.push({
      r,
      name: name.trim(),
      // A nameless row is a project, never a unit subtotal.
      indented: name.trim() === '' || /^[\s\u3000]/.test(name) || grid.indent(r, cols.name) > 0,
      total: grid.raw(r, cols.total) === null ? null : money(r, cols.total),
      fiscal: money(r, cols.fiscal),
      fiscalSpecial: money(r, cols.fiscalSpecial),
      other: money(r, cols.other),
      goal: text(r, cols.goal),
      indicatorText: text(r, cols.indicators),
      indicatorRef: grid.ref(r, cols.indicators),
      hasData: hasAmount || text(r, cols.goal).trim() !== '' || text(r, cols.indicators).trim() !== '',
    });
  }
  // Name-only rows after the last row with data are text under the table, not units or projects.
  for (let last = lines[lines.length - 1]; last && !last.hasData; last = lines[lines.length - 1]) {
    lines.pop();
    warnings.push(skippedRowWarning(grid, last.r, { c: cols.name, text: last.name }));
  }

  // Unit subtotal rows: not indented, no goal and no indicators, and their amount is the sum of the rows under
  // them (or the sheet indents its projects, which settles it).
  const anyIndented = lines.some((l) => l.indented);
  const candidate = (l: Line) => !l.indented && l.goal.trim() === '' && l.indicatorText.trim() === '';
  const isUnit = lines.map((l, i) => {
    if (!candidate(l)) return false;
    if (anyIndented) return true;
    let sum = 0;
    let n = 0;
    for (let j = i + 1; j < lines.length && !candidate(lines[j] as Line); j++) {
      const p = lines[j] as Line;
      sum += p.total ?? p.fiscal + p.fiscalSpecial + p.other;
      n++;
    }
    return n > 0 && sum === (l.total ?? l.fiscal + l.fiscalSpecial + l.other);
  });

  let style: SummaryStyle | null = null;
  const units: Unit[] = [];
  const departmentName = dept?.text ?? grid.name;
  lines.forEach((l, i) => {
    if (isUnit[i]) {
      units.push({ name: l.name, code: '', statedTotal: l.total, projects: [] });
      return;
    }
    if (units.length === 0) units.push({ name: departmentName, code: '', statedTotal: null, projects: [] });
    // Every item that parses is imported; the others are kept verbatim on the project for the officer to fix.
    const blob = l.indicatorText.replace(/\r?\n/g, '');
    const parsed = readIndicatorText(blob, fw);
    if (parsed.indicators.length > 0) style ??= parsed.style;
    const indicators: Project['indicators'] = parsed.indicators.map((t) => ({ ...t, description: '', basis: '', priorValue: '' }));
    for (const u of parsed.unparsed) {
      warnings.push({
        where: l.indicatorRef,
        message: `${u.message}；这段文字“${u.text}”未导入为指标，已原样保留在项目中（其余 ${indicators.length} 条指标已导入），请据此补录指标`,
      });
    }
    const unparsed = parsed.unparsed.map((u) => u.text).join('');
    (units[units.length - 1] as Unit).projects.push({
      code: '',
      name: l.name,
      funds: { fiscal: l.fiscal, fiscalSpecial: l.fiscalSpecial, other: l.other },
      statedTotal: l.total,
      purpose: '',
      goal: l.goal,
      spendingPlan: emptySpendingPlan(),
      indicators,
      unparsedIndicators: unparsed,
    });
  });
  if (lines.length === 0) warnings.push({ where: grid.name, message: '表头下没有项目' });
  return {
    department: { name: departmentName, code: '', statedTotal: statedGrand, overall: null, units },
    style,
  };
}
