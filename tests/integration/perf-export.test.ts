// Exports at a finance bureau's scale stay within what Excel accepts: a department with more projects than one sheet
// may hold (1,000) continues on further sheets, and the officer is told so (the page-break limit: tests/unit). The directly written workbook keeps text as text, whatever characters it holds.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInterchange, serializeInterchange } from '../../shared/interchange.ts';
import type { Project, YearData } from '../../shared/model.ts';
import { departmentOf } from '../unit/t2-fixtures.ts';
import { cli, seedPath, tempDir } from './helpers.ts';
import { inspect, readWorkbook, text } from './xlsxRead.ts';

const bigDepartment = (count: number) => departmentOf(parseInterchange(fs.readFileSync(seedPath('002'), 'utf8')), count);

async function exportT2(year: YearData): Promise<{ out: string; stderr: string }> {
  const dir = tempDir();
  const file = path.join(dir, 'year.db');
  const json = path.join(dir, 'year.json');
  fs.writeFileSync(json, serializeInterchange(year));
  expect((await cli('new', file, '--year', String(year.fiscalYear), '--framework', year.framework)).code).toBe(0);
  const loaded = await cli('load', file, json);
  expect(loaded.code, loaded.stderr).toBe(0);
  const out = path.join(dir, 't2.xlsx');
  const r = await cli('export', file, '--template', 'project', '--out', out);
  expect(r.code, r.stderr).toBe(0);
  return { out, stderr: r.stderr };
}

describe('the stacked T2 within Excel’s limits', () => {
  it('1,500 projects of one department go on two sheets of 1,000 and 500 blocks, and the officer is told', async () => {
    const { out, stderr } = await exportT2(bigDepartment(1500));
    const wb = await readWorkbook(out);
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names).toEqual(['青岛市信访局（1）', '青岛市信访局（2）']);
    expect(stderr).toContain('“青岛市信访局”有 1500 个项目');
    expect(stderr).toContain('分成 2 张工作表：青岛市信访局（1）、青岛市信访局（2）');
    // Block headings keep the department's numbering across the sheets.
    const headings = wb.worksheets.map((ws) => {
      const list: string[] = [];
      ws.eachRow((_, n) => {
        const t = text(ws, [n, 1]);
        if (t.endsWith('绩效目标表')) list.push(t);
      });
      return list;
    });
    expect(headings.map((h) => h.length)).toEqual([1000, 500]);
    expect(headings[1]?.[0]).toMatch(/^1001\./);
  }, 120_000);

  it('a department within the limits keeps one sheet named after it, and nothing is said', async () => {
    const { out, stderr } = await exportT2(bigDepartment(30));
    expect((await readWorkbook(out)).worksheets.map((ws) => ws.name)).toEqual(['青岛市信访局']);
    expect(stderr).not.toContain('分成');
  });
});

describe('text in the written workbook', () => {
  it('formulas, markup, quotes, leading spaces and line breaks stay text, read back the same by exceljs and openpyxl', async () => {
    const year = bigDepartment(1);
    const p = year.departments[0]?.units[0]?.projects[0] as Project;
    const tricky = ['=SUM(A1:A3)', '<b>“重点”&\'任务\'</b>', '  前后空格  ', '第一行\n第二行', '+1', '@项目'];
    p.goal = tricky.join('|');
    tricky.forEach((t, i) => {
      const ind = p.indicators[i];
      if (ind) ind.name = t;
    });
    const { out } = await exportT2(year);
    const ws = (await readWorkbook(out)).worksheets[0];
    if (!ws) throw new Error('no sheet');
    const values = new Set<string>();
    ws.eachRow((row) => row.eachCell((c) => void values.add(typeof c.value === 'string' ? c.value : JSON.stringify(c.value))));
    expect(values).toContain(tricky.join('|'));
    for (const t of tricky) expect(values, t).toContain(t);
    const seen = new Set([...(inspect(out)[0]?.cells.values() ?? [])].map((c) => c.value));
    for (const t of tricky) expect(seen, t).toContain(t);
  });
});
