// 审核: the checks an officer runs before submitting (research/domain.md §5). Each finding carries the rule number of
// that table, a severity (error blocks a clean submission, warning asks for a look) and a precise location, so the
// CLI can print it and the editor can jump to the cell.

import { FRAMEWORKS, findLevel1, findLevel2, type Framework, type Level1Def } from './frameworks.ts';
import { renderIndicatorText } from './indicatorText.ts';
import { formatMoney, type Cents } from './money.ts';
import {
  PLAN_MONTHS,
  PLAN_MONTH_LABEL,
  defaultSummaryStyle,
  projectTotal,
  type Department,
  type Indicator,
  type Overall,
  type Project,
  type SummaryStyle,
  type YearData,
} from './model.ts';
import { fellBelowPrior, hasComparisonSign, parseTarget } from './target.ts';

export type Severity = 'error' | 'warning';

/** Which field of an entity a finding is about (names of the interchange JSON). */
export type Field =
  | 'name'
  | 'code'
  | 'goal'
  | 'purpose'
  | 'total'
  | 'funds'
  | 'spendingPlan'
  | 'indicators'
  | 'level1'
  | 'level2'
  | 'description'
  | 'annualValue'
  | 'periodValue'
  | 'basis'
  | 'budget'
  | 'tasks';

export interface Location {
  department: string;
  departmentIndex: number;
  unit?: string;
  unitIndex?: number;
  project?: string;
  projectIndex?: number;
  /** Set for the department overall table (T3). */
  overall?: true;
  taskIndex?: number;
  indicatorIndex?: number;
  indicatorName?: string;
  field?: Field;
}

export interface Finding {
  /** Rule number in research/domain.md §5 (22 for categories outside the framework). */
  rule: number;
  /** Stable machine name of the check. */
  check: string;
  severity: Severity;
  message: string;
  location: Location;
}

export const FIELD_LABEL: Readonly<Record<Field, string>> = {
  name: '名称',
  code: '编码',
  goal: '绩效目标',
  purpose: '资金用途',
  total: '总计',
  funds: '资金来源',
  spendingPlan: '资金支出计划',
  indicators: '绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  description: '指标解释',
  annualValue: '年度指标值',
  periodValue: '实施周期指标值',
  basis: '指标值确定依据',
  budget: '预算整体情况',
  tasks: '年度重点工作任务',
};

/** "广州市信访局 › 物业管理费 › 第2条指标（投诉次数） › 年度指标值": for messages and the CLI. */
export function describeLocation(loc: Location): string {
  const parts = [loc.department];
  if (loc.unit !== undefined && loc.unit !== loc.department) parts.push(loc.unit);
  if (loc.project !== undefined) parts.push(`项目“${loc.project}”`);
  if (loc.overall) parts.push('部门整体绩效目标');
  if (loc.taskIndex !== undefined) parts.push(`任务${loc.taskIndex + 1}`);
  if (loc.indicatorIndex !== undefined) {
    const name = loc.indicatorName ? `（${loc.indicatorName}）` : '（无三级指标名称）';
    parts.push(`第${loc.indicatorIndex + 1}条指标${name}`);
  }
  if (loc.field) parts.push(FIELD_LABEL[loc.field]);
  return parts.join(' › ');
}

/** Length limits of the finance system's data dictionary (rule 20). */
export const LIMITS = {
  goal: 2000,
  overallGoal: 4000,
  name: 1000,
  value: 1000,
  unit: 200,
  description: 2000,
  taskText: 2000,
} as const;

/** Wording reviewers send back as 不够细化、量化 when no number backs it (rule 23). */
const VAGUE = /进一步(提高|提升|加强|改善|完善)|明显(改善|提高|提升)|有效(促进|提升|提高|改善)|(提升|提高)[^，。,;；]{0,10}水平|不断(提高|提升)/;

/**
 * Placeholders the finance system refuses in a 指标值 (rule 9): `*` and `_` anywhere; a dash only as the whole
 * value, because a dash inside a range or a date ("3-5个工作日", "8:00-18:00", "2023-12-31前") is a value.
 */
const PLACEHOLDER_CHAR = /[*＊_＿]/;
/** A whole value that says "nothing here": dashes, slashes, 无, 暂无, 待定 (a closing full stop changes nothing). */
const PLACEHOLDER_VALUE = /^[\s\u3000]*(?:[-－—–/／]+|无|暂无|待定)[\s\u3000。.]*$/;

