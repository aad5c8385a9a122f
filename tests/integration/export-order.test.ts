// The indicator grid of T2 (and T3) prints the rows in the official order — 一级 in the framework's order, 二级
// grouped within, one merged cell per group — whatever order the officer keeps them in; the stored order stays the
// officer's, and 一级/二级 the framework does not know come after the known ones instead of being lost.
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import type { FrameworkId } from '../../shared/frameworks.ts';
import { parseInterchange } from '../../shared/interchange.ts';
import { cli, tempDir } from './helpers.ts';
import { inspect, readWorkbook, text } from './xlsxRead.ts';

/** 一级, 二级, 三级 of one indicator. */
type Row = readonly [string, string, string];

function indicator([level1, level2, name]: Row) {
  return { level1, level2, name, description: `${name}的说明`, annualValue: '≥1', periodValue: '', basis: '历史标准', priorValue: '' };
}

function project(code: string, name: string, rows: readonly Row[]) {
  return {
    code,
    name,
    funds: { fiscal: '10.00', fiscalSpecial: '0.00', other: '0.00' },
    total: '10.00',
    purpose: '用于日常业务',
    goal: '完成全年工作任务',
    spendingPlan: { mar: '', jun: '', oct: '', dec: '10.00' },
    indicators: rows.map(indicator),
  };
}

function overall(rows: readonly Row[]) {
  return {
    supervisor: '某市人民政府',
    staff: { active: 20, retired: 5 },
    budget: { basic: '100.00', project: '10.00', fiscal: '110.00', other: '0.00', ownLevel: '110.00', transfer: '0.00' },
    goal: '全年信访工作平稳有序',
    tasks: [{ name: '信访接待', content: '做好来访接待', amount: '10.00', expected: '来访件件有回音' }],
    indicators: rows.map(indicator),
  };
}

/**
 * A year file holding these projects (and overall table), stored as given. Written through the store as an import
 * does, since an import keeps 一级 the framework does not know (with a warning) where `load` refuses them.
 */
function yearFile(dir: string, framework: FrameworkId, projects: ReturnType<typeof project>[], overallRows?: readonly Row[]): string {
  const json = {
    format: 'perf-targets/1',
    fiscalYear: 2025,
    framework,
    departments: [
      {
        name: '某市信访局',
        code: '',
        overall: overallRows ? overall(overallRows) : null,
        units: [{ name: '某市信访局本级', code: '129001', projects }],
      },
    ],
  };
  const file = path.join(dir, 'y.db');
  const store = YearStore.create(file, { fiscalYear: 2025, framework });
  try {
    store.append(parseInterchange(JSON.stringify(json)), '测试数据');
  } finally {
    store.close();
  }
  return file;
}

async function exportTemplate(file: string, template: 'project' | 'overall'): Promise<string> {
  const out = path.join(path.dirname(file), `${template}.xlsx`);
  const r = await cli('export', file, '--template', template, '--out', out);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

/** The indicator rows under each `一级指标` header in `col` (T2: column A; T3: column B), as [一级, 二级, 三级] and rows. */
function gridRows(ws: ExcelJS.Worksheet, col: number): { row: number; cells: Row }[] {
  const out: { row: number; cells: Row }[] = [];
  let inGrid = false;
  for (let r = 1; r <= ws.rowCount; r++) {
    const first = text(ws, [r, col]);
    if (first === '一级指标') inGrid = true;
    else if (inGrid && first !== '') out.push({ row: r, cells: [first, text(ws, [r, col + 1]), text(ws, [r, col + 2])] });
    else inGrid = false;
  }
  return out;
}

/** Merged ranges of a column that start on an indicator row, read by openpyxl, as [first row, last row]. */
function mergesIn(file: string, column: string, rows: readonly { row: number }[]): [number, number][] {
  const re = new RegExp(`^${column}(\\d+):${column}(\\d+)$`);
  const grid = new Set(rows.map((r) => r.row));
  return (inspect(file)[0]?.merged ?? [])
    .map((m) => re.exec(m))
    .filter((m) => m !== null)
    .map((m) => [Number(m[1]), Number(m[2])] as [number, number])
    .filter(([top]) => grid.has(top))
    .sort((a, b) => a[0] - b[0]);
}

/** The [first, last] rows of each run of equal keys among the grid rows: what one merged cell per group covers. */
function groupSpans(rows: { row: number; cells: Row }[], key: (c: Row) => string): [number, number][] {
  const spans: [number, number][] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const last = spans[spans.length - 1];
    if (last && prev && key(prev.cells) === key(r.cells) && prev.row === r.row - 1) last[1] = r.row;
    else spans.push([r.row, r.row]);
  });
  return spans;
}

