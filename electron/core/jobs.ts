// Long operations (import, export, roll-forward) run as jobs: the call that starts one answers at once with its id,
// the page asks how far it has got (a progress bar) and may cancel it. A job writes nothing until its last step, and
// that step is atomic (one SQLite transaction, or a file renamed into place), so a cancel at any moment leaves the
// year file and the folders as they were.

import crypto from 'node:crypto';
import { UserError } from '../../shared/errors.ts';
import type { JobState } from '../../shared/api.ts';
import { failureOf } from './api/failure.ts';

export class JobCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'JobCancelled';
  }
}

export interface JobContext {
  /** Says how far the job has got; `label` is what the officer reads under the bar. */
  progress(done: number, total: number, label: string): void;
  /** Stops the job here when the officer has cancelled it; lets other calls (the progress polls) through. */
  checkpoint(): Promise<void>;
  readonly signal: AbortSignal;
}

interface Job {
  state: JobState;
  abort: AbortController;
}

/** How long a finished job's answer is kept for the page to collect. */
const KEEP_MS = 10 * 60 * 1000;

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  start<T>(kind: string, run: (ctx: JobContext) => Promise<T>): JobState {
    const id = crypto.randomUUID();
    const abort = new AbortController();
    const job: Job = { state: { id, kind, status: 'running', progress: { done: 0, total: 1, label: '正在开始…' } }, abort };
    this.jobs.set(id, job);
    const ctx: JobContext = {
      signal: abort.signal,
      progress: (done, total, label) => {
        job.state = { ...job.state, progress: { done, total, label } };
      },
      checkpoint: async () => {
        await new Promise((r) => setImmediate(r));
        if (abort.signal.aborted) throw new JobCancelled();
      },
    };
    void (async () => {
      try {
        await ctx.checkpoint();
        const result = await run(ctx);
        job.state = { ...job.state, status: 'done', result };
      } catch (e) {
        if (e instanceof JobCancelled || abort.signal.aborted) {
          job.state = { ...job.state, status: 'cancelled' };
        } else {
          job.state = { ...job.state, status: 'failed', error: failureOf(e) };
        }
      } finally {
        setTimeout(() => this.jobs.delete(id), KEEP_MS).unref();
      }
    })();
    return job.state;
  }

  status(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new UserError('找不到这项操作（可能已结束很久）');
    return job.state;
  }

  cancel(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new UserError('找不到这项操作（可能已结束很久）');
    if (job.state.status === 'running') job.abort.abort();
    return job.state;
  }

  /** Waits for a job to end (tests, and hosts that have no page to poll). */
  async wait(id: string): Promise<JobState> {
    for (;;) {
      const s = this.status(id);
      if (s.status !== 'running') return s;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