class Collector {
  readonly findings: Finding[] = [];
  add(rule: number, check: string, severity: Severity, message: string, location: Location): void {
    this.findings.push({ rule, check, severity, message, location });
  }
}

const money = (c: Cents) => `${formatMoney(c)} 万元`;

const YUAN_PER_UNIT: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000, 万: 10_000, 亿元: 100_000_000 };

/** A cost indicator's amount in 元, or null when its unit is not money. */
function costAmountYuan(number: string, unit: string): number | null {
  const n = Number(number);
  const factor = YUAN_PER_UNIT[unit];
  return Number.isFinite(n) && factor !== undefined ? n * factor : null;
}

function checkIndicator(
  c: Collector,
  fw: Framework,
  ind: Indicator,
  base: Location,
  index: number,
  needPeriod: boolean,
): { l1: Level1Def | undefined } {
  const l1 = findLevel1(fw, ind.level1);
  const named = ind.name.trim() !== '';
  // Made only for a finding: most of a year's 50,000 indicators have none.
  const loc = (field: Field): Location => ({ ...base, indicatorIndex: index, indicatorName: ind.name.trim(), field });
  if (!named) {
    c.add(1, 'name-missing', 'error', '缺少三级指标名称', loc('name'));
  }
  if (!l1) {
    c.add(
      22,
      'level1-unknown',
      'error',
      ind.level1.trim() === ''
        ? `缺少一级指标（应为${fw.level1.map((l) => l.name).join('、')}之一）`
        : `一级指标“${ind.level1}”不属于本年度使用的指标体系（应为${fw.level1.map((l) => l.name).join('、')}之一）`,
      loc('level1'),
    );
  } else if (ind.level2.trim() !== '' && !findLevel2(l1, ind.level2)) {
    c.add(
      22,
      'level2-mismatch',
      'error',
      `二级指标“${ind.level2}”不属于一级指标“${l1.name}”（可选：${l1.level2.map((l) => l.name).join('、')}）`,
      loc('level2'),
    );
  }

  const values: ['annualValue' | 'periodValue', string][] = [['annualValue', ind.annualValue]];
  if (needPeriod) values.push(['periodValue', ind.periodValue]);
  for (const [field, value] of values) {
    if (value.trim() === '') {
      c.add(8, 'value-missing', 'error', `${FIELD_LABEL[field]}未填写`, loc(field));
      continue;
    }
    if (value.length > LIMITS.value) {
      c.add(20, 'too-long', 'error', `${FIELD_LABEL[field]}有 ${value.length} 字，超过 ${LIMITS.value} 字的上限`, loc(field));
    }
    // A placeholder is the one thing to say about such a value: what else it lacks follows from it.
    if (PLACEHOLDER_VALUE.test(value)) {
      c.add(9, 'value-placeholder', 'error', `${FIELD_LABEL[field]}“${value.trim()}”是占位，不是目标值：请填写实际目标值；这条指标不适用时，请删除这条指标`, loc(field));
      continue;
    }
    if (PLACEHOLDER_CHAR.test(value)) {
      c.add(9, 'value-placeholder', 'error', `${FIELD_LABEL[field]}“${value}”含有占位符号（* _），请填写实际目标值`, loc(field));
      continue;
    }
    const parts = parseTarget(value);
    if (parts.number === null && hasComparisonSign(value)) {
      c.add(10, 'value-not-numeric', 'error', `${FIELD_LABEL[field]}“${value}”带有比较符号，但后面不是数字：定量指标的指标值必须为数字`, loc(field));
    }
    if (parts.number !== null && parts.unit === '') {
      c.add(6, 'unit-missing', 'error', `${FIELD_LABEL[field]}“${value}”是定量指标，缺少计量单位（如 %、人、次、万元）`, loc(field));
    }
    if (parts.number === null && VAGUE.test(value)) {
      c.add(23, 'vague-value', 'warning', `${FIELD_LABEL[field]}“${value}”表述笼统，没有可衡量的数值，建议细化、量化`, loc(field));
    }
    if (l1?.isSatisfaction && field === 'annualValue' && (parts.number === null || parts.unit !== '%')) {
      c.add(24, 'satisfaction-not-percent', 'warning', `满意度指标的指标值“${value}”不是百分比，建议改为如“≥90%”的满意率目标`, loc(field));
    }
  }
  const l2 = l1 ? findLevel2(l1, ind.level2) : undefined;
  const prior = fellBelowPrior(ind.annualValue, ind.priorValue, Boolean(l1?.isCost || l2?.isCost));
  if (prior !== null) {
    c.add(
      21,
      'below-prior-year',
      'warning',
      `年度指标值“${ind.annualValue}”低于上年指标值“${ind.priorValue}”：这类指标越高越好，目标降低需要说明理由，否则建议不低于上年`,
      loc('annualValue'),
    );
  }
  if (ind.name.length > LIMITS.name) {
    c.add(20, 'too-long', 'error', `三级指标名称有 ${ind.name.length} 字，超过 ${LIMITS.name} 字的上限`, loc('name'));
  }
  if (ind.description.length > LIMITS.description) {
    c.add(20, 'too-long', 'error', `指标解释有 ${ind.description.length} 字，超过 ${LIMITS.description} 字的上限`, loc('description'));
  }
  return { l1 };
}

