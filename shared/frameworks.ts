// The two indicator frameworks in use, as data (research/domain.md §2). Code paths never branch on a framework id;
// they read these tables: which 一级 exist, which 二级 belong to each, the Guangdong codes and short labels the
// finance system prints in its 绩效指标 text, and which categories a project must cover.

export type FrameworkId = 'A' | 'B';

export interface Level2Def {
  /** Canonical name, as stored and as printed in the per-project table (T2). */
  readonly name: string;
  /** Guangdong numeric code (framework A only). */
  readonly code?: string;
  /** Short label printed after the code in Guangzhou's 绩效指标 text: `22-社会效益`. */
  readonly label?: string;
  /** Other spellings met in real files. */
  readonly aliases: readonly string[];
  /** Cost indicators: rule 18 compares their amounts with the project budget. */
  readonly isCost?: boolean;
  /** A project (and a department overall table) needs ≥1 三级 under this 二级 (rules 2, 5 and 13). */
  readonly required?: boolean;
}

/** How 审核 enforces a 一级's coverage: the rule of domain.md §5 and how serious a gap is. */
export interface CoverageRule {
  readonly rule: number;
  readonly severity: 'error' | 'warning';
}

export interface Level1Def {
  readonly name: string;
  readonly code?: string;
  readonly aliases: readonly string[];
  readonly level2: readonly Level2Def[];
  /**
   * A project (and a department overall table) needs ≥1 三级 under this 一级, and under each of its 二级 marked
   * `required`. Rules 2–4 are coded in the finance system (errors); rule 5, framework B's 101号 guidance, warns.
   */
  readonly coverage: CoverageRule;
  /** The category that holds cost indicators (rule 18 compares their amounts with the budget). */
  readonly isCost?: boolean;
  readonly isSatisfaction?: boolean;
}

export interface Framework {
  readonly id: FrameworkId;
  readonly title: string;
  readonly level1: readonly Level1Def[];
}

const ERROR = (rule: number): CoverageRule => ({ rule, severity: 'error' });
const WARNING = (rule: number): CoverageRule => ({ rule, severity: 'warning' });

/** A 二级 every project must cover. */
const needed = (l2: Level2Def): Level2Def => ({ ...l2, required: true });

const L2 = (name: string, code?: string, label?: string, aliases: string[] = []): Level2Def => ({
  name,
  ...(code === undefined ? {} : { code }),
  ...(label === undefined ? {} : { label }),
  aliases,
});

export const FRAMEWORK_A: Framework = {
  id: 'A',
  title: '项目指标体系（成本指标在产出指标下；广东编码 1/11–14、2/21–24、3/31）',
  level1: [
    {
      name: '产出指标',
      code: '1',
      aliases: [],
      coverage: ERROR(2),
      level2: [
        needed(L2('数量指标', '11', '数量指标')),
        needed(L2('质量指标', '12', '质量指标')),
        needed(L2('时效指标', '13', '时效指标')),
        needed({ ...L2('成本指标', '14', '成本指标'), isCost: true }),
      ],
    },
    {
      name: '效益指标',
      code: '2',
      aliases: ['效果指标'],
      coverage: ERROR(3),
      level2: [
        L2('经济效益指标', '21', '经济效益'),
        L2('社会效益指标', '22', '社会效益'),
        L2('生态效益指标', '23', '生态效益'),
        L2('可持续影响指标', '24', '可持续影响', ['可持续发展影响指标']),
      ],
    },
    {
      name: '满意度指标',
      code: '3',
      aliases: [],
      coverage: ERROR(4),
      isSatisfaction: true,
      level2: [L2('服务对象满意度指标', '31', '服务对象满意度', ['满意度指标', '满意度'])],
    },
  ],
};

export const FRAMEWORK_B: Framework = {
  id: 'B',
  title: '财预〔2021〕101号（成本指标为一级指标）',
  level1: [
    {
      name: '成本指标',
      aliases: [],
      // Rule 5: ≥1 成本 三级, 经济成本 at least; 社会 and 生态环境 costs only where a project has them.
      coverage: WARNING(5),
      isCost: true,
      level2: [needed(L2('经济成本指标')), L2('社会成本指标'), L2('生态环境成本指标', undefined, undefined, ['生态成本指标'])],
    },
    {
      name: '产出指标',
      aliases: [],
      coverage: WARNING(5),
      level2: [needed(L2('数量指标')), needed(L2('质量指标')), needed(L2('时效指标'))],
    },
    {
      name: '效益指标',
      aliases: ['效果指标'],
      coverage: ERROR(3),
      // 可持续影响指标 is kept: local tables still use it and 101号's own list could not be confirmed (domain.md §2.2).
      level2: [
        L2('经济效益指标'),
        L2('社会效益指标'),
        L2('生态效益指标'),
        L2('可持续影响指标', undefined, undefined, ['可持续发展影响指标']),
      ],
    },
    {
      name: '满意度指标',
      aliases: [],
      coverage: ERROR(4),
      isSatisfaction: true,
      level2: [L2('服务对象满意度指标', undefined, undefined, ['满意度指标', '满意度'])],
    },
  ],
};

