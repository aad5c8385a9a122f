// The 绩效指标 column of table T1 is one text cell per project that lists all of its indicators. Guangzhou's finance
// system prints it in three grammars (research/domain.md §4.2):
//
//   A (seed 000)  1、效益指标：投诉次数，年度指标值：5次以下。2、…
//   B (seed 001)  1、1-产出指标,11-数量指标,信访形势；实施周期指标值:…,年度指标值:…;,2、…;
//   C (seed 003)  1.1-产出指标:11-数量指标:工作天数;实施周期指标值:…;年度指标值:…。2.…
//
// Items are found by their start pattern (number, optional code, a known 一级 name), never by punctuation alone:
// values contain `，` `、` `。` `;` freely. Values are kept byte-exact, leading spaces included.

import {
  allLevel1Spellings,
  findLevel1,
  findLevel2,
  type Framework,
  type Level1Def,
  type Level2Def,
} from './frameworks.ts';
import type { SummaryStyle } from './model.ts';

/** The part of an indicator the T1 text carries. */
export interface TextIndicator {
  level1: string;
  level2: string;
  name: string;
  annualValue: string;
  periodValue: string;
}

export interface ParsedText {
  style: SummaryStyle;
  indicators: TextIndicator[];
}

export class IndicatorTextError extends Error {
  /** Offset in the text where reading stopped. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'IndicatorTextError';
    this.offset = offset;
  }
}

const L1_ALT = allLevel1Spellings()
  .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

/**
 * Per style: where an item starts (number + optional code + 一级), and the separator text before each later item.
 * Grammar A is also typed by hand: items separated by `；` instead of `。`, half-width `:` and `,`.
 */
const ITEM_START: Readonly<Record<SummaryStyle, RegExp>> = {
  A: new RegExp(`(?:^|(?<=[。；;]))\\s*\\d+、(?:${L1_ALT})[：:]`, 'g'),
  B: new RegExp(`(?:^|(?<=;,))\\s*\\d+、(?:\\d+-)?(?:${L1_ALT}),`, 'g'),
  C: new RegExp(`(?:^|(?<=。))\\s*\\d+\\.(?:\\d+-)?(?:${L1_ALT}):`, 'g'),
};

// B and C print `实施周期指标值:…` only when there is a 实施周期 value.
const ITEM: Readonly<Record<SummaryStyle, RegExp>> = {
  A: new RegExp(`^\\s*\\d+、(?<l1>${L1_ALT})[：:](?<name>.*?)[，,]年度指标值[：:](?<annual>.*?)[。；;]?$`, 's'),
  B: new RegExp(
    `^\\s*\\d+、(?:\\d+-)?(?<l1>${L1_ALT}),(?:\\d+-)?(?<l2>[^,]*?),(?<name>.*?)(?:[；;]实施周期指标值[:：](?<period>.*?),|[；;])年度指标值[:：](?<annual>.*?);?,?$`,
    's',
  ),
  C: new RegExp(
    `^\\s*\\d+\\.(?:\\d+-)?(?<l1>${L1_ALT}):(?:\\d+-)?(?<l2>[^:]*?):(?:(?!实施周期指标值[:：])(?<name>.*?);)?(?:实施周期指标值[:：](?<period>.*?))?年度指标值[:：](?<annual>.*?)。?$`,
    's',
  ),
};

/** An item start of any grammar; inside a value it means items were run together. */
const ANY_ITEM_START = new RegExp(`\\d+[、.](?:\\d+-)?(?:${L1_ALT})[：:,]`);

/** Where each grammar's first item starts, at the very start of a text. */
const STYLE_START: readonly [SummaryStyle, RegExp][] = [
  ['C', new RegExp(`^\\d+\\.(?:\\d+-)?(?:${L1_ALT}):`)],
  ['B', new RegExp(`^\\d+、(?:\\d+-)?(?:${L1_ALT}),`)],
  ['A', new RegExp(`^\\d+、(?:${L1_ALT})[：:]`)],
];

/** Guesses the grammar of a 绩效指标 text; null when it is none of the three. */
export function detectStyle(text: string): SummaryStyle | null {
  const t = text.trimStart();
  return STYLE_START.find(([, re]) => re.test(t))?.[0] ?? null;
}

/** A piece of a 绩效指标 text that could not be read as indicators, verbatim, with why and where. */
export interface UnparsedItem {
  text: string;
  /** Offset of the piece in the whole text. */
  offset: number;
  message: string;
}

/**
 * Splits a text into item strings at item starts; text before the first item start comes first, as `lead`. `first`
 * is where the first item starts when the text does not start with one (after stray text, not after a separator).
 */
function splitItems(text: string, style: SummaryStyle, first: number): { lead: string; items: { item: string; offset: number }[] } {
  const re = new RegExp(ITEM_START[style].source, 'g');
  const starts: number[] = [first];
  for (const m of text.matchAll(re)) if (m.index > first) starts.push(m.index);
  return {
    lead: text.slice(0, first),
    items: starts.map((s, i) => ({ item: text.slice(s, starts[i + 1] ?? text.length), offset: s })).filter((x) => x.item !== ''),
  };
}

function canonicalLevel1(fw: Framework, printed: string): { text: string; def: Level1Def | undefined } {
  const def = findLevel1(fw, printed);
  return { text: def?.name ?? printed, def };
}

function canonicalLevel2(l1: Level1Def | undefined, printed: string): string {
  const def = l1 ? findLevel2(l1, printed) : undefined;
  return def?.name ?? printed;
}

/** Why an item of grammar `style` did not match its pattern. */
function itemProblem(item: string, n: number, style: SummaryStyle): string {
  const own = item.length - item.trimStart().length;
  const stray = [...item.matchAll(new RegExp(ANY_ITEM_START.source, 'g'))].find((m) => m.index !== own);
  if (stray) {
    const strayStyle = detectStyle(stray[0]);
    return strayStyle === style
      ? `第 ${n} 条绩效指标“${item.slice(0, 30)}…”中含有下一条的开头“${stray[0]}”，但两条之间没有分隔符“${style === 'B' ? ';,' : '。'}”，无法可靠拆分`
      : `第 ${n} 条绩效指标中混有另一种格式的指标“${stray[0]}…”：同一格中的指标格式不一致，无法可靠拆分，请统一格式后再导入`;
  }
  return `第 ${n} 条绩效指标“${item.slice(0, 30)}…”缺少“年度指标值”`;
}

/** The grammar of a text and where its first item starts: at the start, else at its first item start anywhere. */
function styleOf(text: string, style?: SummaryStyle): { style: SummaryStyle; first: number } | null {
  const atStart = detectStyle(text);
  if (atStart) return { style: style ?? atStart, first: 0 };
  const found = ANY_ITEM_START.exec(text);
  const s = style ?? (found ? detectStyle(text.slice(found.index)) : null);
  return s ? { style: s, first: found?.index ?? text.length } : null;
}

/**
 * Reads a 绩效指标 text into indicators, item by item: an item that does not parse is given back verbatim in
 * `unparsed` (with why), and the others are still read. Category names come back canonical for `fw` where it knows
 * them (`22-社会效益` → 社会效益指标); unknown ones are kept as printed so validation can point at them.
 */
export function readIndicatorText(
  text: string,
  fw: Framework,
  style?: SummaryStyle,
): ParsedText & { unparsed: UnparsedItem[] } {
  if (text.trim() === '') return { style: style ?? 'B', indicators: [], unparsed: [] };
  const found = styleOf(text, style);
  if (!found) {
    const message = `无法识别绩效指标文字的格式（开头为“${text.slice(0, 20)}”）：应为“1、产出指标：…”或“1、1-产出指标,…”或“1.1-产出指标:…”`;
    return { style: 'B', indicators: [], unparsed: [{ text, offset: 0, message }] };
  }
  const indicators: TextIndicator[] = [];
  const unparsed: UnparsedItem[] = [];
  const s = found.style;
  const { lead, items } = splitItems(text, s, found.first);
  if (lead.trim() !== '') {
    unparsed.push({ text: lead, offset: 0, message: `绩效指标文字开头“${lead.slice(0, 20)}”不是“序号、一级指标”的格式` });
  }
  items.forEach(({ item, offset }, i) => {
    const g = ITEM[s].exec(item)?.groups;
    const stray = g && [g.name, g.period, g.annual].some((part) => part !== undefined && ANY_ITEM_START.test(part));
    if (!g || stray) {
      unparsed.push({ text: item, offset, message: itemProblem(item, i + 1, s) });
      return;
    }
    const l1 = canonicalLevel1(fw, g.l1 ?? '');
    let period = g.period ?? '';
    // Style C separates the two values with `;`, and some cells with `。` or `；`: punctuation between the
    // values, not part of the 实施周期 value (which is why the annual value never ends with it either).
    if (s === 'C') period = period.replace(/[;；。]$/, '');
    indicators.push({
      level1: l1.text,
      level2: canonicalLevel2(l1.def, g.l2 ?? ''),
      name: g.name ?? '',
      annualValue: g.annual ?? '',
      periodValue: period,
    });
  });
  return { style: s, indicators, unparsed };
}

/** Reads a 绩效指标 text that must parse whole; throws IndicatorTextError at the first piece that does not. */
export function parseIndicatorText(text: string, fw: Framework, style?: SummaryStyle): ParsedText {
  const r = readIndicatorText(text, fw, style);
  const bad = r.unparsed[0];
  if (bad) throw new IndicatorTextError(bad.message, bad.offset);
  return { style: r.style, indicators: r.indicators };
}

/** What an item of each grammar prints between its number and its 三级 name, for one (一级, 二级) pair. */
interface ItemHeads {
  A: string;
  B: string;
  C: string;
}

/**
 * Item heads by framework, 一级 and 二级: a year repeats a few dozen pairs over 50,000 indicators, and the summary
 * writes every project's text on every open.
 */
const headsCache = new WeakMap<Framework, Map<string, Map<string, ItemHeads>>>();
/** Names typed by hand can be many: past this many 一级 spellings the cache starts again. */
const MAX_CACHED_LEVEL1 = 1_000;
const MAX_CACHED_LEVEL2 = 1_000;

function itemHeads(fw: Framework, level1: string, level2: string): ItemHeads {
  let byLevel1 = headsCache.get(fw);
  if (!byLevel1) headsCache.set(fw, (byLevel1 = new Map()));
  let byLevel2 = byLevel1.get(level1);
  if (!byLevel2) {
    if (byLevel1.size >= MAX_CACHED_LEVEL1) byLevel1.clear();
    byLevel1.set(level1, (byLevel2 = new Map()));
  }
  let heads = byLevel2.get(level2);
  if (!heads) {
    if (byLevel2.size >= MAX_CACHED_LEVEL2) byLevel2.clear();
    byLevel2.set(level2, (heads = headsOf(fw, level1, level2)));
  }
  return heads;
}

function headsOf(fw: Framework, level1: string, level2: string): ItemHeads {
  const l1 = findLevel1(fw, level1);
  const l2: Level2Def | undefined = l1 ? findLevel2(l1, level2) : undefined;
  const l1Text = l1?.code ? `${l1.code}-${l1.name}` : level1;
  const l2Text = l2 ? (l2.code ? `${l2.code}-${l2.label ?? l2.name}` : l2.name) : level2;
  return { A: `、${l1?.name ?? level1}：`, B: `、${l1Text},${l2Text},`, C: `.${l1Text}:${l2Text}:` };
}

/**
 * Writes indicators as a 绩效指标 text in the given grammar. Grammar A has no 二级 and no 实施周期 value, so those
 * are not in its text; B and C carry everything (an empty 实施周期 value is left out with its label). Codes are printed only where the framework defines them.
 */
export function renderIndicatorText(items: readonly TextIndicator[], fw: Framework, style: SummaryStyle): string {
  // One string grown item by item: the summary writes this for every project on every open.
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as TextIndicator;
    const head = itemHeads(fw, it.level1, it.level2)[style];
    const n = i + 1;
    if (style === 'A') {
      text += n + head + it.name + '，年度指标值：' + it.annualValue + '。';
    } else if (style === 'B') {
      const period = it.periodValue === '' ? '' : '实施周期指标值:' + it.periodValue + ',';
      text += (i > 0 ? ',' : '') + n + head + it.name + '；' + period + '年度指标值:' + it.annualValue + ';';
    } else {
      const name = it.name === '' ? '' : it.name + ';';
      const period = it.periodValue === '' ? '' : '实施周期指标值:' + it.periodValue + ';';
      text += n + head + name + period + '年度指标值:' + it.annualValue + '。';
    }
  }
  return text;
}

/** What grammar A loses: the caller can warn before exporting in it. */
export function lostInStyle(items: readonly TextIndicator[], style: SummaryStyle): { level2: number; period: number } {
  if (style !== 'A') return { level2: 0, period: 0 };
  return {
    level2: items.filter((i) => i.level2 !== '').length,
    period: items.filter((i) => i.periodValue !== '').length,
  };
}
