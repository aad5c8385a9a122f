// The fuzz runner: makes input after input (each from its own seed, so input i of a run can be made again alone),
// feeds each to a worker process under a time limit, and counts what became of them. An input that crashed
// (an internal error), hung (over its limit) or was refused yet changed the year file is a failure; failures
// are saved into the regression corpus (reliability/corpus/) unless told otherwise.

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { rng, sha256 } from '../common.ts';
import { makeSeeds, nextInput, type Seeds } from './generators.ts';
import { type FuzzInput, type Outcome, type OutcomeKind, type Target, TARGETS } from './inputs.ts';
import { makeTemplateYear } from './targets.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const CORPUS = path.join(ROOT, 'reliability/corpus');
const WORKER = path.join(import.meta.dirname, 'worker.ts');

/**
 * Per input. The seeds are small files an import reads in well under a second; an officer waiting ten seconds on
 * one has met a hang (the legacy readers' own limit, 60 s, is a last resort, not an answer time).
 */
export const TIME_LIMIT_MS: Readonly<Record<Target, number>> = { workbook: 10_000, interchange: 5_000, api: 5_000, money: 2_000, target: 2_000, indicatorText: 2_000 };

/**
 * Defects the fuzzer found in code this work may not change (see the corpus entries marked `open`). The full run
 * feeds such inputs and counts their failures apart; the short form in CI does not make them (each costs a time
 * limit) — the corpus replays one of each.
 */
export const KNOWN_OPEN: readonly { recipe: RegExp; reason: string }[] = [
  {
    recipe: /^\[SpreadsheetML\].*嵌套 \d+ 层/,
    reason: 'electron/core/xlsx/spreadsheetML.ts：几万层嵌套的元素使 SpreadsheetML 读取变得极慢（约 3 万层即超过 60 秒，由读取器自己的时间限制停止并给出中文提示）',
  },
];

export const knownOpen = (input: FuzzInput) => KNOWN_OPEN.find((k) => k.recipe.test(input.recipe));
/** Inputs up to this size are kept in the corpus whole (gzipped); bigger ones by their run seed and number. */
const CORPUS_MAX_BYTES = 5_000_000;

export interface CorpusEntry {
  input?: FuzzInput;
  /** For an input too big to keep: the run it came from, to make it again. */
  seed?: number;
  index?: number;
  recipe: string;
  target: Target;
  found: string;
  /** `open`: a defect in code this work may not change; the reason names it. Replayed as a known failure. */
  status: 'fixed' | 'open';
  reason?: string;
}

export interface FuzzFigures {
  inputs: number;
  byTarget: Partial<Record<Target, Record<OutcomeKind, number> & { maxMs: number; totalMs: number }>>;
  /** API: payloads per channel, and how many each refused (by its schema or its handler). */
  channels: Record<string, { sent: number; refused: number; bySchema: number }>;
  failures: { index: number; target: Target; recipe: string; kind: OutcomeKind; message: string; saved?: string }[];
  /** Failures of a known open defect (KNOWN_OPEN): counted apart, not saved again. */
  known: { index: number; recipe: string; kind: OutcomeKind }[];
  /** Inputs not made because they would meet a known open defect (avoidKnown). */
  avoided: number;
  seconds: number;
}

interface Worker {
  child: ChildProcess;
  lines: AsyncIterator<string>;
}

/** The run's folder: seeds, a year file to copy, and the worker's sandbox deep enough that `../../..` stays inside. */
export async function setUp(): Promise<{ root: string; seeds: Seeds; template: string; box: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-fuzz-'));
  const seeds = await makeSeeds(path.join(root, 'seeds'));
  const template = path.join(root, 'template.db');
  makeTemplateYear(template, fs.readFileSync(path.join(ROOT, 'tests/fixtures/seeds/seed-000.json'), 'utf8'));
  const box = path.join(root, 'w', 'x', 'y', 'box');
  fs.mkdirSync(box, { recursive: true });
  return { root, seeds, template, box };
}

async function startWorker(box: string, template: string): Promise<Worker> {
  fs.rmSync(box, { recursive: true, force: true });
  fs.mkdirSync(box, { recursive: true });
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--max-old-space-size=2048', WORKER, box, template], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // Uploaded copies (import.addFiles) go under the sandbox too.
    env: { ...process.env, TMPDIR: path.join(box, 'tmp') },
  });
  child.stderr?.resume();
  const lines = readline.createInterface({ input: child.stdout!, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`fuzz worker did not start: ${String(first.value)}`);
  return { child, lines };
}

/** Feeds one input; a worker that runs over the limit or dies is replaced, and the input counts as a hang/crash. */
async function feedOne(w: { current: Worker }, box: string, template: string, input: FuzzInput): Promise<Outcome> {
  const limit = TIME_LIMIT_MS[input.target];
  w.current.child.stdin!.write(`${JSON.stringify(input)}\n`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)));
  const answer = await Promise.race([w.current.lines.next(), timeout]);
  clearTimeout(timer);
  if (answer === 'timeout' || answer.done) {
    w.current.child.kill('SIGKILL');
    w.current = await startWorker(box, template);
    return answer === 'timeout' ? { kind: 'hang', message: `超过 ${limit} ms 没有答复` } : { kind: 'internal', message: '工作进程退出（崩溃或内存耗尽）' };
  }
  return JSON.parse(answer.value) as Outcome;
}

