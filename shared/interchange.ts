// The interchange JSON (`format: "perf-targets/1"`, DESIGN §4): what `dump` writes and `load` reads. Other tools
// rely on it, so it is strict: unknown keys, wrong types and malformed amounts are refused with the JSON path of
// the offending value and a Chinese message, and nothing is half-read.

import { z } from 'zod';
import { parseMoney, moneyToPlain, type Cents } from './money.ts';
import { FRAMEWORKS, findLevel1, isFrameworkId } from './frameworks.ts';
import { readSoundYear } from './interchangeFast.ts';
import type {
  Department,
  Indicator,
  Overall,
  Project,
  SpendingPlan,
  Unit,
  YearData,
} from './model.ts';

export const FORMAT = 'perf-targets/1';

const CANONICAL_MONEY = /^-?\d+\.\d{2}$/;

/** Money as the JSON writes it: exactly two decimals, no grouping. Anything else is refused with the reason. */
const Money = z.string().superRefine((s, ctx) => {
  const parsed = parseMoney(s);
  if (parsed.ok && CANONICAL_MONEY.test(s)) return;
  ctx.addIssue({
    code: 'custom',
    message: parsed.ok
      ? `金额“${s}”须写成两位小数、不带千位分隔符的形式，如 "${moneyToPlain(parsed.cents)}"`
      : parsed.message.replace('，如 1,107.43', '，如 "1107.43"'),
  });
});

const PlanMoney = z.union([z.literal(''), Money]);

const IndicatorSchema = z.strictObject({
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  description: z.string(),
  annualValue: z.string(),
  periodValue: z.string(),
  basis: z.string(),
  priorValue: z.string(),
});

const ProjectSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  funds: z.strictObject({ fiscal: Money, fiscalSpecial: Money, other: Money }),
  total: Money.optional(),
  purpose: z.string(),
  goal: z.string(),
  spendingPlan: z.strictObject({ mar: PlanMoney, jun: PlanMoney, oct: PlanMoney, dec: PlanMoney }),
  indicators: z.array(IndicatorSchema),
  /** 绩效指标 text an import could not read; present only when there is some. */
  unparsedIndicators: z.string().optional(),
});

const UnitSchema = z.strictObject({
  name: z.string(),
  code: z.string(),
  total: Money.optional(),
  projects: z.array(ProjectSchema),
});

const Count = z.number().int().min(0);

const OverallSchema = z.strictObject({
  supervisor: z.string(),
  staff: z.strictObject({ active: Count, retired: Count }),
  budget: z.strictObject({
    basic: Money,
    project: Money,
    fiscal: Money,
    other: Money,
    ownLevel: Money,
    transfer: Money,
  }),
  goal: z.string(),
  tasks: z.array(z.strictObject({ name: z.string(), content: z.string(), amount: Money, expected: z.string() })),
  indicators: z.array(IndicatorSchema),
});

const DepartmentSchema = z.strictObject({
  name: z.string(),
  code: z.string(),
  total: Money.optional(),
  overall: OverallSchema.nullable(),
  units: z.array(UnitSchema),
});

const YearSchema = z.strictObject({
  format: z.literal(FORMAT),
  fiscalYear: z.number().int().min(1990).max(2200),
  framework: z.string().refine(isFrameworkId, { message: '指标体系（framework）只能是 "A" 或 "B"' }),
  summaryStyle: z.enum(['A', 'B', 'C']).optional(),
  departments: z.array(DepartmentSchema),
});

type YearJson = z.infer<typeof YearSchema>;
type ProjectJson = z.infer<typeof ProjectSchema>;
type IndicatorJson = z.infer<typeof IndicatorSchema>;

export interface InterchangeProblem {
  /** `departments[0].units[0].projects[3].funds.fiscal` */
  path: string;
  message: string;
}

