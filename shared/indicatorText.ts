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

/** Per style: where an item starts (number + optional code + 一级), and the separator text before each later item. */
const ITEM_START: Readonly<Record<SummaryStyle, RegExp>> = {
  A: new RegExp(`(?:^|(?<=。))\\s*\\d+、(?:${L1_ALT})：`, 'g'),
  B: new RegExp(`(?:^|(?<=;,))\\s*\\d+、(?:\\d+-)?(?:${L1_ALT}),`, 'g'),
  C: new RegExp(`(?:^|(?<=。))\\s*\\d+\\.(?:\\d+-)?(?:${L1_ALT}):`, 'g'),
};

const ITEM: Readonly<Record<SummaryStyle, RegExp>> = {
  A: new RegExp(`^\\s*\\d+、(?<l1>${L1_ALT})：(?<name>.*?)[，,]年度指标值[：:](?<annual>.*?)。?$`, 's'),
  B: new RegExp(
    `^\\s*\\d+、(?:\\d+-)?(?<l1>${L1_ALT}),(?:\\d+-)?(?<l2>[^,]*?),(?<name>.*?)[；;]实施周期指标值[:：](?<period>.*?),年度指标值[:：](?<annual>.*?);?,?$`,
    's',
  ),
  C: new RegExp(
    `^\\s*\\d+\\.(?:\\d+-)?(?<l1>${L1_ALT}):(?:\\d+-)?(?<l2>[^:]*?):(?:(?<name>.*?);)?实施周期指标值[:：](?<period>.*?)年度指标值[:：](?<annual>.*?)。?$`,
    's',
  ),
};

/** An item start of any grammar; inside a value it means items of different grammars were run together. */
const ANY_ITEM_START = new RegExp(`\\d+[、.](?:\\d+-)?(?:${L1_ALT})[：:,]`);

/** Guesses the grammar of a 绩效指标 text; null when it is none of the three. */
export function detectStyle(text: string): SummaryStyle | null {
  const t = text.trimStart();
  if (new RegExp(`^\\d+\\.(?:\\d+-)?(?:${L1_ALT}):`).test(t)) return 'C';
  if (new RegExp(`^\\d+、(?:\\d+-)?(?:${L1_ALT}),`).test(t)) return 'B';
  if (new RegExp(`^\\d+、(?:${L1_ALT})：`).test(t)) return 'A';
  return null;
}

/** Splits a text into item strings at item starts. */
function splitItems(text: string, style: SummaryStyle): { item: string; offset: number }[] {
  const re = new RegExp(ITEM_START[style].source, 'g');
  const starts: number[] = [];
  for (const m of text.matchAll(re)) starts.push(m.index);
  if (starts[0] !== 0 && text.slice(0, starts[0] ?? text.length).trim() !== '') {
    throw new IndicatorTextError(
      `绩效指标文字开头“${text.slice(0, 20)}”不是“序号、一级指标”的格式`,
      0,
    );
  }
  return starts.map((s, i) => ({ item: text.slice(s, starts[i + 1] ?? text.length), offset: s }));
}

function canonicalLevel1(fw: Framework, printed: string): { text: string; def: Level1Def | undefined } {
  const def = findLevel1(fw, printed);
  return { text: def?.name ?? printed, def };
}

function canonicalLevel2(l1: Level1Def | undefined, printed: string): string {
  const def = l1 ? findLevel2(l1, printed) : undefined;
  return def?.name ?? printed;
}

/**
 * Reads a 绩效指标 text into indicators. Category names come back canonical for `fw` where it knows them
 * (`22-社会效益` → 社会效益指标); unknown ones are kept as printed so validation can point at them.
 */
export function parseIndicatorText(text: string, fw: Framework, style?: SummaryStyle): ParsedText {
  if (text.trim() === '') return { style: style ?? 'B', indicators: [] };
  const s = style ?? detectStyle(text);
  if (!s) {
    throw new IndicatorTextError(
      `无法识别绩效指标文字的格式（开头为“${text.slice(0, 20)}”）：应为“1、产出指标：…”或“1、1-产出指标,…”或“1.1-产出指标:…”`,
      0,
    );
  }
  const indicators: TextIndicator[] = [];
  for (const { item, offset } of splitItems(text, s)) {
    const m = ITEM[s].exec(item);
    if (!m?.groups) {
      throw new IndicatorTextError(
        `第 ${indicators.length + 1} 条绩效指标“${item.slice(0, 30)}…”缺少“${s === 'A' ? '年度指标值' : '实施周期指标值／年度指标值'}”`,
        offset,
      );
    }
    const g = m.groups;
    for (const part of [g.name, g.period, g.annual]) {
      const stray = part === undefined ? null : ANY_ITEM_START.exec(part);
      if (stray) {
        throw new IndicatorTextError(
          `第 ${indicators.length + 1} 条绩效指标中混有另一种格式的指标“${stray[0]}…”：同一格中的指标格式不一致，无法可靠拆分，请统一格式后再导入`,
          offset,
        );
      }
    }
    const l1 = canonicalLevel1(fw, g.l1 ?? '');
    let period = g.period ?? '';
    // Style C separates the two values with `;`, but the system leaves it out when the 实施周期 value itself ends
    // in `。`; the `。` is part of the value, the `;` is not.
    if (s === 'C' && period.endsWith(';')) period = period.slice(0, -1);
    indicators.push({
      level1: l1.text,
      level2: canonicalLevel2(l1.def, g.l2 ?? ''),
      name: g.name ?? '',
      annualValue: g.annual ?? '',
      periodValue: period,
    });
  }
  return { style: s, indicators };
}

function codeAndLabel(fw: Framework, level1: string, level2: string) {
  const l1 = findLevel1(fw, level1);
  const l2: Level2Def | undefined = l1 ? findLevel2(l1, level2) : undefined;
  const l1Text = l1?.code ? `${l1.code}-${l1.name}` : level1;
  const l2Text = l2 ? (l2.code ? `${l2.code}-${l2.label ?? l2.name}` : l2.name) : level2;
  return { l1Text, l2Text, l1Name: l1?.name ?? level1 };
}

/**
 * Writes indicators as a 绩效指标 text in the given grammar. Grammar A has no 二级 and no 实施周期 value, so those
 * are not in its text; B and C carry everything. Codes are printed only where the framework defines them.
 */
export function renderIndicatorText(items: readonly TextIndicator[], fw: Framework, style: SummaryStyle): string {
  return items
    .map((it, i) => {
      const n = i + 1;
      const { l1Text, l2Text, l1Name } = codeAndLabel(fw, it.level1, it.level2);
      switch (style) {
        case 'A':
          return `${n}、${l1Name}：${it.name}，年度指标值：${it.annualValue}。`;
        case 'B':
          return `${n}、${l1Text},${l2Text},${it.name}；实施周期指标值:${it.periodValue},年度指标值:${it.annualValue};`;
        case 'C': {
          const name = it.name === '' ? '' : `${it.name};`;
          const sep = it.periodValue.endsWith('。') ? '' : ';';
          return `${n}.${l1Text}:${l2Text}:${name}实施周期指标值:${it.periodValue}${sep}年度指标值:${it.annualValue}。`;
        }
      }
    })
    .join(style === 'B' ? ',' : '');
}

/** What grammar A loses: the caller can warn before exporting in it. */
export function lostInStyle(items: readonly TextIndicator[], style: SummaryStyle): { level2: number; period: number } {
  if (style !== 'A') return { level2: 0, period: 0 };
  return {
    level2: items.filter((i) => i.level2 !== '').length,
    period: items.filter((i) => i.periodValue !== '').length,
  };
}