function indicatorLocation(base: Location, ind: Indicator, index: number): Location {
  return { ...base, indicatorIndex: index, indicatorName: ind.name.trim() };
}

function checkIndicatorSet(c: Collector, fw: Framework, indicators: readonly Indicator[], base: Location): void {
  // Rule 8 asks for 实施周期 values in both sets; a project that gives them for some indicators owes them for all.
  const needPeriod = indicators.some((i) => i.periodValue.trim() !== '');
  indicators.forEach((ind, i) => checkIndicator(c, fw, ind, base, i, needPeriod));
}

/** Rules 2–5 (and 13 for the overall table): the categories a set of indicators must cover. */
function checkCoverage(c: Collector, fw: Framework, indicators: readonly Indicator[], at: Location): void {
  const loc: Location = { ...at, field: 'indicators' };
  const under = (l1: Level1Def) => indicators.filter((i) => findLevel1(fw, i.level1) === l1);
  const required = (l1: Level1Def) => l1.level2.filter((l2) => l2.required);
  const names = (l1: Level1Def) => required(l1).map((l) => l.name).join('、');
  // Without any 二级 the required ones cannot be checked: one warning says so for every 一级 concerned.
  const anyLevel2 = indicators.some((i) => i.level2.trim() !== '');
  const unchecked = anyLevel2 ? [] : fw.level1.filter((l1) => required(l1).length > 0 && under(l1).length > 0);
  for (const l1 of fw.level1) {
    const { rule, severity } = l1.coverage;
    const mine = under(l1);
    if (mine.length === 0) {
      // One finding for the whole 一级: listing each of its 二级 as missing would say the same thing several times.
      const n = required(l1).length;
      c.add(rule, 'level1-empty', severity, `缺少${l1.name}：${n === 0 ? '' : `${names(l1)}下${n > 1 ? '都' : ''}`}至少填报一条三级指标`, loc);
    } else if (l1 === unchecked[0]) {
      const what = unchecked.map((u) => `“${u.name}”下的${names(u)}`).join('，');
      c.add(rule, 'level2-unknown', 'warning', `指标未填二级指标，无法核对${what}是否齐全`, loc);
    } else if (!unchecked.includes(l1)) {
      for (const l2 of required(l1)) {
        if (!mine.some((i) => findLevel2(l1, i.level2) === l2)) {
          c.add(rule, 'level2-empty', severity, `缺少“${l1.name} › ${l2.name}”：该二级指标下至少填报一条三级指标`, loc);
        }
      }
    }
  }
}

/**
 * T1 grammars B and C print the 二级 between the 一级 and the name, so an indicator without one comes out as
 * `2-效益指标,,名称`. Warned only where the year's summary table is exported in such a grammar.
 */
function checkLevel2ForSummary(c: Collector, fw: Framework, style: SummaryStyle, chosen: boolean, p: Project, at: Location): void {
  if (style === 'A') return;
  p.indicators.forEach((ind, i) => {
    if (ind.level2.trim() !== '') return;
    // What the export prints for this indicator, up to its name, without the item number.
    const printed = renderIndicatorText([{ ...ind, annualValue: '', periodValue: '' }], fw, style)
      .replace(/^\d+[、.]/, '')
      .split(/[；;]?(?:实施周期指标值|年度指标值)/)[0]!;
    const l1 = findLevel1(fw, ind.level1);
    const choices = l1 ? `（${l1.level2.map((l) => l.name).join('、')}）` : '';
    c.add(
      22,
      'level2-blank-in-summary',
      'warning',
      `二级指标未填写：项目支出绩效目标表${chosen ? '' : '默认'}按格式 ${style} 导出绩效指标文字，这条指标会印成“${printed.length > 60 ? `${printed.slice(0, 60)}…` : printed}”，二级指标处是空的。请选填二级指标${choices}，或以格式 A 导出（格式 A 不印二级指标）`,
      { ...indicatorLocation(at, ind, i), field: 'level2' },
    );
  });
}

