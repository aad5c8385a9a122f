// The stacked T2 keeps every sheet within Excel's 1,023 manual page breaks: long blocks (several pages each) move
// to a further sheet before the breaks would pass the limit, where Excel would silently drop the rest.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../shared/export/workbook.ts';
import { EXCEL_PAGE_BREAKS } from '../../shared/export/t2Project.ts';
import { parseInterchange } from '../../shared/interchange.ts';
import { departmentOf } from './t2-fixtures.ts';

const seed002 = () => parseInterchange(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/seeds/seed-002.json'), 'utf8'));

describe('T2 page breaks per sheet', () => {
  it('400 blocks of 60 indicators (over 1,023 breaks on one sheet) are split, each sheet within the limit', () => {
    const model = buildWorkbook(departmentOf(seed002(), 400, 60), { template: 'project' });
    const breaks = model.sheets.map((s) => s.print.pageBreaksAfter.length);
    expect(breaks.reduce((a, b) => a + b, 0)).toBeGreaterThan(EXCEL_PAGE_BREAKS);
    expect(model.sheets.length).toBeGreaterThan(1);
    for (const b of breaks) expect(b).toBeLessThanOrEqual(EXCEL_PAGE_BREAKS);
    // Every block is on exactly one sheet, in order: the headings run 1..400 across the sheets.
    const headings = model.sheets.flatMap((s) => s.cells.filter((c) => c.col === 1 && typeof c.value === 'string' && /^\d+\..*绩效目标表$/.test(c.value)).map((c) => Number(String(c.value).split('.')[0])));
    expect(headings).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(model.notes).toEqual([expect.stringContaining(`分成 ${model.sheets.length} 张工作表`)]);
  });

  it('a sheet name with the part number stays within 31 characters and unique', () => {
    const year = departmentOf(seed002(), 1001);
    const dept = year.departments[0];
    if (dept) dept.name = '某某市某某某某某某某某某某某某某某某某某某某某某某某某某某某某局';
    const names = buildWorkbook(year, { template: 'project' }).sheets.map((s) => s.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(names[1]).toMatch(/（2）$/);
  });
});
