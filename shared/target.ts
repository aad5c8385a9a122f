// An indicator's target value is kept exactly as the officer wrote it ("5次以下", "满意度≥90%", "≥20名"); this
// module derives its parts where the text allows it: 计算符号 (≥ ＞ ＝ ＜ ≤, or 定性), the number, and the 计量单位.
// The text stays the truth; the parts feed the checks (units present, numbers numeric, cost within budget).

/** 区间: a range such as "90%-95%" or "3-5个工作日"; its bounds are `number` and `upper`. */
export type TargetOp = '≥' | '＞' | '＝' | '＜' | '≤' | '区间' | '定性';

export interface TargetParts {
  op: TargetOp;
  /**
   * Decimal text of the number ("90", "4.2", "3000" for "3,000"), or null for a qualitative value; the lower bound of
   * a range.
   */
  number: string | null;
  /** The upper bound of a range (op 区间), as decimal text; absent otherwise. */
  upper?: string;
  /** 计量单位 as written ("%", "万元", "个工作日"), "" when none. */
  unit: string;
  /** Words before the comparison, e.g. "满意度" in "满意度≥90%". */
  subject: string;
}

const SYMBOL_OP: Readonly<Record<string, TargetOp>> = {
  '>=': '≥',
  '≥': '≥',
  '≧': '≥',
  '<=': '≤',
  '≤': '≤',
  '≦': '≤',
  '>': '＞',
  '<': '＜',
  '=': '＝',
};

/** Chinese comparatives before the number (domain.md §3.5). Longest first. */
const WORD_OP: ReadonlyArray<[string, TargetOp]> = [
  ['大于等于', '≥'],
  ['小于等于', '≤'],
  ['不少于', '≥'],
  ['不低于', '≥'],
  ['不小于', '≥'],
  ['不超过', '≤'],
  ['不高于', '≤'],
  ['不大于', '≤'],
  ['不多于', '≤'],
  ['达到', '≥'],
  ['大于', '＞'],
  ['高于', '＞'],
  ['多于', '＞'],
  ['超过', '＞'],
  ['小于', '＜'],
  ['低于', '＜'],
  ['少于', '＜'],
  ['达', '≥'],
];

/** Comparatives after the number and unit: "90%以上", "2人（含）以下". */
const SUFFIX_OP: ReadonlyArray<[string, TargetOp]> = [
  ['及以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A number may group thousands with commas ("3,000", "7,300,000", "1,107.43"), in groups of exactly three digits, so
// "3,5个" stays words rather than becoming 35.
const NUMBER = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const UNIT = '[^\\d\\s.,，。;；:：、()（）≥≤<>=]{0,6}?';

// subject · word comparative · symbol · number (or range low–high) · unit · (含) · suffix comparative. The subject
// and unit are kept short on purpose: a long sentence with a number inside it ("100%不发生极端事件") is qualitative,
// not a target. A range gives its unit once or on both bounds ("90-95%", "90%-95%"); a date ("2023-12-31") is no
// range, because what follows its second number is not a unit.
const TARGET = new RegExp(
  '^(?<subject>[^\\d≥≤≧≦<>=]{0,16}?)' +
    `(?<word>${WORD_OP.map(([w]) => escape(w)).join('|')})?` +
    '(?<symbol>>=|<=|[≥≤≧≦<>=])?' +
    `(?<number>${NUMBER})` +
    `(?:(?<lowUnit>${UNIT})[-~–—至到](?<upper>${NUMBER}))?` +
    `(?<unit>${UNIT})` +
    '(?<incl>[(（]含[)）])?' +
    `(?<suffix>${SUFFIX_OP.map(([w]) => escape(w)).join('|')})?$`,
);

/**
 * Full-width digits, letters, %, comparison signs and spaces to their ASCII forms, for matching only. The full-width
 * comma is kept: in Chinese it separates clauses ("100，200个" lists two numbers), it never groups digits.
 */
function normalizeForMatch(text: string): string {
  const nfkc = (part: string) => part.normalize('NFKC');
  return (text.includes('，') ? text.split('，').map(nfkc).join('，') : nfkc(text)).replace(/[\s\u00a0]+/g, '');
}

const decimal = (n: string) => n.replace(/,/g, '');

const parsedTargets = new Map<string, Readonly<TargetParts>>();

/**
 * The parts of a 指标值. The same few values (≥90%, 100%, ≤1个工作日…) recur across a year's 50,000 indicators and are
 * asked for several times each (审核, export, edits): their parts are kept, and shared, so they are read-only.
 */
export function parseTarget(text: string): Readonly<TargetParts> {
  let parts = parsedTargets.get(text);
  if (parts === undefined) {
    parts = Object.freeze(parseTargetText(text));
    if (parsedTargets.size >= 20_000) parsedTargets.clear();
    parsedTargets.set(text, parts);
  }
  return parts;
}

function parseTargetText(text: string): TargetParts {
  const norm = normalizeForMatch(text);
  const m = TARGET.exec(norm);
  if (!m?.groups) return { op: '定性', number: null, unit: '', subject: norm };
  const g = m.groups;
  if (g.upper !== undefined) {
    // A range names its unit: without one, "2023-2024" is more likely a span of years than a target.
    const unit = g.unit ?? '';
    if (unit === '' || (g.lowUnit !== '' && g.lowUnit !== unit)) return { op: '定性', number: null, unit: '', subject: norm };
    return { op: '区间', number: decimal(g.number ?? ''), upper: decimal(g.upper), unit, subject: g.subject ?? '' };
  }
  let op: TargetOp = '＝';
  const suffix = SUFFIX_OP.find(([w]) => w === g.suffix);
  const word = WORD_OP.find(([w]) => w === g.word);
  if (suffix) op = suffix[1];
  if (word) op = word[1];
  if (g.symbol) op = SYMBOL_OP[g.symbol] ?? op;
  return { op, number: g.number === undefined ? null : decimal(g.number), unit: g.unit ?? '', subject: g.subject ?? '' };
}

/** True when the text uses a comparison sign, so it claims to be quantitative. */
export function hasComparisonSign(text: string): boolean {
  return /[≥≤≧≦<>=＞＜＝]/.test(text);
}

/** Renders parts the way the finance system prints them: sign + number + unit; ＝ prints no sign. */
export function renderTarget(parts: Pick<TargetParts, 'op' | 'number' | 'unit' | 'upper'>): string {
  if (parts.op === '定性' || parts.number === null) return parts.unit;
  if (parts.op === '区间') return `${parts.number}-${parts.upper ?? ''}${parts.unit}`;
  return `${parts.op === '＝' ? '' : parts.op}${parts.number}${parts.unit}`;
}

/**
 * Whether this year's target asks less than last year's, for an indicator where more is better (≥ / ＞ targets, or a
 * percentage to reach): `≥95%` after `≥98%`. Only like with like is compared — both quantitative, the same unit —
 * and never a cost indicator (less is better there). Returns last year's number when the target fell, else null.
 */
export function fellBelowPrior(annual: string, prior: string, isCost: boolean): string | null {
  if (isCost || annual.trim() === '' || prior.trim() === '') return null;
  const now = parseTarget(annual);
  const before = parseTarget(prior);
  if (now.number === null || before.number === null || now.unit !== before.unit) return null;
  const higherIsBetter = (t: TargetParts) => t.op === '≥' || t.op === '＞' || (t.op === '＝' && t.unit === '%');
  if (!higherIsBetter(now) || !higherIsBetter(before)) return null;
  return Number(now.number) < Number(before.number) ? before.number : null;
}
