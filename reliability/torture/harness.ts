// The kill harness: prepares one workspace, runs each operation once to the end (its duration and the state it
// ends in), then, kill after kill, copies the workspace, starts the operation in a child process, SIGKILLs it
// after a random delay drawn over that duration and checks what is left (check.ts). Deterministic by seed: the
// same seed picks the same operations, delays and edits (when a kill lands still depends on the machine).

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { rng } from '../common.ts';
import { backupProblems, checkFiles, checkYear, filesOf, workbookShape } from './check.ts';
import { act, dumpHash, prepare, SCENARIOS, type Scenario, W } from './scenarios.ts';

export interface TortureOptions {
  kills: number;
  seed: number;
  scenarios?: readonly Scenario[];
  /** Smaller data for the short form in CI. */
  small?: boolean;
  /** Keep the folder of each failed kill (its path is in the failure). */
  keepFailures?: boolean;
  log?: (line: string) => void;
}

export interface ScenarioFigures {
  kills: number;
  /** Killed while the operation ran. */
  midOperation: number;
  /** The operation had finished when the kill came. */
  finished: number;
  /** How many kills left the year file in the state before, after, or between two calls of the burst. */
  before: number;
  after: number;
  between: number;
  /** The operation's duration in the child, ms (kills are drawn over it). */
  durationMs: number;
  failures: number;
}

export interface Failure {
  kill: number;
  scenario: Scenario;
  delayMs: number;
  problems: string[];
  dir?: string;
}

export interface TortureReport {
  seed: number;
  kills: number;
  survived: number;
  scenarios: Partial<Record<Scenario, ScenarioFigures>>;
  leftovers: Record<string, number>;
  failures: Failure[];
  seconds: number;
}

const CHILD = path.join(import.meta.dirname, 'child.ts');
/** Without a measured child run: the reference's duration times this (the child is slower: it starts cold). */
const SPAN = 1.5;

interface Warm {
  child: ChildProcess;
  lines: AsyncIterator<string>;
  ready: Promise<void>;
}

/** Starts a child that loads the code and waits for its orders: the next kill's start-up overlaps this kill's checks. */
function warmChild(): Warm {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr?.resume();
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ready = (async () => {
    const first = await lines.next();
    if (first.value !== 'ready') throw new Error(`child did not start: ${String(first.value)}`);
  })();
  // The last warm child is killed unused: its start-up failing then is no one's concern.
  ready.catch(() => {});
  return { child, lines, ready };
}

interface RunResult {
  /** ms from `go` to the end. */
  ms: number;
  done: boolean;
  error?: string;
}

async function run(w: Warm, scenario: Scenario, dir: string, killAfter: number | null): Promise<RunResult> {
  await w.ready;
  const exited = new Promise<void>((resolve) => w.child.once('exit', () => resolve()));
  w.child.stdin!.write(`${JSON.stringify({ scenario, dir })}\n`);
  let t0 = 0;
  let done = false;
  let error: string | undefined;
  for (;;) {
    const { value, done: end } = await w.lines.next();
    if (end) break;
    if (value === 'go') {
      t0 = performance.now();
      if (killAfter !== null) setTimeout(() => w.child.kill('SIGKILL'), killAfter);
    } else if (value === 'done') done = true;
    else if (value.startsWith('error ')) error = JSON.parse(value.slice(6)) as string;
  }
  await exited;
  return { ms: t0 ? performance.now() - t0 : 0, done, ...(error === undefined ? {} : { error }) };
}

function yearHash(file: string): string {
  const s = YearStore.open(file, { readonly: true });
  try {
    return dumpHash(s);
  } finally {
    s.close();
  }
}

interface Reference {
  ms: number;
  after: string;
  next?: string;
  workbook?: string;
}

