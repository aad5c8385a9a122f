// The quick way through a sound interchange file: one pass over the parsed JSON that checks it and builds the year
// at once, instead of the schema (interchange.ts) building a checked copy of the whole tree and then a second tree
// of domain objects. A finance bureau's year (50,000 indicators) is read in a fraction of the time.
//
// It only ever says yes to what the schema accepts, and then gives the same year; at the first thing it is not sure
// of it gives up (null) and the schema reads the file again, so every refusal still comes from the schema with its
// paths and Chinese messages. Being stricter than the schema costs only time; being looser would be a bug, and
// tests/unit/interchange-fast.test.ts compares the two on spoiled files.

import { MAX_CENTS, type Cents } from './money.ts';
import type { Department, Indicator, Overall, OverallTask, Project, SummaryStyle, Unit, YearData } from './model.ts';

type Obj = Record<string, unknown>;

/** Thrown inside the pass at the first doubt; never leaves this module. */
class NotSure extends Error {}

const notSure = (): never => {
  throw new NotSure();
};

function obj(v: unknown, keys: ReadonlySet<string>): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return notSure();
  for (const k in v) if (!keys.has(k)) notSure();
  return v as Obj;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : notSure();
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : notSure();
}

/** The canonical form the schema asks for: two decimals, no grouping, ASCII only. */
const CANONICAL = /^(-?)(\d+)\.(\d\d)$/;

/** Cents of a canonical amount, computed as parseMoney does (including its upper bound and `-0.00`). */
function money(v: unknown): Cents {
  const m = CANONICAL.exec(str(v));
  if (!m) return notSure();
  const cents = Number(m[2]) * 100 + Number(m[3]);
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return notSure();
  return m[1] ? -cents : cents;
}

const planMoney = (v: unknown): Cents | null => (v === '' ? null : money(v));
const statedTotal = (v: unknown): Cents | null => (v === undefined ? null : money(v));

function count(v: unknown): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : notSure();
}

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);
const INDICATOR = keys('level1', 'level2', 'name', 'description', 'annualValue', 'periodValue', 'basis', 'priorValue');
const PROJECT = keys('code', 'name', 'funds', 'total', 'purpose', 'goal', 'spendingPlan', 'indicators', 'unparsedIndicators');
const FUNDS = keys('fiscal', 'fiscalSpecial', 'other');
const PLAN = keys('mar', 'jun', 'oct', 'dec');
const UNIT = keys('name', 'code', 'total', 'projects');
const OVERALL = keys('supervisor', 'staff', 'budget', 'goal', 'tasks', 'indicators');
const STAFF = keys('active', 'retired');
const BUDGET = keys('basic', 'project', 'fiscal', 'other', 'ownLevel', 'transfer');
const TASK = keys('name', 'content', 'amount', 'expected');
const DEPARTMENT = keys('name', 'code', 'total', 'overall', 'units');
const YEAR = keys('format', 'fiscalYear', 'framework', 'summaryStyle', 'departments');

function indicator(v: unknown): Indicator {
  const i = obj(v, INDICATOR);
  return {
    level1: str(i.level1),
    level2: str(i.level2),
    name: str(i.name),
    description: str(i.description),
    annualValue: str(i.annualValue),
    periodValue: str(i.periodValue),
    basis: str(i.basis),
    priorValue: str(i.priorValue),
  };
}

function project(v: unknown): Project {
  const p = obj(v, PROJECT);
  const f = obj(p.funds, FUNDS);
  const s = obj(p.spendingPlan, PLAN);
  return {
    code: str(p.code),
    name: str(p.name),
    funds: { fiscal: money(f.fiscal), fiscalSpecial: money(f.fiscalSpecial), other: money(f.other) },
    statedTotal: statedTotal(p.total),
    purpose: str(p.purpose),
    goal: str(p.goal),
    spendingPlan: { mar: planMoney(s.mar), jun: planMoney(s.jun), oct: planMoney(s.oct), dec: planMoney(s.dec) },
    indicators: arr(p.indicators).map(indicator),
    unparsedIndicators: p.unparsedIndicators === undefined ? '' : str(p.unparsedIndicators),
  };
}

function unit(v: unknown): Unit {
  const u = obj(v, UNIT);
  return { name: str(u.name), code: str(u.code), statedTotal: statedTotal(u.total), projects: arr(u.projects).map(project) };
}

function task(v: unknown): OverallTask {
  const t = obj(v, TASK);
  return { name: str(t.name), content: str(t.content), amount: money(t.amount), expected: str(t.expected) };
}

function overall(v: unknown): Overall | null {
  if (v === null) return null;
  const o = obj(v, OVERALL);
  const staff = obj(o.staff, STAFF);
  const b = obj(o.budget, BUDGET);
  return {
    supervisor: str(o.supervisor),
    staff: { active: count(staff.active), retired: count(staff.retired) },
    budget: {
      basic: money(b.basic),
      project: money(b.project),
      fiscal: money(b.fiscal),
      other: money(b.other),
      ownLevel: money(b.ownLevel),
      transfer: money(b.transfer),
    },
    goal: str(o.goal),
    tasks: arr(o.tasks).map(task),
    indicators: arr(o.indicators).map(indicator),
  };
}

function department(v: unknown): Department {
  const d = obj(v, DEPARTMENT);
  // `overall` must be there, as null or a table: a missing key is the schema's to report.
  if (d.overall === undefined) return notSure();
  return { name: str(d.name), code: str(d.code), statedTotal: statedTotal(d.total), overall: overall(d.overall), units: arr(d.units).map(unit) };
}

function summaryStyle(v: unknown): SummaryStyle | null {
  if (v === undefined) return null;
  return v === 'A' || v === 'B' || v === 'C' ? v : notSure();
}

/**
 * The year in a parsed interchange file of the given `format` (interchange.ts's FORMAT), when it is sound; null when
 * anything is not (the caller then lets the schema say what).
 */
export function readSoundYear(raw: object, format: string): YearData | null {
  try {
    const y = obj(raw, YEAR);
    if (y.format !== format) return null;
    const fiscalYear = y.fiscalYear;
    if (typeof fiscalYear !== 'number' || !Number.isSafeInteger(fiscalYear) || fiscalYear < 1990 || fiscalYear > 2200) return null;
    const framework = y.framework;
    if (framework !== 'A' && framework !== 'B') return null;
    return { fiscalYear, framework, summaryStyle: summaryStyle(y.summaryStyle), departments: arr(y.departments).map(department) };
  } catch (e) {
    if (e instanceof NotSure) return null;
    throw e;
  }
}