/** Exports a year of `framework` with one project holding `rows`: the file, its sheet, the grid and its first row. */
async function exportOneProject(framework: FrameworkId, rows: readonly Row[]) {
  const file = yearFile(tempDir(), framework, [project('P1', '运行维护', rows)]);
  const out = await exportTemplate(file, 'project');
  const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
  const grid = gridRows(ws, 1);
  return { out, ws, grid, first: grid[0]?.row as number };
}

const dumpIndicators = async (file: string) =>
  JSON.parse((await cli('dump', file)).stdout).departments[0].units[0].projects.map((p: { indicators: { name: string }[] }) => p.indicators.map((i) => i.name));

describe('T2 prints indicators in the official order', () => {
  it('framework B: 成本 → 产出 → 效益 → 满意度, 二级 in order within, one merged cell per group, whatever the input order', async () => {
    const dir = tempDir();
    const scrambled: Row[] = [
      ['满意度指标', '服务对象满意度指标', '群众满意度'],
      ['产出指标', '时效指标', '按时办结率'],
      ['效益指标', '社会效益指标', '信访秩序稳定'],
      ['成本指标', '经济成本指标', '化解资金成本'],
      ['产出指标', '数量指标', '化解积案数'],
      ['产出指标', '时效指标', '办结时限'],
      // An officer's abbreviations belong to the same groups.
      ['产出', '数量', '接访人次'],
      ['成本指标', '社会成本指标', '社会成本'],
      ['产出指标', '质量指标', '化解率'],
      ['效益指标', '可持续影响指标', '长效机制'],
    ];
    const file = yearFile(dir, 'B', [project('P1', '信访积案化解', scrambled), project('P2', '热线运行', [...scrambled].reverse())]);
    const out = await exportTemplate(file, 'project');
    const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
    const rows = gridRows(ws, 1);
    const names = rows.map((r) => r.cells[2]);
    // Two blocks, each in the official order; within a 二级 the officer's order (so the reversed block differs there).
    const first = ['化解资金成本', '社会成本', '化解积案数', '接访人次', '化解率', '按时办结率', '办结时限', '信访秩序稳定', '长效机制', '群众满意度'];
    const second = ['化解资金成本', '社会成本', '接访人次', '化解积案数', '化解率', '办结时限', '按时办结率', '信访秩序稳定', '长效机制', '群众满意度'];
    expect(names).toEqual([...first, ...second]);
    const level1 = (c: Row) => c[0].replace(/指标$/, '');
    expect([...new Set(rows.slice(0, 10).map((r) => level1(r.cells)))]).toEqual(['成本', '产出', '效益', '满意度']);
    // openpyxl sees one merge per 一级 group and per run of 二级 longer than one row, and no others.
    const spans = (key: (c: Row) => string) => groupSpans(rows, key).filter(([a, b]) => b > a);
    expect(mergesIn(out, 'A', rows)).toEqual(spans(level1));
    expect(mergesIn(out, 'B', rows)).toEqual(spans((c) => `${level1(c)}|${c[1].replace(/指标$/, '')}`));
    expect(spans(level1)).toHaveLength(6);
    // The year file keeps the officer's order.
    expect(await dumpIndicators(file)).toEqual([scrambled.map((r) => r[2]), [...scrambled].reverse().map((r) => r[2])]);
  });

  it('framework A: 产出 (数量, 质量, 时效, 成本) → 效益 → 满意度; 二级 it does not know follow the known ones, each grouped', async () => {
    // Printed back to front, as the Guangzhou system prints them (seeds 000/001), with two 二级 of the officer's own.
    const rows: Row[] = [
      ['满意度指标', '服务对象满意度指标', '满意度'],
      ['效益指标', '社会效益指标', '社会效益'],
      ['产出指标', '进度指标', '进度一'],
      ['产出指标', '成本指标', '成本'],
      ['产出指标', '时效指标', '时效'],
      ['产出指标', '覆盖面指标', '覆盖面'],
      ['产出指标', '质量指标', '质量'],
      ['产出指标', '数量指标', '数量'],
      ['产出指标', '进度指标', '进度二'],
      ['效益指标', '经济效益指标', '经济效益'],
    ];
    const { out, ws, grid, first } = await exportOneProject('A', rows);
    expect(grid.map((r) => r.cells[2])).toEqual(['数量', '质量', '时效', '成本', '进度一', '进度二', '覆盖面', '经济效益', '社会效益', '满意度']);
    expect(mergesIn(out, 'A', grid)).toEqual([[first, first + 6], [first + 7, first + 8]]);
    expect(mergesIn(out, 'B', grid)).toEqual([[first + 4, first + 5]]);
    expect(text(ws, [first + 4, 2])).toBe('进度指标');
  });

  it('一级 the framework does not know come after the known ones, grouped in the order they first appear, none lost', async () => {
    // A framework-B table imported into a framework-A year keeps 成本指标 as an unknown 一级 (with a warning).
    const rows: Row[] = [
      ['成本指标', '经济成本指标', '资金成本'],
      ['满意度指标', '服务对象满意度指标', '满意度'],
      ['社会评价指标', '社会评价', '社会评价'],
      ['产出指标', '数量指标', '数量'],
      ['成本指标', '社会成本指标', '社会成本'],
      ['效益指标', '社会效益指标', '社会效益'],
      ['成本指标', '经济成本指标', '运维成本'],
    ];
    const { out, grid, first } = await exportOneProject('A', rows);
    expect(grid.map((r) => r.cells)).toEqual([
      ['产出指标', '数量指标', '数量'],
      ['效益指标', '社会效益指标', '社会效益'],
      ['满意度指标', '服务对象满意度指标', '满意度'],
      ['成本指标', '经济成本指标', '资金成本'],
      ['成本指标', '经济成本指标', '运维成本'],
      ['成本指标', '社会成本指标', '社会成本'],
      ['社会评价指标', '社会评价', '社会评价'],
    ]);
    expect(mergesIn(out, 'A', grid)).toEqual([[first + 3, first + 5]]);
    expect(mergesIn(out, 'B', grid)).toEqual([[first + 3, first + 4]]);
  });

  it('T3 orders its 绩效指标 the same way', async () => {
    const dir = tempDir();
    const rows: Row[] = [
      ['效益指标', '社会效益指标', '信访秩序'],
      ['满意度指标', '服务对象满意度指标', '群众满意度'],
      ['产出指标', '质量指标', '办结率'],
      ['效益指标', '可持续影响指标', '长效机制'],
      ['产出指标', '数量指标', '接访量'],
      ['产出指标', '质量指标', '满意率'],
    ];
    const file = yearFile(dir, 'A', [], rows);
    const out = await exportTemplate(file, 'overall');
    const grid = gridRows((await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet, 2);
    expect(grid.map((r) => r.cells[2])).toEqual(['接访量', '办结率', '满意率', '信访秩序', '长效机制', '群众满意度']);
    const first = grid[0]?.row as number;
    expect(mergesIn(out, 'B', grid)).toEqual([[first, first + 2], [first + 3, first + 4]]);
    expect(mergesIn(out, 'C', grid)).toEqual([[first + 1, first + 2]]);
  });
});