/** Input `index` of the run with `seed`: made from its own random source, so it can be made again alone. */
export function inputAt(seeds: Seeds, seed: number, index: number, only?: readonly Target[]): FuzzInput {
  return nextInput(rng((seed * 1_000_003 + index) >>> 0), seeds, only);
}

export function save(entry: CorpusEntry): string {
  const data = entry.input ? JSON.stringify(entry.input) : `${entry.seed}:${entry.index}`;
  const file = path.join(CORPUS, entry.target, `${sha256(data).slice(0, 12)}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Mutated inputs repeat themselves (a huge string, ten thousand nested tags): kept gzipped, they stay small files.
  const stored = entry.input && entry.input.data.length > 4096 ? { ...entry, input: { ...entry.input, data: zlib.gzipSync(entry.input.data).toString('base64') }, gzip: true } : entry;
  fs.writeFileSync(file, `${JSON.stringify(stored, null, 1)}\n`);
  return path.relative(ROOT, file);
}

export function readCorpus(): { file: string; entry: CorpusEntry }[] {
  if (!fs.existsSync(CORPUS)) return [];
  return fs
    .readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const entry = JSON.parse(fs.readFileSync(path.join(CORPUS, f), 'utf8')) as CorpusEntry & { gzip?: boolean };
      if (entry.gzip && entry.input) entry.input = { ...entry.input, data: zlib.gunzipSync(Buffer.from(entry.input.data, 'base64')).toString() };
      return { file: f, entry };
    });
}

export interface FuzzOptions {
  seed: number;
  /** Random inputs to make. */
  inputs: number;
  only?: readonly Target[];
  /** Also replay the corpus (its `fixed` entries must pass): all of it, or only the `fixed` entries (open ones hang). */
  corpus?: boolean | 'fixed';
  /** Save failures into the corpus. */
  save?: boolean;
  /** Do not make inputs of a known open defect (the short form: each would cost a time limit). */
  avoidKnown?: boolean;
  log?: (line: string) => void;
}

export const isFailure = (k: OutcomeKind) => k === 'internal' || k === 'changed' || k === 'hang';

export async function fuzz(opts: FuzzOptions): Promise<FuzzFigures & { corpus: { file: string; status: string; outcome: OutcomeKind; message?: string }[] }> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const { root, seeds, template, box } = await setUp();
  const w = { current: await startWorker(box, template) };
  const figures: FuzzFigures = { inputs: 0, byTarget: {}, channels: {}, failures: [], known: [], avoided: 0, seconds: 0 };
  const corpus: { file: string; status: string; outcome: OutcomeKind; message?: string }[] = [];
  try {
    if (opts.corpus) {
      for (const { file, entry } of readCorpus().filter((c) => opts.corpus === true || c.entry.status === 'fixed')) {
        const input = entry.input ?? inputAt(seeds, entry.seed ?? 0, entry.index ?? 0);
        const out = await feedOne(w, box, template, input);
        corpus.push({ file, status: entry.status, outcome: out.kind, ...(out.message ? { message: out.message } : {}) });
      }
    }
    for (let i = 0; i < opts.inputs; i++) {
      const input = inputAt(seeds, opts.seed, i, opts.only);
      if (opts.avoidKnown && knownOpen(input)) {
        figures.avoided++;
        continue;
      }
      const started = performance.now();
      const out = await feedOne(w, box, template, input);
      const ms = performance.now() - started;
      figures.inputs++;
      const t = (figures.byTarget[input.target] ??= { accepted: 0, refused: 0, internal: 0, changed: 0, hang: 0, maxMs: 0, totalMs: 0 });
      t[out.kind]++;
      t.maxMs = Math.max(t.maxMs, Math.round(ms));
      t.totalMs += ms;
      if (input.channel) {
        const c = (figures.channels[input.channel] ??= { sent: 0, refused: 0, bySchema: 0 });
        c.sent++;
        if (out.kind === 'refused') c.refused++;
        if (out.bySchema) c.bySchema++;
      }
      if (isFailure(out.kind) && knownOpen(input)) {
        figures.known.push({ index: i, recipe: input.recipe, kind: out.kind });
        log(`（已知缺陷）#${i} ${input.recipe}：${out.kind}`);
      } else if (isFailure(out.kind)) {
        const f: FuzzFigures['failures'][number] = { index: i, target: input.target, recipe: input.recipe, kind: out.kind, message: out.message ?? '' };
        if (opts.save) {
          const small = Buffer.byteLength(input.data) <= CORPUS_MAX_BYTES;
          f.saved = save({
            ...(small ? { input } : { seed: opts.seed, index: i }),
            recipe: input.recipe,
            target: input.target,
            found: `${out.kind}: ${(out.message ?? '').split('\n')[0]}`,
            status: 'open',
          });
        }
        figures.failures.push(f);
        log(`✗ #${i} ${input.recipe}：${out.kind} ${(out.message ?? '').split('\n')[0]}`);
      }
      if ((i + 1) % 500 === 0) log(`已试 ${i + 1} 个输入，失败 ${figures.failures.length}`);
    }
  } finally {
    w.current.child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  }
  figures.seconds = Math.round((performance.now() - t0) / 1000);
  return { ...figures, corpus };
}

export { TARGETS };