export const FRAMEWORKS: Readonly<Record<FrameworkId, Framework>> = { A: FRAMEWORK_A, B: FRAMEWORK_B };

export function isFrameworkId(x: unknown): x is FrameworkId {
  return x === 'A' || x === 'B';
}

const categoryKeys = new Map<string, string>();

/**
 * The comparison key of a category name: spaces and a leading code (`22-`) removed, and the word 指标 dropped,
 * as the finance system's own importer does, so 社会效益 ≡ 社会效益指标 and 服务对象满意度 ≡ 服务对象满意度指标.
 */
export function categoryKey(text: string): string {
  let key = categoryKeys.get(text);
  if (key === undefined) {
    key = text
      .replace(/[\s\u3000]/g, '')
      .replace(/^\d+[-－—]/, '')
      .replace(/指标/g, '');
    // Category names are few, and asked for many times per indicator (审核, export, the summary): keep their keys.
    if (categoryKeys.size >= 10_000) categoryKeys.clear();
    categoryKeys.set(text, key);
  }
  return key;
}

function matches(def: { name: string; aliases: readonly string[] }, key: string): boolean {
  return categoryKey(def.name) === key || def.aliases.some((a) => categoryKey(a) === key);
}

/** What each spelling met so far stands for, per framework or 一级 (asked several times for each of 50,000 indicators). */
const resolved = new WeakMap<object, Map<string, unknown>>();

function resolve<T>(within: object, text: string, find: (key: string) => T | undefined): T | undefined {
  let known = resolved.get(within);
  if (!known) resolved.set(within, (known = new Map()));
  if (known.has(text)) return known.get(text) as T | undefined;
  const key = categoryKey(text);
  const found = key === '' ? undefined : find(key);
  if (known.size >= 10_000) known.clear();
  known.set(text, found);
  return found;
}

/** The 一级 a (possibly abbreviated) name stands for, or undefined. */
export function findLevel1(fw: Framework, text: string): Level1Def | undefined {
  return resolve(fw, text, (key) => fw.level1.find((l1) => matches(l1, key)));
}

/** The 二级 under `level1` that `text` stands for, or undefined. */
export function findLevel2(level1: Level1Def, text: string): Level2Def | undefined {
  return resolve(level1, text, (key) => level1.level2.find((l2) => matches(l2, key)));
}

/** Every spelling of a 一级 name any framework knows: what a text parser must recognise as an item start. */
export function allLevel1Spellings(): string[] {
  const names = new Set<string>();
  for (const fw of Object.values(FRAMEWORKS)) {
    for (const l1 of fw.level1) {
      for (const n of [l1.name, ...l1.aliases]) {
        names.add(n);
        // Officers abbreviate: 产出、效益、满意度 for 产出指标… (categoryKey maps them back).
        if (n.endsWith('指标')) names.add(n.slice(0, -2));
      }
    }
  }
  // Longest first so a regex alternation never stops at a prefix.
  return [...names].sort((a, b) => b.length - a.length);
}

/**
 * Indicators in the order the official tables print them: 一级 in the framework's order (成本 → 产出 → 效益 → 满意度
 * for B), 二级 in the framework's order within each, the officer's order within a 二级. A 一级 or 二级 the framework
 * does not know follows the known ones, grouped by name in the order it first appears, so nothing is lost and
 * every group is one run (one merged cell).
 */
export function officialOrder<T extends { level1: string; level2: string }>(indicators: readonly T[], fw: Framework): T[] {
  const firstSeen = new Map<string, number>();
  const seen = (key: string): number => {
    if (!firstSeen.has(key)) firstSeen.set(key, firstSeen.size);
    return firstSeen.get(key) as number;
  };
  return indicators
    .map((ind, i) => {
      const l1 = findLevel1(fw, ind.level1);
      const l1Rank = l1 ? fw.level1.indexOf(l1) : fw.level1.length + seen(`一级|${categoryKey(ind.level1)}`);
      const l2 = l1 ? findLevel2(l1, ind.level2) : undefined;
      const l2Rank = l1 && l2 ? l1.level2.indexOf(l2) : (l1?.level2.length ?? 0) + seen(`二级|${l1Rank}|${categoryKey(ind.level2)}`);
      return { ind, l1Rank, l2Rank, i };
    })
    .sort((a, b) => a.l1Rank - b.l1Rank || a.l2Rank - b.l2Rank || a.i - b.i)
    .map((k) => k.ind);
}
