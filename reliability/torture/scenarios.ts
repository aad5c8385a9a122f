// The operations the kill harness interrupts, each on a copy of one prepared workspace: a large load, an import
// (xlsx and a legacy .xls, with its backup), a roll-forward (the app's job, and the CLI's), a burst of edits
// through the handler map, and an export. `prepare` builds the workspace once per run; `act` is what the child
// process does (and is killed in the middle of).

import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli/main.ts';
import { invoke, type Session } from '../../electron/core/api/handlers.ts';
import { AppSession } from '../../electron/core/app/session.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { parseInterchange, serializeInterchange } from '../../shared/interchange.ts';
import { t1Messy, t2Messy } from '../../tests/fixtures/import/makeFixtures.ts';
import { bigYear, rng, sha256 } from '../common.ts';

export const SCENARIOS = ['load', 'import', 'import-app', 'rollforward', 'rollforward-cli', 'edits', 'export'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * Operations with a known defect the harness finds, in code this work may not change; the figures still count
 * them, apart. `npm run torture` exits 1 only for failures of the others.
 */
export const KNOWN_DEFECTS: Partial<Record<Scenario, string>> = {};

export const YEAR = 2023;
/** Paths inside a workspace. */
export const W = {
  year: 'data/2023年绩效目标.db',
  next: 'data/2024年绩效目标.db',
  big: 'in/载入数据.json',
  sources: ['in/T1-messy-003.xlsx', 'in/T2-messy-002.xlsx', 'in/T1-000.xls'],
  export: 'out/项目绩效目标表.xlsx',
  edits: 'edits.json',
  config: 'config',
} as const;

const ROOT = path.resolve(import.meta.dirname, '../..');

/** One call through the handler map, as the burst replays it. */
export interface ApiCall {
  channel: string;
  input: unknown;
}

export interface Workspace {
  dir: string;
  /** sha256 of the year file's dump after each step of the edit burst (index 0: before any). */
  editStates: string[];
}

export function dumpHash(store: YearStore): string {
  return sha256(serializeInterchange(store.read()));
}

function project(store: YearStore, r: ReturnType<typeof rng>): number {
  const ids = store.db.prepare('SELECT id FROM project ORDER BY id').pluck().all() as number[];
  return r.pick(ids);
}

/** The next call of the burst, chosen from the year as it is now. */
function nextCall(store: YearStore, r: ReturnType<typeof rng>, i: number): ApiCall {
  const kind = r.int(0, 9);
  const units = store.db.prepare('SELECT id FROM unit ORDER BY id').pluck().all() as number[];
  switch (kind) {
    case 0:
      return { channel: 'project.add', input: { unitId: r.pick(units), index: 0, name: `突发新增项目${i}` } };
    case 1:
      return {
        channel: 'indicator.add',
        input: { projectId: project(store, r), level1: '产出指标', level2: '数量指标', fields: { name: `新指标${i}`, annualValue: `≥${i}个` } },
      };
    case 2:
      return { channel: 'project.delete', input: { ids: [project(store, r)] } };
    case 3:
      return { channel: 'project.move', input: { id: project(store, r), index: r.int(0, 5) } };
    case 4:
      return { channel: 'history.undo', input: {} };
    case 5:
      return { channel: 'history.redo', input: {} };
    default: {
      // A pasted block: several cells of several projects, all or nothing.
      const changes = Array.from({ length: r.int(1, 40) }, (_, k) => ({
        entity: 'project' as const,
        id: project(store, r),
        field: r.pick(['name', 'fiscal', 'goal', 'other', 'purpose']),
        value: String(k % 2 === 0 ? `${r.int(1, 99999)}.${r.int(10, 99)}` : `编辑${i}-${k}`),
      })).map((c) => (c.field === 'fiscal' || c.field === 'other' ? { ...c, value: `${r.int(0, 9999)}.${r.int(0, 99)}` } : c));
      return { channel: 'edit.cells', input: { changes, label: `粘贴${i}` } };
    }
  }
}

/**
 * Builds the workspace every kill starts from: a year file with a history, the files to load and import, and the
 * edit burst (each call chosen against the year as the calls before it left it, with the state after each).
 */
export async function prepare(dir: string, seed: number, sizes = { base: 600, load: 800, edits: 40 }): Promise<Workspace> {
  for (const d of ['data', 'in', 'out', W.config]) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const yearFile = path.join(dir, W.year);
  const store = YearStore.create(yearFile, { fiscalYear: YEAR, framework: 'A' });
  try {
    store.append(parseInterchange(fs.readFileSync(path.join(ROOT, 'tests/fixtures/seeds/seed-001.json'), 'utf8')), '载入 seed-001');
    store.append(bigYear(YEAR, sizes.base, '基础'), '载入基础数据');
    const s: Session = { store };
    invoke(s, 'department.add', { name: '新增部门' });
    invoke(s, 'history.undo', {});
  } finally {
    store.close();
  }
  fs.writeFileSync(path.join(dir, W.big), serializeInterchange(bigYear(YEAR, sizes.load, '载入')));
  const t1 = await t1Messy(path.join(dir, 'in'), '003');
  const t2 = await t2Messy(path.join(dir, 'in'));
  if (path.relative(dir, t1) !== W.sources[0] || path.relative(dir, t2) !== W.sources[1]) throw new Error(`fixture names changed: ${t1}, ${t2}`);
  fs.copyFileSync(path.join(ROOT, 'tests/fixtures/legacy/T1-000.xls'), path.join(dir, W.sources[2]));

  // The burst: chosen and applied on a scratch copy, so the workspace's year file stays as it is.
  const scratch = path.join(dir, 'scratch.db');
  fs.copyFileSync(yearFile, scratch);
  const r = rng(seed);
  const calls: ApiCall[] = [];
  const editStates: string[] = [];
  const work = YearStore.open(scratch);
  try {
    editStates.push(dumpHash(work));
    for (let i = 0; calls.length < sizes.edits; i++) {
      const call = nextCall(work, r, i);
      const before = work.revision();
      try {
        await invoke({ store: work }, call.channel, call.input);
      } catch {
        continue; // refused (nothing to redo, say): not part of the burst
      }
      if (work.revision() === before) continue; // changed nothing: no state of its own
      calls.push(call);
      editStates.push(dumpHash(work));
    }
  } finally {
    work.close();
    fs.rmSync(scratch);
  }
  fs.writeFileSync(path.join(dir, W.edits), JSON.stringify(calls));
  return { dir, editStates };
}

function appSession(dir: string): AppSession {
  return new AppSession({ configDir: path.join(dir, W.config), defaultDataDir: path.join(dir, 'data') }, { pathsFromPage: true });
}

async function waitJob(a: AppSession, id: string): Promise<void> {
  for (;;) {
    const s = invoke(a, 'job.status', { id });
    if (s.status === 'failed') throw new Error(`job failed: ${s.error?.message ?? ''}`);
    if (s.status !== 'running') return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function cli(args: string[]): Promise<void> {
  let err = '';
  const code = await runCli(args, { out: () => {}, err: (t) => (err += t) });
  if (code !== 0) throw new Error(`cli ${args[0]} exited ${code}: ${err}`);
}

/**
 * What the child does in `dir`: `ready` is called when the operation proper starts (after the session is set up),
 * so the kill falls inside the operation, not inside Node's start-up.
 */
export async function act(scenario: Scenario, dir: string, ready: () => void): Promise<void> {
  const p = (rel: string) => path.join(dir, rel);
  switch (scenario) {
    case 'load':
      ready();
      return cli(['load', p(W.year), p(W.big)]);
    case 'import':
      ready();
      return cli(['import', p(W.year), ...W.sources.map(p)]);
    case 'import-app': {
      const a = appSession(dir);
      invoke(a, 'app.openYear', { file: p(W.year) });
      ready();
      const files = invoke(a, 'import.addPaths', { paths: W.sources.map(p) }).map((f) => f.id);
      const job = invoke(a, 'import.start', { files, target: 'open', policy: 'add' });
      await waitJob(a, job.id);
      a.store?.close();
      return;
    }
    case 'rollforward': {
      const a = appSession(dir);
      invoke(a, 'app.openYear', { file: p(W.year) });
      ready();
      const job = invoke(a, 'rollforward.start', { toYear: YEAR + 1, keepAmounts: false });
      await waitJob(a, job.id);
      a.store?.close();
      return;
    }
    case 'rollforward-cli':
      ready();
      return cli(['rollforward', p(W.year), p(W.next)]);
    case 'edits': {
      const calls = JSON.parse(fs.readFileSync(p(W.edits), 'utf8')) as ApiCall[];
      const store = YearStore.open(p(W.year));
      ready();
      try {
        for (const c of calls) await invoke({ store }, c.channel, c.input);
      } finally {
        store.close();
      }
      return;
    }
    case 'export':
      ready();
      return cli(['export', p(W.year), '--template', 'project', '--out', p(W.export)]);
  }
}