export class InterchangeError extends Error {
  readonly problems: InterchangeProblem[];
  constructor(problems: InterchangeProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}：${p.message}` : p.message)).join('\n'));
    this.name = 'InterchangeError';
    this.problems = problems;
  }
}

const TYPE_NAME: Readonly<Record<string, string>> = {
  string: '文字（字符串）',
  number: '数字',
  int: '整数',
  boolean: '真假值',
  object: '对象 {…}',
  array: '数组 […]',
  null: 'null',
  undefined: '（缺少）',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Adds the names of the department/unit/project on the path, so a person can find the place. */
function pathWithNames(root: unknown, path: readonly PropertyKey[]): string {
  const base = pathText(path);
  const names: string[] = [];
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    if (typeof key === 'number' && node && typeof node === 'object' && 'name' in node) {
      const name = (node as { name: unknown }).name;
      if (typeof name === 'string' && name !== '') names.push(name);
    }
  }
  return names.length > 0 ? `${base}（${names.join(' › ')}）` : base;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const found = input === undefined ? 'undefined' : typeOf(input);
      if (found === 'undefined') return `缺少此项，应为${TYPE_NAME[issue.expected] ?? issue.expected}`;
      return `应为${TYPE_NAME[issue.expected] ?? issue.expected}，实际是${TYPE_NAME[found] ?? found}`;
    }
    case 'unrecognized_keys':
      return `有不认识的字段：${issue.keys.map((k) => `"${k}"`).join('、')}`;
    case 'invalid_value':
      return `取值应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}，实际是 ${JSON.stringify(input)}`;
    case 'too_small':
    case 'too_big':
      return `数值 ${JSON.stringify(input)} 超出允许范围`;
    case 'invalid_union':
      return `取值 ${JSON.stringify(input)} 不对：资金支出计划的月份应为 "" 或两位小数的金额，如 "180.00"`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function parseJsonText(raw: string): unknown {
  // Windows editors often save with a byte-order mark; positions below count in the text without it.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? lineColumn(text, Number(pos[1])) : null;
    const at = where ? `第 ${where.line} 行第 ${where.column} 列` : '';
    throw new InterchangeError([
      { path: '', message: `不是有效的 JSON${at ? `：${at}附近有语法错误` : ''}（${msg}）` },
    ]);
  }
}

const cents = (s: string): Cents => {
  const r = parseMoney(s);
  if (!r.ok) throw new Error(r.message); // unreachable: the schema accepted it
  return r.cents;
};

const planCents = (s: string): Cents | null => (s === '' ? null : cents(s));

function indicatorFromJson(i: IndicatorJson): Indicator {
  return { ...i };
}

function projectFromJson(p: ProjectJson): Project {
  return {
    code: p.code,
    name: p.name,
    funds: { fiscal: cents(p.funds.fiscal), fiscalSpecial: cents(p.funds.fiscalSpecial), other: cents(p.funds.other) },
    statedTotal: p.total === undefined ? null : cents(p.total),
    purpose: p.purpose,
    goal: p.goal,
    spendingPlan: {
      mar: planCents(p.spendingPlan.mar),
      jun: planCents(p.spendingPlan.jun),
      oct: planCents(p.spendingPlan.oct),
      dec: planCents(p.spendingPlan.dec),
    },
    indicators: p.indicators.map(indicatorFromJson),
    unparsedIndicators: p.unparsedIndicators ?? '',
  };
}

function yearFromJson(y: YearJson): YearData {
  return {
    fiscalYear: y.fiscalYear,
    framework: y.framework as YearData['framework'],
    summaryStyle: y.summaryStyle ?? null,
    departments: y.departments.map(
      (d): Department => ({
        name: d.name,
        code: d.code,
        statedTotal: d.total === undefined ? null : cents(d.total),
        overall:
          d.overall === null
            ? null
            : {
                supervisor: d.overall.supervisor,
                staff: { ...d.overall.staff },
                budget: {
                  basic: cents(d.overall.budget.basic),
                  project: cents(d.overall.budget.project),
                  fiscal: cents(d.overall.budget.fiscal),
                  other: cents(d.overall.budget.other),
                  ownLevel: cents(d.overall.budget.ownLevel),
                  transfer: cents(d.overall.budget.transfer),
                },
                goal: d.overall.goal,
                tasks: d.overall.tasks.map((t) => ({ ...t, amount: cents(t.amount) })),
                indicators: d.overall.indicators.map(indicatorFromJson),
              },
        units: d.units.map(
          (u): Unit => ({
            name: u.name,
            code: u.code,
            statedTotal: u.total === undefined ? null : cents(u.total),
            projects: u.projects.map(projectFromJson),
          }),
        ),
      }),
    ),
  };
}

/** At most this many problems are listed; a file with more has a systematic fault the first ones show. */
const MAX_PROBLEMS = 20;

/** Reads interchange JSON text. Throws InterchangeError listing what is wrong and where. */
export function parseInterchange(text: string): YearData {
  const raw = parseJsonText(text);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InterchangeError([{ path: '', message: '顶层应为一个对象 {…}' }]);
  }
  const format = (raw as { format?: unknown }).format;
  if (format !== FORMAT) {
    throw new InterchangeError([
      {
        path: 'format',
        message:
          format === undefined
            ? `缺少 "format"：本程序读取的格式是 "${FORMAT}"`
            : `格式 ${JSON.stringify(format)} 不受支持：本程序读取的格式是 "${FORMAT}"`,
      },
    ]);
  }
  // A sound file is read in one quick pass; the schema reads only a file that pass is not sure of, so that every
  // refusal keeps its paths and messages.
  return readSoundYear(raw, FORMAT) ?? readBySchema(raw);
}

/**
 * Reads a parsed interchange object through the schema: the authority on what is accepted, and the source of every
 * refusal (InterchangeError). `parseInterchange` comes here only when the quick pass gives up.
 */
export function readBySchema(raw: unknown): YearData {
  const result = YearSchema.safeParse(raw);
  if (!result.success) {
    throw new InterchangeError(
      result.error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
        path: pathWithNames(raw, issue.path),
        message: issueMessage(issue, valueAt(raw, issue.path)),
      })),
    );
  }
  return yearFromJson(result.data);
}

const plain = moneyToPlain;
const planPlain = (c: Cents | null) => (c === null ? '' : plain(c));

function indicatorToJson(i: Indicator): IndicatorJson {
  return {
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    description: i.description,
    annualValue: i.annualValue,
    periodValue: i.periodValue,
    basis: i.basis,
    priorValue: i.priorValue,
  };
}

function planToJson(p: SpendingPlan) {
  return { mar: planPlain(p.mar), jun: planPlain(p.jun), oct: planPlain(p.oct), dec: planPlain(p.dec) };
}

function projectToJson(p: Project): ProjectJson {
  return {
    code: p.code,
    name: p.name,
    funds: { fiscal: plain(p.funds.fiscal), fiscalSpecial: plain(p.funds.fiscalSpecial), other: plain(p.funds.other) },
    total: plain(p.statedTotal ?? p.funds.fiscal + p.funds.fiscalSpecial + p.funds.other),
    purpose: p.purpose,
    goal: p.goal,
    spendingPlan: planToJson(p.spendingPlan),
    indicators: p.indicators.map(indicatorToJson),
    ...(p.unparsedIndicators === '' ? {} : { unparsedIndicators: p.unparsedIndicators }),
  };
}

function overallToJson(o: Overall) {
  return {
    supervisor: o.supervisor,
    staff: { active: o.staff.active, retired: o.staff.retired },
    budget: {
      basic: plain(o.budget.basic),
      project: plain(o.budget.project),
      fiscal: plain(o.budget.fiscal),
      other: plain(o.budget.other),
      ownLevel: plain(o.budget.ownLevel),
      transfer: plain(o.budget.transfer),
    },
    goal: o.goal,
    tasks: o.tasks.map((t) => ({ name: t.name, content: t.content, amount: plain(t.amount), expected: t.expected })),
    indicators: o.indicators.map(indicatorToJson),
  };
}

/** The JSON object of a year, keys in the documented order; optional keys only where they hold something. */
export function toInterchange(y: YearData): YearJson {
  return {
    format: FORMAT,
    fiscalYear: y.fiscalYear,
    framework: y.framework,
    ...(y.summaryStyle ? { summaryStyle: y.summaryStyle } : {}),
    departments: y.departments.map((d) => ({
      name: d.name,
      code: d.code,
      ...(d.statedTotal === null ? {} : { total: plain(d.statedTotal) }),
      overall: d.overall ? overallToJson(d.overall) : null,
      units: d.units.map((u) => ({
        name: u.name,
        code: u.code,
        ...(u.statedTotal === null ? {} : { total: plain(u.statedTotal) }),
        projects: u.projects.map(projectToJson),
      })),
    })),
  };
}

export function serializeInterchange(y: YearData): string {
  return `${JSON.stringify(toInterchange(y), null, 2)}\n`;
}

/**
 * 一级 names the year's framework does not know (after aliases). Data with them is refused on load: the 一级 decides
 * where an indicator sits in every table, so a typo there cannot be carried silently.
 */
export function unknownLevel1Problems(y: YearData): InterchangeProblem[] {
  const fw = FRAMEWORKS[y.framework];
  const allowed = fw.level1.map((l) => l.name).join('、');
  const problems: InterchangeProblem[] = [];
  // A year repeats a handful of 一级 spellings tens of thousands of times: each is looked up once.
  const known = new Map<string, boolean>();
  const isKnown = (level1: string) => {
    let k = known.get(level1);
    if (k === undefined) known.set(level1, (k = findLevel1(fw, level1) !== undefined));
    return k;
  };
  const scan = (indicators: readonly Indicator[], base: string, owner: string) => {
    indicators.forEach((ind, i) => {
      if (!isKnown(ind.level1)) {
        problems.push({
          path: `${base}.indicators[${i}].level1（${owner}）`,
          message: `一级指标“${ind.level1}”不属于指标体系 ${fw.id}（应为${allowed}之一）`,
        });
      }
    });
  };
  y.departments.forEach((d, di) => {
    if (d.overall) scan(d.overall.indicators, `departments[${di}].overall`, `${d.name} 部门整体`);
    d.units.forEach((u, ui) =>
      u.projects.forEach((p, pi) => scan(p.indicators, `departments[${di}].units[${ui}].projects[${pi}]`, p.name)),
    );
  });
  return problems.slice(0, MAX_PROBLEMS);
}
