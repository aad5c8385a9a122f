// `npm run bench [-- --projects N] [--runs R] [--only load,edit] [--curve] [--ui] [--json]`: the product at a
// finance bureau's scale (issue 11). A synthetic year (bench/generate.ts) is loaded, read, edited, validated,
// exported, imported and rolled forward; each operation runs several times in processes of its own, interleaved with
// the bare library doing the same I/O, and the figure that counts is the ratio of the medians — it holds on any
// machine, where milliseconds do not. A benchmark, never a failing test: misses are reported, not thrown.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serializeInterchange } from '../shared/interchange.ts';
import { exportYear } from '../electron/core/xlsx/exportYear.ts';
import { YearStore } from '../electron/core/store/yearStore.ts';
import { generateYear, INDICATORS_PER_PROJECT } from './generate.ts';
import { type Fixtures, OPERATIONS, type Timing } from './operations.ts';
import { measureUi } from './ui.ts';
import { type Machine, type OperationResult, type Report, machineFacts, printCurve, printTable } from './report.ts';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    curve: { type: 'boolean', default: false },
    ui: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const RUNS = Math.max(1, Number(values.runs));
/** An operation slower than this runs only three times: the median of three is enough at that length. */
const SLOW_MS = 10_000;
const only = values.only ? new Set(values.only.split(',')) : null;
const log = (line: string) => process.stderr.write(`${line}\n`);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function prepare(projects: number, dir: string): Promise<Fixtures> {
  const year = generateYear(projects);
  const f: Fixtures = { dir, json: path.join(dir, 'year.json'), year: path.join(dir, 'year.db'), t1: path.join(dir, 't1.xlsx'), t2: path.join(dir, 't2.xlsx') };
  fs.writeFileSync(f.json, serializeInterchange(year));
  const store = YearStore.create(f.year, { fiscalYear: year.fiscalYear, framework: year.framework });
  store.append(year, 'bench');
  const loaded = store.read();
  store.close();
  // The files the import measures are the app's own exports of the year.
  await exportYear(loaded, { template: 'summary', out: f.t1 });
  await exportYear(loaded, { template: 'project', out: f.t2 });
  return f;
}

function runChild(fixturesFile: string, op: string, variant: 'app' | 'bare', dir: string): Timing & { peakRssMiB: number } {
  const work = fs.mkdtempSync(path.join(dir, `${op}-${variant}-`));
  try {
    const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', path.join(import.meta.dirname, 'child.ts'), fixturesFile, op, variant, work], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`${op} (${variant}) failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Timing & { peakRssMiB: number };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function benchAt(projects: number): Promise<Report> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-bench-'));
  try {
    log(`— ${projects} 个项目，${projects * INDICATORS_PER_PROJECT} 条指标：准备数据（${dir}）`);
    const fixtures = await prepare(projects, dir);
    const fixturesFile = path.join(dir, 'fixtures.json');
    fs.writeFileSync(fixturesFile, JSON.stringify(fixtures));
    const operations: OperationResult[] = [];
    let fileSizeRatio: number | null = null;
    for (const op of OPERATIONS) {
      if (only && !only.has(op.name)) continue;
      const app: (Timing & { peakRssMiB: number })[] = [];
      const bare: Timing[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Interleaved, so a burst of load from elsewhere on the machine falls on both sides.
        app.push(runChild(fixturesFile, op.name, 'app', dir));
        if (op.bare) bare.push(runChild(fixturesFile, op.name, 'bare', dir));
        if (i === 0 && (app[0]?.ms ?? 0) > SLOW_MS) i = Math.max(i, RUNS - 3);
      }
      const ms = median(app.map((t) => t.ms));
      const baselineMs = op.bare ? median(bare.map((t) => t.ms)) : null;
      const result: OperationResult = {
        name: op.name,
        ms,
        baselineMs,
        ratio: baselineMs ? ms / baselineMs : null,
        peakRssMiB: Math.max(...app.map((t) => t.peakRssMiB)),
        runs: app.length,
        target: op.target,
        compared: op.compared,
      };
      if (app.some((t) => t.p99Ms !== undefined)) {
        result.p99Ms = median(app.map((t) => t.p99Ms ?? 0));
        if (op.bare) {
          result.baselineP99Ms = median(bare.map((t) => t.p99Ms ?? 0));
          result.p99Ratio = result.p99Ms / result.baselineP99Ms;
        }
      }
      if (op.name === 'load') {
        fileSizeRatio = median(app.map((t) => t.fileBytes ?? 0)) / median(bare.map((t) => t.fileBytes ?? 0));
        result.fileMiB = median(app.map((t) => t.fileBytes ?? 0)) / 2 ** 20;
      }
      operations.push(result);
      log(`  ${op.name.padEnd(12)} ${ms.toFixed(1)} ms${baselineMs ? ` / ${baselineMs.toFixed(1)} ms = ${(ms / baselineMs).toFixed(2)}×` : ''}，峰值 ${result.peakRssMiB.toFixed(0)} MiB`);
    }
    if (values.ui) operations.push(...(await measureUi(fixtures, log)));
    return { projects, fileSizeRatio, operations };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const machine: Machine = machineFacts();
if (values.curve) {
  const reports: Report[] = [];
  for (const n of [500, 5000, 20000]) reports.push(await benchAt(n));
  machine.loadAfter = os.loadavg();
  if (values.json) process.stdout.write(`${JSON.stringify({ machine, curve: reports.map((r) => ({ ...r })) }, null, 2)}\n`);
  else {
    for (const r of reports) printTable(machine, r);
    printCurve(reports);
  }
} else {
  const report = await benchAt(Number(values.projects));
  machine.loadAfter = os.loadavg();
  if (values.json) process.stdout.write(`${JSON.stringify({ machine, ...report }, null, 2)}\n`);
  else printTable(machine, report);
}
