// `npm run torture -- --kills N [--seed S] [--scenarios load,import,…] [--small] [--keep-failures] [--json FILE]`:
// kills operations at random moments and checks nothing was lost (torture/harness.ts). Exits 1 when any kill left
// the files in a state it must not.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { torture } from './torture/harness.ts';
import { KNOWN_DEFECTS, SCENARIOS, type Scenario } from './torture/scenarios.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    scenarios: { type: 'string' },
    small: { type: 'boolean' },
    'keep-failures': { type: 'boolean' },
    json: { type: 'string' },
  },
});
const scenarios = values.scenarios ? (values.scenarios.split(',') as Scenario[]) : [...SCENARIOS];
for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}; known: ${SCENARIOS.join(', ')}`);

const report = await torture({
  kills: Number(values.kills),
  seed: Number(values.seed),
  scenarios,
  small: values.small ?? false,
  keepFailures: values['keep-failures'] ?? false,
  log: (l) => console.log(l),
});
console.log(`\n种子 ${report.seed}：杀掉 ${report.kills} 次，${report.survived} 次无损，${report.failures.length} 次有问题，用时 ${report.seconds} s`);
console.log('操作             次数  操作中  已完成  操作前  操作后  中间  时长ms  失败');
for (const [sc, f] of Object.entries(report.scenarios)) {
  console.log(`${sc.padEnd(16)} ${[f.kills, f.midOperation, f.finished, f.before, f.after, f.between, f.durationMs, f.failures].map((n) => String(n).padStart(6)).join('  ')}`);
}
console.log('留下的临时文件：', Object.keys(report.leftovers).length === 0 ? '无' : '');
for (const [kind, n] of Object.entries(report.leftovers)) console.log(`  ${kind}：${n}`);
if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
const known = report.failures.filter((f) => KNOWN_DEFECTS[f.scenario]);
for (const sc of new Set(known.map((f) => f.scenario))) {
  console.log(`已知缺陷（${sc}，${known.filter((f) => f.scenario === sc).length} 次）：${KNOWN_DEFECTS[sc] ?? ''}`);
}
process.exit(report.failures.length === known.length ? 0 : 1);
