// Long operations from the page's side: start one, follow its progress, cancel it. The core runs it as a job; the
// page asks how far it has got a few times a second.
import type { JobState } from '../../../shared/api.ts';
import { ApiError, call } from './client.ts';

export interface JobHandle<T> {
  /** The job's answer; rejects with the core's message, or with JobCancelledError when cancelled. */
  done: Promise<T>;
  cancel(): Promise<void>;
}

export class JobCancelledError extends Error {
  constructor() {
    super('已取消');
  }
}

export function followJob<T>(started: Promise<JobState>, onProgress: (p: JobState['progress']) => void): JobHandle<T> {
  let id: string | null = null;
  let cancelAsked = false;
  const done = (async () => {
    let s = await started;
    id = s.id;
    if (cancelAsked) await call('job.cancel', { id });
    while (s.status === 'running') {
      onProgress(s.progress);
      await new Promise((r) => setTimeout(r, 120));
      s = await call('job.status', { id: s.id });
    }
    onProgress(s.progress);
    if (s.status === 'done') return s.result as T;
    if (s.status === 'cancelled') throw new JobCancelledError();
    const e = s.error;
    throw new ApiError(e?.message ?? '操作失败', e?.details ?? [], e?.userError ?? false, e?.code);
  })();
  return {
    done,
    cancel: async () => {
      cancelAsked = true;
      if (id) await call('job.cancel', { id });
    },
  };
}