/** Rule 18: a cost indicator's amount should not exceed the project's budget. */
function checkCostAgainstBudget(c: Collector, fw: Framework, p: Project, budget: Cents, at: Location): void {
  if (budget <= 0) return;
  p.indicators.forEach((ind, i) => {
    const l1 = findLevel1(fw, ind.level1);
    const l2 = l1 ? findLevel2(l1, ind.level2) : undefined;
    if (!(l1?.isCost || l2?.isCost)) return;
    const parts = parseTarget(ind.annualValue);
    if (parts.number === null) return;
    // A range costs at most its upper bound.
    const amount = costAmountYuan(parts.upper ?? parts.number, parts.unit);
    // Cents are hundredths of 万元, i.e. 100 元 each; the epsilon absorbs binary fractions of decimal input.
    if (amount !== null && amount > budget * 100 + 1e-6) {
      c.add(
        18,
        'cost-over-budget',
        'warning',
        `成本指标“${ind.annualValue}”超过项目预算 ${money(budget)}`,
        { ...indicatorLocation(at, ind, i), field: 'annualValue' },
      );
    }
  });
}

/** Rule 17: the spending plan is cumulative, so it never falls and never passes the budget. */
function checkSpendingPlan(c: Collector, p: Project, budget: Cents, at: Location): void {
  const loc: Location = { ...at, field: 'spendingPlan' };
  let prev: { month: string; cents: Cents } | null = null;
  for (const m of PLAN_MONTHS) {
    const v = p.spendingPlan[m];
    if (v === null) continue;
    if (prev && v < prev.cents) {
      c.add(17, 'plan-decreasing', 'warning', `资金支出计划是累计数，${PLAN_MONTH_LABEL[m]}（${formatMoney(v)}）少于${prev.month}（${formatMoney(prev.cents)}）`, loc);
    }
    prev = { month: PLAN_MONTH_LABEL[m], cents: v };
  }
  if (prev && prev.cents > budget) {
    c.add(17, 'plan-over-budget', 'warning', `资金支出计划${prev.month}累计 ${money(prev.cents)}，超过预算数 ${money(budget)}`, loc);
  }
  const dec = p.spendingPlan.dec;
  if (dec !== null && dec < budget) {
    c.add(17, 'plan-short', 'warning', `资金支出计划是累计金额（万元），12月底应等于预算数 ${money(budget)}，现为 ${money(dec)}`, loc);
  }
}

// ── Rule 15: stated totals ──────────────────────────────────────────────────────────────────────────────────────
// A table prints a total for each project (总计), each unit (小计) and the department (合计). When one of them
// disagrees with what it sums, the numbers that repeat it say which side is wrong: a mistyped 总计 leaves the 小计
// above it and the cumulative 12月底 spending plan at the sum of the sources, a mistyped source leaves them at the
// 总计. The checks then use the side the table supports, so one slip gives one finding instead of a 总计, a 小计 and a
// spending-plan finding.

/** A stated total and the sum of its parts, and which of the two the rest of the table supports. */
interface Total {
  stated: Cents | null;
  derived: Cents;
  /** null: they agree (or nothing was stated); `unclear`: nothing above tells which is wrong. */
  wrong: 'stated' | 'parts' | 'unclear' | null;
  /** What told (“单位小计”), when `wrong` is `stated` or `parts`. */
  witness: string;
}

function total(stated: Cents | null, derived: Cents): Total {
  return { stated, derived, wrong: stated === null || stated === derived ? null : 'unclear', witness: '' };
}

/** The amount other checks use: the side the table supports; the printed total where nothing tells. */
function trusted(t: Total): Cents {
  return t.wrong === 'stated' || t.stated === null ? t.derived : t.stated;
}

