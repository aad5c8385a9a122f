// `npm run fuzz -- --inputs N [--seed S] [--only workbook,api,…] [--no-save] [--json FILE]`: feeds mutated
// workbooks, interchange JSON, API payloads and parser strings to the product and counts what became of them
// (fuzz/runner.ts). Replays the regression corpus first. Exits 1 on any new failure or a `fixed` corpus entry
// failing again.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fuzz, isFailure } from './fuzz/runner.ts';
import { TARGETS, type Target } from './fuzz/inputs.ts';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    'no-save': { type: 'boolean' },
    json: { type: 'string' },
  },
});
const only = values.only ? (values.only.split(',') as Target[]) : undefined;
for (const t of only ?? []) if (!TARGETS.includes(t)) throw new Error(`unknown target ${t}; known: ${TARGETS.join(', ')}`);

const report = await fuzz({ seed: Number(values.seed), inputs: Number(values.inputs), ...(only ? { only } : {}), corpus: true, save: !values['no-save'], log: (l) => console.log(l) });
console.log(`\n种子 ${values.seed}：${report.inputs} 个输入，失败 ${report.failures.length}，用时 ${report.seconds} s`);
console.log('目标             输入   接受   拒绝  内部错误  拒绝但改了文件  超时  最长ms  平均ms');
for (const [t, f] of Object.entries(report.byTarget)) {
  const n = f.accepted + f.refused + f.internal + f.changed + f.hang;
  console.log(`${t.padEnd(14)} ${[n, f.accepted, f.refused, f.internal, f.changed, f.hang, f.maxMs, Math.round(f.totalMs / n)].map((x) => String(x).padStart(6)).join('  ')}`);
}
const channels = Object.entries(report.channels);
console.log(`API：${channels.length} 个通道，${channels.reduce((n, [, c]) => n + c.sent, 0)} 个参数，拒绝 ${channels.reduce((n, [, c]) => n + c.refused, 0)}（其中参数格式 ${channels.reduce((n, [, c]) => n + c.bySchema, 0)}）`);
const regressions = report.corpus.filter((c) => c.status === 'fixed' && isFailure(c.outcome));
const open = report.corpus.filter((c) => c.status === 'open');
console.log(`回归语料：${report.corpus.length} 个，已修复的再次失败 ${regressions.length}，未修复（已知缺陷）${open.length}，其中仍失败 ${open.filter((c) => isFailure(c.outcome)).length}`);
for (const c of regressions) console.log(`  ✗ ${c.file}：${c.outcome} ${c.message ?? ''}`);
if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.exit(report.failures.length === 0 && regressions.length === 0 ? 0 : 1);
