// Import that can be trusted (issue 8 items 1–5): files edited the way officers edit them must not give a wrong
// number or lose an indicator without saying so. Every warning names its sheet and cell.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ed from '../fixtures/import/officerEdits.ts';
import { cli, seedPath, type SeedId, tempDir } from './helpers.ts';

type Json = any;
interface Warning {
  where: string;
  message: string;
}

const seedJson = (id: SeedId): Json => JSON.parse(fs.readFileSync(seedPath(id), 'utf8'));
const projectsOf = (y: Json): Json[] => y.departments.flatMap((d: Json) => d.units.flatMap((u: Json) => u.projects));
const textPart = (i: Json) => ({ level1: i.level1, level2: i.level2, name: i.name, annualValue: i.annualValue, periodValue: i.periodValue });

/** Imports `source` into a new year file: the year's data as dumped, and the warnings the import printed. */
async function importNew(source: string, year: number, ...extra: string[]): Promise<{ file: string; year: Json; warnings: Warning[] }> {
  const file = path.join(path.dirname(source), `imported-${path.basename(source)}.db`);
  const r = await cli('import', file, source, '--year', String(year), '--json', ...extra);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as { warnings: Warning[] };
  return { file, year: JSON.parse((await cli('dump', file)).stdout), warnings: report.warnings };
}

describe('one bad item does not cost the other indicators (item 2)', () => {
  it('imports every item that parses, keeps the rest verbatim on the project, and says where', async () => {
    const src = await ed.t1ItemEdits(tempDir());
    const { year, warnings } = await importNew(src, 2023);
    const seed = projectsOf(seedJson('000'));
    const got = projectsOf(year);
    expect(got.map((p) => p.name)).toEqual(seed.map((p) => p.name));

    const { lostAnnual, semicolons, halfWidth, remark } = ed.T1_ITEM_EDITS;
    const lost = got[lostAnnual.project];
    expect(lost.indicators.map(textPart)).toEqual(seed[lostAnnual.project].indicators.filter((_: Json, i: number) => i !== 1).map(textPart));
    expect(lost.unparsedIndicators).toBe(lostAnnual.item);
    const where = `绩效目标表!${ed.t1IndicatorCell(lostAnnual.project)}`;
    expect(warnings.filter((w) => w.where === where)).toEqual([
      { where, message: expect.stringContaining(`第 2 条绩效指标“${lostAnnual.item.slice(0, 30)}`) },
    ]);
    expect(warnings.find((w) => w.where === where)?.message).toContain(`“${lostAnnual.item}”未导入为指标，已原样保留在项目中`);
    expect(warnings.some((w) => w.message.includes('另一种格式'))).toBe(false);

    for (const i of [semicolons.project, halfWidth.project]) {
      expect(got[i].indicators, got[i].name).toEqual(seed[i].indicators);
      expect(got[i].unparsedIndicators, got[i].name).toBeUndefined();
    }
    expect(got[remark.project].indicators).toEqual(seed[remark.project].indicators);
    expect(got[remark.project].unparsedIndicators).toBe(remark.text);
    expect(warnings.filter((w) => w.where === `绩效目标表!${ed.t1IndicatorCell(remark.project)}`)).toHaveLength(1);
    // The projects nobody touched are exactly the seed's.
    const touched: number[] = [lostAnnual.project, semicolons.project, halfWidth.project, remark.project];
    got.forEach((p, i) => {
      if (!touched.includes(i)) expect(p, p.name).toEqual(seed[i]);
    });
  });
});