export async function torture(opts: TortureOptions): Promise<TortureReport> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const scenarios = opts.scenarios ?? SCENARIOS;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-torture-'));
  const base = path.join(root, 'base');
  const sizes = opts.small ? { base: 40, load: 200, edits: 15 } : { base: 300, load: 800, edits: 40 };
  const ws = await prepare(base, opts.seed, sizes);
  const baseFiles = filesOf(base);
  const before = yearHash(path.join(base, W.year));
  log(`工作区已备好：${root}`);

  let warm = warmChild();
  const take = () => {
    const w = warm;
    warm = warmChild();
    return w;
  };

  // The states each operation ends in, from a run to the end in this process (the child runs the same code).
  const refs = new Map<Scenario, Reference>();
  for (const sc of scenarios) {
    const dir = path.join(root, `ref-${sc}`);
    fs.cpSync(base, dir, { recursive: true });
    let go = 0;
    await act(sc, dir, () => (go = performance.now()));
    const ref: Reference = { ms: performance.now() - go, after: yearHash(path.join(dir, W.year)) };
    if (fs.existsSync(path.join(dir, W.next))) ref.next = yearHash(path.join(dir, W.next));
    if (fs.existsSync(path.join(dir, W.export))) ref.workbook = await workbookShape(path.join(dir, W.export));
    if (sc === 'edits' && ref.after !== ws.editStates.at(-1)) throw new Error('重放的编辑与准备时的结果不同');
    refs.set(sc, ref);
    fs.rmSync(dir, { recursive: true, force: true });
    log(`${sc}：不打断时 ${ref.ms.toFixed(0)} ms`);
  }

  // The span kills are drawn over: the child's own duration (it starts colder than this process). A long run measures
  // it once per operation; the short form starts from the reference and shortens the span when a child finishes early.
  const span = new Map<Scenario, number>();
  for (const sc of scenarios) {
    let ms = (refs.get(sc) as Reference).ms * SPAN;
    if (opts.kills >= 10 * scenarios.length) {
      const dir = path.join(root, `calibrate-${sc}`);
      fs.cpSync(base, dir, { recursive: true });
      const res = await run(take(), sc, dir, null);
      if (!res.done) throw new Error(`${sc} 在子进程中没有完成：${res.error ?? ''}`);
      ms = res.ms;
      fs.rmSync(dir, { recursive: true, force: true });
      log(`${sc}：子进程中 ${ms.toFixed(0)} ms`);
    }
    span.set(sc, ms);
  }

  const r = rng(opts.seed ^ 0x5eed);
  const figures: Partial<Record<Scenario, ScenarioFigures>> = {};
  const leftovers: Record<string, number> = {};
  const failures: Failure[] = [];
  for (let k = 0; k < opts.kills; k++) {
    const sc = scenarios[k % scenarios.length] as Scenario;
    const ref = refs.get(sc) as Reference;
    const f = (figures[sc] ??= { kills: 0, midOperation: 0, finished: 0, before: 0, after: 0, between: 0, durationMs: Math.round(span.get(sc) as number), failures: 0 });
    // Half the kills anywhere in the operation, half in its last 40 % and a little beyond: that is where the
    // commit, the rename into place and the backup's rename fall, and where a uniform draw lands least often.
    const whole = span.get(sc) as number;
    const delay = k % 2 === 0 ? r.next() * whole : whole * (0.6 + 0.5 * r.next());
    const dir = path.join(root, `kill-${k}`);
    fs.cpSync(base, dir, { recursive: true });
    const res = await run(take(), sc, dir, delay);
    const problems: string[] = [];
    if (res.error) problems.push(`操作出错：${res.error}`);
    f.kills++;
    if (res.done) {
      f.finished++;
      span.set(sc, Math.min(span.get(sc) as number, res.ms));
      f.durationMs = Math.round(span.get(sc) as number);
    }
    else f.midOperation++;

    const made = [W.next, W.export].filter((m) => fs.existsSync(path.join(dir, m)));
    const files = checkFiles(dir, baseFiles, made);
    problems.push(...files.problems);
    for (const [kind, n] of Object.entries(files.leftovers)) leftovers[kind] = (leftovers[kind] ?? 0) + n;

    const states = sc === 'edits' ? ws.editStates : sc === 'load' || sc === 'import' || sc === 'import-app' ? [before, ref.after] : [before];
    const undoTo = sc === 'load' || sc === 'import' || sc === 'import-app' ? new Map([[1, 0]]) : undefined;
    const year = checkYear(path.join(dir, W.year), states, undoTo);
    problems.push(...year.problems);
    if (year.state === 0) f.before++;
    else if (year.state === states.length - 1) f.after++;
    else if (year.state > 0) f.between++;
    problems.push(...backupProblems(path.join(dir, W.year), [before]));
    if (ref.next) problems.push(...backupProblems(path.join(dir, W.next), [ref.next]).map((p) => `新年度文件的${p}`));

    if (made.includes(W.next)) {
      const next = checkYear(path.join(dir, W.next), ref.next ? [ref.next] : []);
      problems.push(...next.problems.map((p) => `新年度文件：${p}`));
    }
    if (made.includes(W.export)) {
      try {
        const shape = await workbookShape(path.join(dir, W.export));
        if (shape !== ref.workbook) problems.push(`导出的文件不完整：${shape}`);
      } catch (e) {
        problems.push(`导出的文件读不出：${(e as Error).message}`);
      }
    }

    if (problems.length > 0) {
      f.failures++;
      failures.push({ kill: k, scenario: sc, delayMs: Math.round(delay), problems, ...(opts.keepFailures ? { dir } : {}) });
      log(`✗ 第 ${k + 1} 次（${sc}，${delay.toFixed(0)} ms）：${problems.join('；')}`);
    }
    if (!(problems.length > 0 && opts.keepFailures)) fs.rmSync(dir, { recursive: true, force: true });
    if ((k + 1) % 50 === 0) log(`已杀 ${k + 1} 次，失败 ${failures.length}`);
  }
  warm.child.kill('SIGKILL');
  if (failures.length === 0 || !opts.keepFailures) fs.rmSync(root, { recursive: true, force: true });
  return {
    seed: opts.seed,
    kills: opts.kills,
    survived: opts.kills - failures.length,
    scenarios: figures,
    leftovers,
    failures,
    seconds: Math.round((performance.now() - t0) / 1000),
  };
}
