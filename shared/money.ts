// Money is 万元 with two decimals, held as integer hundredths ("cents" of 万元) so sums are exact.
// Officers type amounts in many shapes (full-width digits from Chinese IMEs, thousands separators copied from
// Excel, stray spaces); parseMoney accepts those and rejects anything that would need guessing.

/** Integer hundredths of 万元. 1107.43 万元 is 110743. */
export type Cents = number;

export type MoneyParse = { ok: true; cents: Cents } | { ok: false; message: string };

/** The largest amount accepted: 999,999,999,999.99 万元, far above any budget, well inside exact integers. */
export const MAX_CENTS = 99_999_999_999_999;

const FULLWIDTH_DIGIT = /[０-９]/g;
/** Spaces an officer may leave around a number: ASCII, no-break, ideographic. */
const EDGE_SPACE = /^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g;
const PLAIN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;
const GROUPED = /^(-)?(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

function toHalfWidth(text: string): string {
  return text
    .replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/[，,]/g, ',')
    .replace(/－/g, '-');
}

/**
 * Reads an amount in 万元. `""` (or only spaces) is zero. Accepts `1,107.43`, ` 89.00 `, `８９．５`, `-3`.
 * Rejects more than two decimals, units or words, and malformed thousands grouping, with a message that quotes
 * the input.
 */
export function parseMoney(text: string): MoneyParse {
  const trimmed = toHalfWidth(text).replace(EDGE_SPACE, '');
  if (trimmed === '') return { ok: true, cents: 0 };
  const m = PLAIN.exec(trimmed) ?? GROUPED.exec(trimmed);
  if (!m) return { ok: false, message: explainBadMoney(text, trimmed) };
  const [, minus, intPart = '0', frac = ''] = m;
  const cents = Number(intPart.replace(/,/g, '')) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) {
    return { ok: false, message: `金额“${text}”大得不合常理（上限 999,999,999,999.99 万元），请检查是否多输了数字或单位有误` };
  }
  return { ok: true, cents: minus ? -cents : cents };
}

function explainBadMoney(original: string, normalized: string): string {
  if (/^-?[\d,]*\.\d{3,}$/.test(normalized)) {
    return `金额“${original}”有超过两位的小数：金额以万元为单位，最多保留两位小数`;
  }
  if (/^-?\d[\d,]*(\.\d+)?\s*(万元|万|元)$/.test(normalized)) {
    return `金额“${original}”带有单位：请只填数字，单位固定为万元`;
  }
  if (/^-?[\d,]+(\.\d+)?$/.test(normalized)) {
    return `金额“${original}”的千位分隔符位置不对（应如 1,107.43）`;
  }
  return `金额“${original}”不是数字：请填写以万元为单位、最多两位小数的数字，如 1,107.43`;
}

/** Like parseMoney, but throws the message; for callers that collect errors themselves. */
export function moneyOrThrow(text: string): Cents {
  const r = parseMoney(text);
  if (!r.ok) throw new Error(r.message);
  return r.cents;
}

function splitCents(cents: Cents): { sign: string; int: string; frac: string } {
  const abs = Math.abs(cents);
  return {
    sign: cents < 0 ? '-' : '',
    int: String(Math.trunc(abs / 100)),
    frac: String(abs % 100).padStart(2, '0'),
  };
}

/** `1,107.43` — how tables print money. */
export function formatMoney(cents: Cents): string {
  const { sign, int, frac } = splitCents(cents);
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** `1107.43` — the interchange JSON form: two decimals, no grouping. */
export function moneyToPlain(cents: Cents): string {
  const { sign, int, frac } = splitCents(cents);
  return `${sign}${int}.${frac}`;
}

/** Cents as a JavaScript number of 万元, for writing numeric spreadsheet cells. */
export function centsToNumber(cents: Cents): number {
  return cents / 100;
}

export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
