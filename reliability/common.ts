// Small pieces the kill harness and the fuzzer share: a seeded random source (every run can be repeated from its
// seed), file hashes, and a deterministic large year to load, export and roll forward.

import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Indicator, Project, YearData } from '../shared/model.ts';

/** mulberry32: tiny, fast and good enough to pick kill moments and mutations; the same seed gives the same run. */
export function rng(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => {
      if (list.length === 0) throw new Error('pick from an empty list');
      return list[Math.floor(next() * list.length)] as never;
    },
    chance: (p) => next() < p,
  };
}

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function sha256(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function fileSha256(file: string): string {
  return sha256(fs.readFileSync(file));
}

const CATEGORIES: readonly [string, string][] = [
  ['产出指标', '数量指标'],
  ['产出指标', '质量指标'],
  ['产出指标', '时效指标'],
  ['产出指标', '成本指标'],
  ['效益指标', '社会效益指标'],
  ['满意度指标', '服务对象满意度指标'],
];

/** A year of `projects` projects with six indicators each, in `units` units of one department (framework A). */
export function bigYear(fiscalYear: number, projects: number, tag: string, units = 10): YearData {
  const list: Project[] = [];
  for (let i = 0; i < projects; i++) {
    const indicators: Indicator[] = CATEGORIES.map(([level1, level2], k) => ({
      level1,
      level2,
      name: `${tag}第${k + 1}项指标`,
      description: `${tag}项目${i + 1}的指标说明`,
      annualValue: k === 3 ? `≤${(i % 900) + 10}万元` : '≥95%',
      periodValue: '≥95%',
      basis: '历史标准',
      priorValue: '',
    }));
    list.push({
      code: `${tag}${String(i).padStart(8, '0')}`,
      name: `${fiscalYear}年${tag}第${i + 1}号专项业务经费`,
      funds: { fiscal: 100_000 + i, fiscalSpecial: i % 5 === 0 ? 2_000 : 0, other: i % 7 === 0 ? 5_000 : 0 },
      statedTotal: null,
      purpose: '用于专项业务运行',
      goal: '确保全年事项及时受理率不低于98%，按期办结率不低于95%。',
      spendingPlan: { mar: null, jun: null, oct: null, dec: null },
      indicators,
      unparsedIndicators: '',
    });
  }
  const per = Math.ceil(projects / units);
  return {
    fiscalYear,
    framework: 'A',
    summaryStyle: 'C',
    departments: [
      {
        name: `${tag}局`,
        code: '',
        statedTotal: null,
        overall: null,
        units: Array.from({ length: units }, (_, u) => ({ name: `${tag}第${u + 1}单位`, code: '', statedTotal: null, projects: list.slice(u * per, (u + 1) * per) })),
      },
    ],
  };
}
