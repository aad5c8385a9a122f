// The README's test command (`npm test`): type checks, the linter, then every test, ending with the line
// `N passed, N failed` that CI reads. Each check counts as one item next to the test cases.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (step(label, cmd, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

check('类型检查：Node 端（shared、electron、tests）', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('类型检查：shared 不依赖 Node 与 DOM', bin('tsc'), ['-p', 'shared/tsconfig.json', '--noEmit']);
check('类型检查：renderer', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']);
check('类型检查：端到端测试', bin('tsc'), ['-p', 'tests/e2e/tsconfig.json', '--noEmit']);
check('代码检查：oxlint', bin('oxlint'), ['--deny-warnings', 'shared', 'electron', 'renderer/src', 'tests', 'scripts', 'bench', 'reliability']);

const vitestReport = path.join(tmp, 'vitest.json');
fs.rmSync(vitestReport, { force: true });
step('单元与集成测试：vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`]);
if (fs.existsSync(vitestReport)) {
  const r = JSON.parse(fs.readFileSync(vitestReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTests > 0) failures.push(`vitest：${r.numFailedTests} 个测试失败`);
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) {
    failed += r.numFailedTestSuites;
    failures.push(`vitest：${r.numFailedTestSuites} 个测试文件无法运行`);
  }
} else {
  failed++;
  failures.push('vitest 没有产生报告');
}

const e2eDir = path.join(root, 'tests', 'e2e');
if (fs.existsSync(e2eDir) && fs.readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'))) {
  const pwReport = path.join(tmp, 'playwright.json');
  fs.rmSync(pwReport, { force: true });
  step('端到端测试：playwright（Chromium）', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
  });
  if (fs.existsSync(pwReport)) {
    const s = JSON.parse(fs.readFileSync(pwReport, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    if (s.unexpected > 0) failures.push(`playwright：${s.unexpected} 个测试失败`);
  } else {
    failed++;
    failures.push('playwright 没有产生报告');
  }
}

if (failures.length > 0) process.stdout.write(`\n失败：\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
