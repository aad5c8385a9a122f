// What `npm run bench` prints: the machine it ran on, and per operation the median, the bare library's median, the
// ratio against its target and the peak memory; `--json` gives the same for machines (issue 11 §6).

import os from 'node:os';
import { createRequire } from 'node:module';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  betterSqlite3: string;
  exceljs: string;
  loadBefore: number[];
  loadAfter?: number[];
}

export interface OperationResult {
  name: string;
  ms: number;
  baselineMs: number | null;
  ratio: number | null;
  peakRssMiB: number;
  runs: number;
  target: { ratio?: number; ms?: number };
  compared: string;
  p99Ms?: number;
  baselineP99Ms?: number;
  p99Ratio?: number;
  fileMiB?: number;
}

export interface Report {
  projects: number;
  fileSizeRatio: number | null;
  operations: OperationResult[];
}

/** Peak memory any operation may take (issue 11). */
export const PEAK_RSS_TARGET_MIB = 512;
/** The year file against the same rows in a bare SQLite file. */
export const FILE_SIZE_TARGET = 1.3;

function versionOf(pkg: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

export function machineFacts(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    betterSqlite3: versionOf('better-sqlite3'),
    exceljs: versionOf('exceljs'),
    loadBefore: os.loadavg(),
  };
}

/** Met when the ratio (or the time, for targets in ms) and the peak memory are within their targets. */
export function verdict(o: OperationResult): boolean {
  const timeOk = o.target.ms !== undefined ? o.ms <= o.target.ms : o.ratio !== null && o.ratio <= (o.target.ratio ?? Infinity);
  const p99Ok = o.p99Ratio === undefined || o.p99Ratio <= (o.target.ratio ?? Infinity);
  return timeOk && p99Ok && o.peakRssMiB <= PEAK_RSS_TARGET_MIB;
}

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toFixed(digits));

export function printTable(machine: Machine, r: Report): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`\n${r.projects} 个项目 · ${machine.cpu}，${machine.cores} 核，${machine.memoryGiB} GiB，${machine.os}，Node ${machine.node}，负载 ${machine.loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
  out('| 操作 | 中位数 ms | 基线 ms | 倍数 | 目标 | 峰值 MiB | 结果 |');
  out('|---|---:|---:|---:|---|---:|---|');
  for (const o of r.operations) {
    const target = o.target.ms !== undefined ? `≤ ${o.target.ms} ms` : `≤ ${o.target.ratio}×`;
    out(`| ${o.name} | ${fmt(o.ms)} | ${fmt(o.baselineMs)} | ${fmt(o.ratio, 2)} | ${target} | ${fmt(o.peakRssMiB, 0)} | ${verdict(o) ? '达到' : '未达到'} |`);
    if (o.p99Ms !== undefined) out(`| ${o.name} p99 | ${fmt(o.p99Ms)} | ${fmt(o.baselineP99Ms)} | ${fmt(o.p99Ratio, 2)} | ${target} | | |`);
  }
  if (r.fileSizeRatio !== null) {
    const load = r.operations.find((o) => o.name === 'load');
    out(`| 年度文件大小 | ${fmt(load?.fileMiB)} MiB | | ${fmt(r.fileSizeRatio, 2)} | ≤ ${FILE_SIZE_TARGET}× | | ${r.fileSizeRatio <= FILE_SIZE_TARGET ? '达到' : '未达到'} |`);
  }
}

/** The growth curve: each operation's time per project at every size, so a cost that grows faster than linearly shows. */
export function printCurve(reports: readonly Report[]): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out('\n增长曲线（每个项目的微秒数；线性增长时各列相近）');
  out(`| 操作 | ${reports.map((r) => `${r.projects} 个项目 ms`).join(' | ')} | ${reports.map((r) => `µs/项目 @${r.projects}`).join(' | ')} |`);
  out(`|---|${reports.map(() => '---:').join('|')}|${reports.map(() => '---:').join('|')}|`);
  for (const o of reports[0]?.operations ?? []) {
    const at = reports.map((r) => r.operations.find((x) => x.name === o.name));
    out(`| ${o.name} | ${at.map((x) => fmt(x?.ms)).join(' | ')} | ${at.map((x, i) => fmt(((x?.ms ?? 0) * 1000) / (reports[i]?.projects ?? 1), 0)).join(' | ')} |`);
  }
}