/** Settles the unclear totals among `items` by the stated total above them, when it matches one reading only. */
function settle(items: readonly Total[], above: Cents | null, witness: string): void {
  const unclear = items.filter((t) => t.wrong === 'unclear');
  if (above === null || unclear.length === 0) return;
  const settled = items.filter((t) => t.wrong !== 'unclear').reduce((s, t) => s + trusted(t), 0);
  const byParts = settled + unclear.reduce((s, t) => s + t.derived, 0) === above;
  const byStated = settled + unclear.reduce((s, t) => s + (t.stated ?? t.derived), 0) === above;
  if (byParts === byStated) return;
  for (const t of unclear) {
    t.wrong = byParts ? 'stated' : 'parts';
    t.witness = witness;
  }
}

interface DepartmentTotals {
  projects: Total[][];
  units: Total[];
}

function departmentTotals(d: Department): DepartmentTotals {
  const projects = d.units.map((u) => {
    const list = u.projects.map((p) => {
      const t = total(p.statedTotal, projectTotal(p));
      settle([t], p.spendingPlan.dec, '12月底资金支出计划');
      return t;
    });
    settle(list, u.statedTotal, '单位小计');
    return list;
  });
  const units = d.units.map((u, i) => total(u.statedTotal, (projects[i] ?? []).reduce((s, t) => s + trusted(t), 0)));
  settle(units, d.statedTotal, '合计');
  return { projects, units };
}

function checkProjectTotal(c: Collector, t: Total, at: Location): void {
  if (t.wrong === null || t.stated === null) return;
  const sources = '财政拨款 + 财政专户拨款 + 其他资金';
  if (t.wrong === 'stated') {
    c.add(15, 'total-mismatch', 'error', `总计 ${money(t.stated)} 有误：${sources} = ${money(t.derived)}，${t.witness}也按 ${money(t.derived)} 计`, { ...at, field: 'total' });
  } else if (t.wrong === 'parts') {
    c.add(15, 'total-mismatch', 'error', `${sources} = ${money(t.derived)}，与总计 ${money(t.stated)} 不符；${t.witness}按 ${money(t.stated)} 计，应是资金来源中有金额填错`, { ...at, field: 'funds' });
  } else {
    c.add(15, 'total-mismatch', 'error', `总计 ${money(t.stated)} 不等于${sources} = ${money(t.derived)}`, { ...at, field: 'total' });
  }
}

function checkUnitTotal(c: Collector, t: Total, at: Location): void {
  if (t.wrong === null || t.stated === null) return;
  const loc: Location = { ...at, field: 'total' };
  if (t.wrong === 'stated') {
    c.add(15, 'subtotal-mismatch', 'error', `单位小计 ${money(t.stated)} 有误：所属项目总计之和为 ${money(t.derived)}，${t.witness}也按 ${money(t.derived)} 计`, loc);
  } else if (t.wrong === 'parts') {
    c.add(15, 'subtotal-mismatch', 'error', `所属项目总计之和 ${money(t.derived)} 与单位小计 ${money(t.stated)} 不符；${t.witness}按 ${money(t.stated)} 计，应是有项目金额填错或缺少项目`, loc);
  } else {
    c.add(15, 'subtotal-mismatch', 'error', `单位小计 ${money(t.stated)} 不等于所属项目总计之和 ${money(t.derived)}`, loc);
  }
}

// ── Rule 1: each department, unit and project once ──────────────────────────────────────────────────────────────
// The interchange loader appends, so loading a file twice doubles its data; 审核 must say so. A duplicate is reported
// where it occurs the second time, naming the first. A repeated department or unit is one finding (with how many of
// its projects repeat the first's), not one more for each project inside it.

/** Comparison key of a name or code: spacing and letter case do not make two entries different. */
const key = (text: string) => text.replace(/[\s\u3000]/g, '').toUpperCase();

interface Named {
  name: string;
  code: string;
}

interface Twin {
  /** The earlier entry's index in the list. */
  index: number;
  field: 'name' | 'code';
}

/** For each entry, the earlier one it repeats (same code where both have one, else same name), or null. */
function twins(list: readonly Named[]): (Twin | null)[] {
  const first = { code: new Map<string, number>(), name: new Map<string, number>() };
  return list.map((item, i) => {
    let twin: Twin | null = null;
    for (const field of ['code', 'name'] as const) {
      const k = key(item[field]);
      if (k === '') continue;
      const j = first[field].get(k);
      if (j === undefined) first[field].set(k, i);
      else twin ??= { index: j, field };
    }
    return twin;
  });
}

