// Shared by the integration tests: a fresh temporary folder per test, and the CLI. `cli` runs the command line in
// this process (runCli with captured output: the same code, exit codes and messages, without a Node start-up per
// call); `cliProcess` runs it as the real program, a child `node` with the entry point `npm run cli` uses, for the
// tests where the process boundary itself is what is tested.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { runCli } from '../../electron/cli/main.ts';
import { AppSession } from '../../electron/core/app/session.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SEEDS_DIR = path.join(ROOT, 'tests/fixtures/seeds');
export const SEEDS = ['000', '001', '002', '003', '004'] as const;
export type SeedId = (typeof SEEDS)[number];

export function seedPath(id: SeedId): string {
  return path.join(SEEDS_DIR, `seed-${id}.json`);
}

export function seedMeta(id: SeedId): { fiscalYear: number; framework: string } {
  const j = JSON.parse(fs.readFileSync(seedPath(id), 'utf8')) as { fiscalYear: number; framework: string };
  return { fiscalYear: j.fiscalYear, framework: j.framework };
}

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A new empty folder, removed after the test. */
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-test-'));
  made.push(d);
  return d;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

export function cliProcess(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', path.join(ROOT, 'electron/cli/main.ts'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A year file holding the given seed's data. */
export async function yearFileWithSeed(id: SeedId, dir = tempDir()): Promise<string> {
  const file = path.join(dir, `seed-${id}.db`);
  const meta = seedMeta(id);
  const made = await cli('new', file, '--year', String(meta.fiscalYear), '--framework', meta.framework);
  if (made.code !== 0) throw new Error(made.stderr);
  const loaded = await cli('load', file, seedPath(id));
  if (loaded.code !== 0) throw new Error(loaded.stderr);
  return file;
}

/** The app's session as a host makes it, over a data folder that also holds its settings (config/). */
export function appSessionIn(root: string, pathsFromPage = true): AppSession {
  return new AppSession({ configDir: path.join(root, 'config'), defaultDataDir: root }, { pathsFromPage });
}

/** A session with a seed's year file open, in a fresh data folder `root`. */
export async function appWithSeed(id: SeedId, pathsFromPage = true): Promise<{ s: AppSession; root: string; file: string }> {
  const root = tempDir();
  const file = await yearFileWithSeed(id, root);
  const s = appSessionIn(root, pathsFromPage);
  s.open(file);
  return { s, root, file };
}
