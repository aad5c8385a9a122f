// A synthetic year at a finance bureau's scale, made only from the seeds' vocabulary (tests/fixtures/seeds): the
// same project names, goals, purposes, indicator texts and overall tables officers wrote, repeated with numbered
// names and varied amounts. Deterministic: the same `projects` always gives the same year, so runs compare.

import fs from 'node:fs';
import path from 'node:path';
import { FRAMEWORKS, officialOrder } from '../shared/frameworks.ts';
import { parseInterchange } from '../shared/interchange.ts';
import type { Department, Indicator, Project, YearData } from '../shared/model.ts';

const SEEDS = path.join(import.meta.dirname, '..', 'tests', 'fixtures', 'seeds');
export const INDICATORS_PER_PROJECT = 10;
/** About 50 projects a department and 2–3 units each: 100 departments at 5,000 projects. */
const PROJECTS_PER_DEPARTMENT = 50;

function seedYears(): YearData[] {
  return fs
    .readdirSync(SEEDS)
    .filter((f) => /^seed-\d+\.json$/.test(f))
    .sort()
    .map((f) => parseInterchange(fs.readFileSync(path.join(SEEDS, f), 'utf8')));
}

/** A small linear congruential generator: deterministic amounts without Math.random. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateYear(projects: number): YearData {
  const seeds = seedYears();
  const framework = 'A';
  const fw = FRAMEWORKS[framework];
  const own = seeds.filter((y) => y.framework === framework);
  const pool = own.flatMap((y) => y.departments.flatMap((d) => d.units.flatMap((u) => u.projects))).filter((p) => p.indicators.length > 0);
  const allIndicators = pool.flatMap((p) => p.indicators);
  const unitNames = own.flatMap((y) => y.departments.flatMap((d) => d.units.map((u) => u.name)));
  const departmentNames = own.flatMap((y) => y.departments.map((d) => d.name));
  const overall = seeds.flatMap((y) => y.departments.map((d) => d.overall)).find((o) => o !== null) ?? null;
  if (pool.length === 0 || !overall) throw new Error('the seeds hold no projects or no overall table');
  const random = lcg(20250101);

  const project = (i: number): Project => {
    const base = pool[i % pool.length] as Project;
    // The project's own indicators first, then others from the seeds, in the framework's order.
    const indicators: Indicator[] = [];
    for (let k = 0; indicators.length < INDICATORS_PER_PROJECT; k++) {
      const from = k < base.indicators.length ? base.indicators[k] : allIndicators[(i * 7 + k) % allIndicators.length];
      indicators.push({ ...(from as Indicator) });
    }
    const fiscal = Math.round(random() * 500_00) * 100 + 1_00;
    const other = i % 7 === 0 ? Math.round(random() * 50_00) * 100 : 0;
    const total = fiscal + other;
    return {
      ...base,
      code: `440100${String(i + 1).padStart(15, '0')}`,
      name: `${base.name}（${i + 1}）`,
      funds: { fiscal, fiscalSpecial: 0, other },
      statedTotal: null,
      spendingPlan: { mar: Math.round(total / 4), jun: Math.round(total / 2), oct: Math.round((total * 3) / 4), dec: total },
      indicators: officialOrder(indicators, fw),
    };
  };

  const departments: Department[] = [];
  const departmentCount = Math.max(1, Math.round(projects / PROJECTS_PER_DEPARTMENT));
  let next = 0;
  for (let d = 0; d < departmentCount; d++) {
    const share = Math.floor(((d + 1) * projects) / departmentCount) - Math.floor((d * projects) / departmentCount);
    const unitCount = 2 + (d % 2);
    const units = Array.from({ length: unitCount }, (_, u) => {
      const n = Math.floor(((u + 1) * share) / unitCount) - Math.floor((u * share) / unitCount);
      return {
        name: `${unitNames[(d + u) % unitNames.length] as string}第${u + 1}分部`,
        code: String(129001 + d * 10 + u),
        statedTotal: null,
        projects: Array.from({ length: n }, () => project(next++)),
      };
    });
    const name = `${departmentNames[d % departmentNames.length] as string}（第${d + 1}部门）`;
    departments.push({
      name,
      code: String(129000 + d * 10),
      statedTotal: null,
      overall: { ...overall, supervisor: name, tasks: overall.tasks.map((t) => ({ ...t })), indicators: overall.indicators.map((x) => ({ ...x })) },
      units,
    });
  }
  return { fiscalYear: 2025, framework, summaryStyle: 'C', departments };
}