/** Where the same project, unit or department appears again, by index path ("0", "0/1", "0/1/2"). */
function findDuplicates(year: YearData): Map<string, Finding> {
  const found = new Map<string, Finding>();
  const add = (path: string, message: string, location: Location) =>
    found.set(path, { rule: 1, check: 'duplicate', severity: 'error', message, location });
  const firstByCode = new Map<string, { department: number; unit: number; location: Location }>();
  const departmentTwins = twins(year.departments);
  year.departments.forEach((d, di) => {
    const dLoc = departmentLocation(d, di);
    const dTwin = departmentTwins[di];
    if (dTwin) {
      const first = year.departments[dTwin.index]!;
      const projects = (x: Department) => x.units.flatMap((u) => u.projects);
      add(`${di}`, repeatedMessage('部门', '', d, dTwin, projects(d), projects(first)), { ...dLoc, field: dTwin.field });
    }
    const unitTwins = twins(d.units);
    d.units.forEach((u, ui) => {
      const uLoc: Location = { ...dLoc, unit: u.name, unitIndex: ui };
      const uTwin = unitTwins[ui];
      if (uTwin) add(`${di}/${ui}`, repeatedMessage('单位', '本部门', u, uTwin, u.projects, d.units[uTwin.index]!.projects), { ...uLoc, field: uTwin.field });
      const projectTwins = twins(u.projects);
      u.projects.forEach((p, pi) => {
        const pLoc: Location = { ...uLoc, project: p.name, projectIndex: pi };
        const code = key(p.code);
        const first = code === '' ? undefined : firstByCode.get(code);
        if (code !== '' && !first) firstByCode.set(code, { department: di, unit: ui, location: pLoc });
        const twin = projectTwins[pi];
        if (twin) {
          const what = twin.field === 'code' ? `编码相同（${p.code}）` : '同名';
          add(`${di}/${ui}/${pi}`, `与本单位第${twin.index + 1}个项目${what}：同一项目只应填报一次。如是不同项目，请改正${FIELD_LABEL[twin.field]}`, { ...pLoc, field: twin.field });
          return;
        }
        // A project of a repeated department or unit is told by that one finding.
        const inRepeat = first && (first.department === dTwin?.index || (first.department === di && first.unit === uTwin?.index));
        if (first && !inRepeat) {
          add(`${di}/${ui}/${pi}`, `项目编码“${p.code}”已用于 ${describeLocation(first.location)}：同一项目只应填报一次。如是不同项目，请改正编码`, { ...pLoc, field: 'code' });
        }
      });
    });
  });
  return found;
}

function repeatedMessage(
  kind: '部门' | '单位',
  scope: string,
  item: Named,
  twin: Twin,
  projects: readonly Project[],
  firstProjects: readonly Project[],
): string {
  const what = twin.field === 'code' ? `编码相同（${item.code}）` : '同名';
  const keys = (field: keyof Named) => new Set(firstProjects.map((p) => key(p[field])).filter((k) => k !== ''));
  const names = keys('name');
  const codes = keys('code');
  const shared = projects.filter((p) => names.has(key(p.name)) || codes.has(key(p.code))).length;
  const inside = shared === 0 ? '' : `，其 ${projects.length} 个项目中有 ${shared} 个也在第${twin.index + 1}个${kind}中`;
  return `${kind}“${item.name}”与${scope}第${twin.index + 1}个${kind}${what}：同一${kind}只应出现一次${inside}。如是同一份数据载入了两次，请撤销那次载入；否则请合并或改正${FIELD_LABEL[twin.field]}`;
}

// ── The walk over the year, in table order ──────────────────────────────────────────────────────────────────────

interface Review {
  c: Collector;
  fw: Framework;
  /** The grammar the summary table (T1) is exported in by default, and whether the data chose it. */
  style: SummaryStyle;
  styleChosen: boolean;
  duplicates: Map<string, Finding>;
  memo: ProjectFindingsMemo | undefined;
}

/**
 * A project's findings, by the very project object they were found in. A caller that hands in the same (unchanged)
 * project objects again — the editor's 审核 after an edit — gets them without checking again.
 */
export type ProjectFindingsMemo = WeakMap<Project, { key: string; findings: readonly Finding[] }>;

function report(r: Review, path: string): void {
  const f = r.duplicates.get(path);
  if (f) r.c.findings.push(f);
}

function departmentLocation(d: Department, index: number): Location {
  return { department: d.name || `第${index + 1}个部门`, departmentIndex: index };
}

