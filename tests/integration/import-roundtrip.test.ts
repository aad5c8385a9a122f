// Export → import → dump gives back the same JSON, for every template and grammar: exactly the data each template
// carries (T1 has no codes, purposes or plans; grammar A has no 二级 or 实施周期 value; T3 only the overall table).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../shared/frameworks.ts';
import { cli, seedMeta, seedPath, type SeedId, tempDir, yearFileWithSeed } from './helpers.ts';

type Json = any;
const seedJson = (id: SeedId): Json => JSON.parse(fs.readFileSync(seedPath(id), 'utf8'));
const money = (cents: number) => (cents / 100).toFixed(2);
const cents = (s: string) => Math.round(Number(s) * 100);
const sum = (xs: string[]) => money(xs.reduce((s, x) => s + cents(x), 0));
const projectTotal = (p: Json) => sum([p.funds.fiscal, p.funds.fiscalSpecial, p.funds.other]);

/** What a T1 export in grammar `style` carries of a year. */
function asT1(y: Json, style: 'A' | 'B' | 'C'): Json {
  return {
    format: y.format,
    fiscalYear: y.fiscalYear,
    framework: y.framework,
    summaryStyle: style,
    departments: y.departments
      .filter((d: Json) => d.units.length > 0)
      .map((d: Json) => ({
        name: d.name,
        code: '',
        total: sum(d.units.flatMap((u: Json) => u.projects.map(projectTotal))),
        overall: null,
        units: d.units.map((u: Json) => ({
          name: u.name,
          code: '',
          total: sum(u.projects.map(projectTotal)),
          projects: u.projects.map((p: Json) => ({
            code: '',
            name: p.name,
            funds: p.funds,
            total: projectTotal(p),
            purpose: '',
            goal: p.goal,
            spendingPlan: { mar: '', jun: '', oct: '', dec: '' },
            indicators: p.indicators.map((i: Json) => ({
              level1: i.level1,
              level2: style === 'A' ? '' : i.level2,
              name: i.name,
              description: '',
              annualValue: i.annualValue,
              periodValue: style === 'A' ? '' : i.periodValue,
              basis: '',
              priorValue: '',
            })),
          })),
        })),
      })),
  };
}

/** T2 prints a project's indicators in the framework's order, 一级 then 二级 (the seeds spell them canonically). */
function printedOrder(framework: 'A' | 'B', indicators: Json[]): Json[] {
  const level1 = FRAMEWORKS[framework].level1;
  const rank = (i: Json): [number, number] => {
    const a = level1.findIndex((l) => l.name === i.level1);
    const b = level1[a]?.level2.findIndex((l) => l.name === i.level2) ?? -1;
    return [a, b < 0 ? 99 : b];
  };
  return [...indicators].sort((x, y) => rank(x)[0] - rank(y)[0] || rank(x)[1] - rank(y)[1]);
}

/** What a T2 export carries (财政专户拨款 is part of 财政资金 there; indicators in the printed order). */
function asT2(y: Json): Json {
  return {
    format: y.format,
    fiscalYear: y.fiscalYear,
    framework: y.framework,
    departments: y.departments
      .filter((d: Json) => d.units.length > 0)
      .map((d: Json) => ({
        name: d.name,
        code: '',
        overall: null,
        units: d.units.map((u: Json) => ({
          name: u.name,
          code: u.code,
          projects: u.projects.map((p: Json) => ({
            ...p,
            funds: { fiscal: sum([p.funds.fiscal, p.funds.fiscalSpecial]), fiscalSpecial: '0.00', other: p.funds.other },
            total: projectTotal(p),
            indicators: printedOrder(y.framework, p.indicators).map((i: Json) => ({ ...i, periodValue: '', priorValue: '' })),
          })),
        })),
      })),
  };
}

function asT3(y: Json): Json {
  return {
    format: y.format,
    fiscalYear: y.fiscalYear,
    framework: y.framework,
    departments: y.departments
      .filter((d: Json) => d.overall)
      .map((d: Json) => ({
        name: d.name,
        code: '',
        overall: {
          ...d.overall,
          indicators: d.overall.indicators.map((i: Json) => ({ ...i, description: '', periodValue: '', basis: '', priorValue: '' })),
        },
        units: [],
      })),
  };
}

async function roundTrip(id: SeedId, template: string, ...extra: string[]): Promise<Json> {
  const dir = tempDir();
  const file = await yearFileWithSeed(id, dir);
  const out = path.join(dir, 'out.xlsx');
  const e = await cli('export', file, '--template', template, '--out', out, ...extra);
  expect(e.code, e.stderr).toBe(0);
  const target = path.join(dir, 'back.db');
  const department = seedJson(id).departments[0].name;
  const i = await cli('import', target, out, '--year', String(seedMeta(id).fiscalYear), ...(template === 'project' ? ['--department', department] : []));
  expect(i.code, i.stderr).toBe(0);
  // Seed 004's three texts carry the <p>…</p> of their source system, which import takes out and says so.
  expect(i.stdout).toContain(id === '004' ? '3 条警告' : '0 条警告');
  const d = await cli('dump', target);
  expect(d.code).toBe(0);
  return JSON.parse(d.stdout);
}

describe('export → import → dump', () => {
  for (const id of ['000', '001', '002', '003'] as const) {
    for (const style of ['A', 'B', 'C'] as const) {
      it(`T1 grammar ${style}, seed ${id}`, async () => {
        expect(await roundTrip(id, 'summary', '--style', style)).toEqual(asT1(seedJson(id), style));
      });
    }
    it(`T2 stacked, seed ${id}`, async () => {
      expect(await roundTrip(id, 'project')).toEqual(asT2(seedJson(id)));
    });
  }
  it('T2 one sheet per project, seed 002', async () => {
    expect(await roundTrip('002', 'project', '--layout', 'sheets')).toEqual(asT2(seedJson('002')));
  });
  it('T3, seed 004', async () => {
    // Import takes out the <p>…</p> the source system left around seed 004's texts (issue 8 item 5).
    expect(await roundTrip('004', 'overall')).toEqual(JSON.parse(JSON.stringify(asT3(seedJson('004'))).replace(/<\/?p>/g, '')));
  });
  it('T2 of seed 002 is exactly the seed (it carries every field the seed has)', async () => {
    expect(await roundTrip('002', 'project')).toEqual(seedJson('002'));
  });
});
