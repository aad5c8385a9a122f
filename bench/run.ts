// `npm run bench`: the product at a finance bureau's scale — a year of 5,000 projects and 50,000 indicators — timed
// end to end (load, read, validate, export T1 and T2) next to the bare libraries doing comparable I/O. Timing goals
// live here, not in the tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { serializeInterchange } from '../shared/interchange.ts';
import type { Indicator, Project, YearData } from '../shared/model.ts';
import { validateYear } from '../shared/validation.ts';
import { YearStore } from '../electron/core/store/yearStore.ts';
import { YearEditor } from '../electron/core/store/edits.ts';
import { summaryView } from '../electron/core/store/rows.ts';
import { exportYear } from '../electron/core/xlsx/exportYear.ts';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 5000);
const PER_PROJECT = 10;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-bench-'));

const CATEGORIES: [string, string][] = [
  ['产出指标', '数量指标'], ['产出指标', '数量指标'], ['产出指标', '质量指标'], ['产出指标', '时效指标'],
  ['产出指标', '成本指标'], ['效益指标', '社会效益指标'], ['效益指标', '经济效益指标'], ['效益指标', '可持续影响指标'],
  ['满意度指标', '服务对象满意度指标'], ['满意度指标', '服务对象满意度指标'],
];

function makeYear(): YearData {
  const projects: Project[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const indicators: Indicator[] = CATEGORIES.slice(0, PER_PROJECT).map(([l1, l2], k) => ({
      level1: l1, level2: l2, name: `第${k + 1}项指标：信访事项按期办结率`, description: '指全年信访事项按期办结的比率',
      annualValue: k === 4 ? `≤${(i % 900) + 10}万元` : '≥95%', periodValue: '≥95%', basis: '历史标准', priorValue: '',
    }));
    projects.push({
      code: `440100${String(i).padStart(15, '0')}`, name: `2025年第${i + 1}号信访专项业务经费项目`,
      funds: { fiscal: 100_000 + i, fiscalSpecial: 0, other: i % 7 === 0 ? 5_000 : 0 }, statedTotal: null,
      purpose: '用于信访专项业务运行', goal: '确保全年信访事项及时受理率不低于98%，按期办结率不低于95%，群众满意率达到90%以上。',
      spendingPlan: { mar: null, jun: null, oct: null, dec: null }, indicators, unparsedIndicators: '',
    });
  }
  const units = Array.from({ length: 50 }, (_, u) => ({ name: `第${u + 1}单位`, code: '', statedTotal: null, projects: projects.slice(u * (PROJECTS / 50), (u + 1) * (PROJECTS / 50)) }));
  return { fiscalYear: 2025, framework: 'A', summaryStyle: 'C', departments: [{ name: '某市信访局', code: '', statedTotal: null, overall: null, units }] };
}

async function time<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   rss ${rss.toFixed(0)} MiB`);
  return r;
}

const year = makeYear();
const file = path.join(dir, 'bench.db');
console.log(`${PROJECTS} 个项目，${PROJECTS * PER_PROJECT} 条指标；临时目录 ${dir}`);
const store = YearStore.create(file, { fiscalYear: 2025, framework: 'A' });
await time('载入（一次事务，含撤销记录）', () => store.append(year, 'bench'));
const read = await time('读取整个年度', () => store.read());
await time('审核', () => validateYear(read));
await time('导出交换 JSON（文本）', () => serializeInterchange(read));
await time('撤销载入', () => store.undo());
await time('重做载入', () => store.redo());
store.close();

// The editor: opening the year and reading the summary table's rows, then single edits (commit + undo record).
const opened = await time('打开年度并读取汇总表（编辑器首屏的数据）', () => {
  const s = YearStore.open(file);
  return { s, view: summaryView(s) };
});
const editor = new YearEditor(opened.s);
const ids = opened.view.projects.map((p) => p.id);
const edits: number[] = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  editor.setCells([{ entity: 'project', id: ids[(i * 37) % ids.length] as number, field: 'fiscal', value: String(1000 + i) }]);
  edits.push(performance.now() - t0);
}
edits.sort((a, b) => a - b);
console.log(`${'一次编辑（提交 + 撤销记录 + 回读变化的行）'.padEnd(44)} 中位数 ${(edits[100] ?? 0).toFixed(2)} ms，p99 ${(edits[197] ?? 0).toFixed(2)} ms`);
opened.s.close();
for (const template of ['summary', 'project'] as const) {
  await time(`导出 xlsx：${template}`, () => exportYear(read, { template, out: path.join(dir, `${template}.xlsx`) }));
}

// Baselines: the bare libraries doing comparable I/O.
await time('基线：better-sqlite3 插入同样多的行', () => {
  const db = new Database(path.join(dir, 'raw.db'));
  db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT, goal TEXT, a INTEGER); CREATE TABLE i (id INTEGER PRIMARY KEY, p INTEGER, l1 TEXT, l2 TEXT, name TEXT, d TEXT, v TEXT, pv TEXT, b TEXT)');
  const ip = db.prepare('INSERT INTO p (name, goal, a) VALUES (?, ?, ?)');
  const ii = db.prepare('INSERT INTO i (p, l1, l2, name, d, v, pv, b) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const u of year.departments[0]?.units ?? []) for (const p of u.projects) {
      const id = ip.run(p.name, p.goal, p.funds.fiscal).lastInsertRowid;
      for (const x of p.indicators) ii.run(id, x.level1, x.level2, x.name, x.description, x.annualValue, x.periodValue, x.basis);
    }
  })();
  db.close();
});
await time('基线：exceljs 写 5,000 行 × 7 列文字', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('x');
  for (const u of year.departments[0]?.units ?? []) for (const p of u.projects) ws.addRow([p.name, 1, 1, 0, 0, p.goal, p.indicators.map((x) => x.name).join('')]);
  await wb.xlsx.writeFile(path.join(dir, 'raw.xlsx'));
});
console.log(`文件大小：年度 ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB，T1 ${(fs.statSync(path.join(dir, 'summary.xlsx')).size / 2 ** 20).toFixed(1)} MiB，T2 ${(fs.statSync(path.join(dir, 'project.xlsx')).size / 2 ** 20).toFixed(1)} MiB`);
fs.rmSync(dir, { recursive: true, force: true });