function checkProject(r: Review, p: Project, t: Total, at: Location, path: string): void {
  const { c } = r;
  report(r, path);
  // A project's findings depend on it and on what `key` names: reused as they were when the caller hands in the
  // same (unchanged) project object again.
  const key = `${r.fw.id}|${r.style}|${r.styleChosen}|${t.stated}|${t.derived}|${t.wrong}|${t.witness}|${at.department}|${at.departmentIndex}|${at.unit}|${at.unitIndex}|${at.project}|${at.projectIndex}`;
  const kept = r.memo?.get(p);
  if (kept && kept.key === key) {
    for (const f of kept.findings) c.findings.push(f);
    return;
  }
  const from = c.findings.length;
  checkProjectItself(r, p, t, at);
  r.memo?.set(p, { key, findings: c.findings.slice(from) });
}

function checkProjectItself(r: Review, p: Project, t: Total, at: Location): void {
  const { c, fw } = r;
  if (p.name.trim() === '') c.add(1, 'project-name-missing', 'error', '项目名称未填写', { ...at, field: 'name' });
  if (p.goal.trim() === '') c.add(1, 'goal-missing', 'error', '未填报绩效目标', { ...at, field: 'goal' });
  if (p.goal.length > LIMITS.goal) {
    c.add(20, 'too-long', 'error', `绩效目标有 ${p.goal.length} 字，超过 ${LIMITS.goal} 字的上限`, { ...at, field: 'goal' });
  }
  const vague = VAGUE.exec(p.goal);
  if (vague && !/\d/.test(p.goal)) {
    c.add(23, 'vague-goal', 'warning', `绩效目标用“${vague[0]}”等笼统表述，没有任何可衡量的数量，建议写明要达到的具体目标`, { ...at, field: 'goal' });
  }
  const amounts = [p.funds.fiscal, p.funds.fiscalSpecial, p.funds.other, ...PLAN_MONTHS.map((m) => p.spendingPlan[m] ?? 0)];
  if (amounts.some((a) => a < 0)) {
    c.add(15, 'negative-amount', 'error', '金额不能为负数（资金来源或资金支出计划中有负数）', { ...at, field: 'funds' });
  }
  if (projectTotal(p) === 0) {
    c.add(15, 'amount-missing', 'warning', '项目金额为 0：财政拨款、财政专户拨款、其他资金都未填写', { ...at, field: 'funds' });
  }
  if (p.unparsedIndicators.trim() !== '') {
    c.add(
      1,
      'indicators-unparsed',
      'error',
      `导入时有绩效指标文字未能识别：“${p.unparsedIndicators.length > 40 ? `${p.unparsedIndicators.slice(0, 40)}…` : p.unparsedIndicators}”。请据此补录指标，然后清除这段文字`,
      { ...at, field: 'indicators' },
    );
  }
  const budget = trusted(t);
  if (p.indicators.length === 0) {
    c.add(1, 'indicators-missing', 'error', '未填报绩效指标', { ...at, field: 'indicators' });
  } else {
    checkCoverage(c, fw, p.indicators, at);
    checkIndicatorSet(c, fw, p.indicators, at);
    checkLevel2ForSummary(c, fw, r.style, r.styleChosen, p, at);
    checkCostAgainstBudget(c, fw, p, budget, at);
  }
  checkProjectTotal(c, t, at);
  checkSpendingPlan(c, p, budget, at);
}

