// Feeds one input to what it targets, in the worker process, and says what became of it. A workbook goes through
// the real import (year.import on a real year file), interchange JSON through year.load, a payload through
// `invoke` of an app session with a year open; a refusal must be a UserError and leave the year file's bytes as
// they were. Parsers must answer, never throw anything but a UserError (the indicator-text parser its own
// IndicatorTextError, which carries the Chinese message and where reading stopped).

import fs from 'node:fs';
import path from 'node:path';
import { invoke } from '../../electron/core/api/handlers.ts';
import { AppSession } from '../../electron/core/app/session.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { UserError } from '../../shared/errors.ts';
import { FRAMEWORKS } from '../../shared/frameworks.ts';
import { IndicatorTextError, parseIndicatorText } from '../../shared/indicatorText.ts';
import type { JobState } from '../../shared/api.ts';
import { parseInterchange } from '../../shared/interchange.ts';
import { formatMoney, parseMoney } from '../../shared/money.ts';
import { parseTarget, renderTarget } from '../../shared/target.ts';
import { fileSha256 } from '../common.ts';
import { decodePayload, type FuzzInput, type Outcome } from './inputs.ts';

const YEAR_FILE = '2023年绩效目标.db';

/** The worker's folder: a year file to import into, the data folder of the app session, and room for files. */
export class Sandbox {
  readonly dir: string;
  private readonly template: string;
  private readonly app: AppSession;
  private calls = 0;

  constructor(dir: string, templateYear: string) {
    this.dir = dir;
    this.template = templateYear;
    for (const d of ['data', 'out', 'in', 'config', 'tmp']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    this.app = new AppSession({ configDir: path.join(dir, 'config'), defaultDataDir: path.join(dir, 'data') }, { pathsFromPage: true });
    this.reset();
  }

  get yearFile(): string {
    return path.join(this.dir, 'data', YEAR_FILE);
  }

  /** Puts the year file back as it was, and the session back on it. */
  reset(): void {
    this.app.store?.close();
    this.app.store = null;
    fs.copyFileSync(this.template, this.yearFile);
    this.app.useDataDir(path.join(this.dir, 'data'));
    this.app.open(this.yearFile);
  }

  /** Before each call: the session on the fuzz year (a payload may have closed it or opened another). */
  private ready(): AppSession {
    if (++this.calls % 300 === 0 || this.app.store?.path !== this.yearFile || !fs.existsSync(this.yearFile)) this.reset();
    else if (this.app.dataDir() !== path.join(this.dir, 'data')) this.app.useDataDir(path.join(this.dir, 'data'));
    return this.app;
  }

  /** Runs `fn` against the year; a refusal must leave the file's bytes as they were. */
  async guarded(fn: (a: AppSession) => unknown): Promise<Outcome> {
    const a = this.ready();
    const before = fileSha256(this.yearFile);
    let outcome: Outcome;
    try {
      const out = await fn(a);
      outcome = { kind: 'accepted' };
      const job = jobOf(out);
      if (job) outcome = await this.finish(a, job);
    } catch (e) {
      outcome = refusal(e);
    }
    if (outcome.kind === 'refused' && fs.existsSync(this.yearFile) && fileSha256(this.yearFile) !== before) {
      outcome = { kind: 'changed', message: `拒绝了，但年度文件变了：${outcome.message ?? ''}` };
    }
    return outcome;
  }

  /** A job's own failure counts like a thrown one: it must be a UserError too. */
  private async finish(a: AppSession, job: JobState): Promise<Outcome> {
    let s = job;
    while (s.status === 'running') {
      await new Promise((r) => setTimeout(r, 5));
      s = invoke(a, 'job.status', { id: s.id });
    }
    if (s.status === 'failed') return s.error?.userError ? { kind: 'refused', message: s.error.message } : { kind: 'internal', message: s.error?.message ?? '' };
    return { kind: 'accepted' };
  }
}

function jobOf(out: unknown): JobState | null {
  if (out && typeof out === 'object' && 'status' in out && 'kind' in out && 'id' in out && (out as JobState).status === 'running') return out as JobState;
  return null;
}

function refusal(e: unknown): Outcome {
  if (e instanceof UserError) return { kind: 'refused', message: e.message, bySchema: e.message.endsWith('的参数不对') };
  const err = e as Error;
  return { kind: 'internal', message: `${err?.name ?? typeof e}: ${err?.message ?? String(e)}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}` };
}

function parser(fn: () => boolean): Outcome {
  try {
    return { kind: fn() ? 'accepted' : 'refused' };
  } catch (e) {
    if (e instanceof IndicatorTextError) return { kind: 'refused', message: e.message };
    return refusal(e);
  }
}

export async function feed(box: Sandbox, input: FuzzInput): Promise<Outcome> {
  switch (input.target) {
    case 'workbook': {
      const file = path.join(box.dir, 'in', input.name);
      fs.writeFileSync(file, Buffer.from(input.data, 'base64'));
      try {
        return await box.guarded((a) => invoke(a, 'year.import', { sources: [file] }));
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    case 'interchange':
      return box.guarded((a) => invoke(a, 'year.load', { json: input.data, source: input.name }));
    case 'api':
      return box.guarded((a) => invoke(a, input.channel ?? '', decodePayload(input.data)));
    case 'money':
      return parser(() => {
        const r = parseMoney(input.data);
        if (!r.ok) {
          if (!/[\u4e00-\u9fff]/.test(r.message)) throw new Error(`金额的拒绝信息不是中文：${r.message}`);
          return false;
        }
        // What was read is what is shown: formatting and reading again gives the same amount.
        const again = parseMoney(formatMoney(r.cents));
        if (!again.ok || again.cents !== r.cents) throw new Error(`金额读写不一致：${input.data} → ${r.cents} → ${formatMoney(r.cents)}`);
        return true;
      });
    case 'target':
      return parser(() => {
        const t = parseTarget(input.data);
        if (t.op !== '定性' && t.number !== null) {
          // A recognised value, written back in its canonical form, is recognised as the same value.
          const again = parseTarget(renderTarget(t));
          if (again.op !== t.op || again.number !== t.number) throw new Error(`指标值读写不一致：${input.data} → ${renderTarget(t)}`);
        }
        return t.op !== '定性';
      });
    case 'indicatorText':
      return parser(() => {
        for (const fw of [FRAMEWORKS.A, FRAMEWORKS.B]) parseIndicatorText(input.data, fw);
        return true;
      });
  }
}

/** A year file to fuzz against: the seed data every payload can find rows in. */
export function makeTemplateYear(file: string, seedJson: string): void {
  const store = YearStore.create(file, { fiscalYear: 2023, framework: 'A' });
  try {
    store.append(parseInterchange(seedJson), '载入');
  } finally {
    store.close();
  }
}