function checkOverall(c: Collector, fw: Framework, o: Overall, at: Location): void {
  const base: Location = { ...at, overall: true };
  const b = o.budget;
  const byType = b.basic + b.project;
  const bySource = b.fiscal + b.other;
  const byLevel = b.ownLevel + b.transfer;
  const taskSum = o.tasks.reduce((s, t) => s + t.amount, 0);
  if (Object.values(b).some((v) => v < 0)) {
    c.add(16, 'negative-amount', 'error', '预算整体情况中有负数金额', { ...base, field: 'budget' });
  }
  if (byType === 0 && bySource === 0 && byLevel === 0) {
    c.add(16, 'overall-budget-missing', 'warning', '预算整体情况的金额都为 0：尚未填写', { ...base, field: 'budget' });
  }
  // The same slip as a project's 总计: a mistyped 项目支出 is what both the split by type and the task sum disagree
  // with, while the other two splits and the tasks agree among themselves. One finding names it.
  const projectSlip = o.tasks.length > 0 && byType !== bySource && bySource === byLevel && taskSum === bySource - b.basic;
  if (projectSlip) {
    c.add(
      16,
      'overall-budget-mismatch',
      'error',
      `项目支出 ${money(b.project)} 有误：按收入来源、按预算级次都是 ${money(bySource)}，减去基本支出应为 ${money(taskSum)}，与年度重点工作任务拟投入资金合计一致`,
      { ...base, field: 'budget' },
    );
  } else if (byType !== bySource || byType !== byLevel) {
    c.add(
      16,
      'overall-budget-mismatch',
      'error',
      `预算整体情况不一致：按支出类型 ${money(byType)}（基本支出＋项目支出），按收入来源 ${money(bySource)}（财政拨款＋其他资金），按预算级次 ${money(byLevel)}（本级使用＋拟转移支付）`,
      { ...base, field: 'budget' },
    );
  }
  if (o.tasks.length > 0 && !projectSlip && taskSum !== b.project) {
    c.add(14, 'tasks-sum-mismatch', 'error', `年度重点工作任务拟投入资金合计 ${money(taskSum)}，与项目支出 ${money(b.project)} 不一致`, { ...base, field: 'tasks' });
  }
  o.tasks.forEach((t, i) => {
    for (const text of [t.name, t.content, t.expected]) {
      if (text.length > LIMITS.taskText) {
        c.add(20, 'too-long', 'error', `任务文字有 ${text.length} 字，超过 ${LIMITS.taskText} 字的上限`, { ...base, taskIndex: i, field: 'tasks' });
      }
    }
  });
  if (o.goal.trim() === '') c.add(1, 'goal-missing', 'error', '未填报总体绩效目标', { ...base, field: 'goal' });
  if (o.goal.length > LIMITS.overallGoal) {
    c.add(20, 'too-long', 'error', `总体绩效目标有 ${o.goal.length} 字，超过 ${LIMITS.overallGoal} 字的上限`, { ...base, field: 'goal' });
  }
  if (o.indicators.length === 0) {
    c.add(1, 'indicators-missing', 'error', '部门整体绩效目标未填报绩效指标', { ...base, field: 'indicators' });
  } else {
    checkCoverage(c, fw, o.indicators, base);
  }
  checkIndicatorSet(c, fw, o.indicators, base);
}

function checkDepartment(r: Review, d: Department, di: number): void {
  const { c, fw } = r;
  const at = departmentLocation(d, di);
  report(r, `${di}`);
  if (d.name.trim() === '') c.add(1, 'department-name-missing', 'error', '部门名称未填写', { ...at, field: 'name' });
  const totals = departmentTotals(d);
  d.units.forEach((u, ui) => {
    const uAt: Location = { ...at, unit: u.name, unitIndex: ui };
    report(r, `${di}/${ui}`);
    u.projects.forEach((p, pi) =>
      checkProject(r, p, totals.projects[ui]![pi]!, { ...uAt, project: p.name, projectIndex: pi }, `${di}/${ui}/${pi}`),
    );
    checkUnitTotal(c, totals.units[ui]!, uAt);
  });
  if (d.overall) checkOverall(c, fw, d.overall, at);
  const sum = totals.units.reduce((s, t) => s + trusted(t), 0);
  if (d.statedTotal !== null && d.statedTotal !== sum) {
    c.add(15, 'grand-total-mismatch', 'error', `合计 ${money(d.statedTotal)} 不等于各单位小计之和 ${money(sum)}`, { ...at, field: 'total' });
  }
}

/** Runs every check over a year; findings come in table order (department, unit, project, indicator). */
export function validateYear(year: YearData, memo?: ProjectFindingsMemo): Finding[] {
  const review: Review = {
    memo,
    c: new Collector(),
    fw: FRAMEWORKS[year.framework],
    style: defaultSummaryStyle(year),
    styleChosen: year.summaryStyle !== null,
    duplicates: findDuplicates(year),
  };
  year.departments.forEach((d, i) => checkDepartment(review, d, i));
  return review.c.findings;
}

/** Whether a finding is of `severity` (any, for `all`) and has `text` in its message or its place: 审核's 查找. */
export function findingMatches(f: Finding, severity: Severity | 'all', text: string): boolean {
  return (severity === 'all' || f.severity === severity) && (text === '' || f.message.includes(text) || describeLocation(f.location).includes(text));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
  };
}
