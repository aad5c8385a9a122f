// Runs a legacy-format parse in a worker thread under a hard time and memory limit: the parsers are synchronous, and
// a hostile or pathological file must not hang or exhaust the app. The worker is terminated on timeout or cancel.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../../shared/errors.ts';
import type { SheetData } from '../../../shared/import/sheetGrid.ts';
import type { LegacyJob, LegacyReply } from './legacyWorker.ts';

/** Time one legacy file may take to parse (a 5,000-project SpreadsheetML T2 of 59 MB takes about 7 s here). */
export const PARSE_TIMEOUT_MS = 60_000;
/** Heap the parsing worker may use. */
export const PARSE_MEMORY_MB = 2048;

// Beside this module: legacyWorker.ts when run from source, legacyWorker.js in the bundled shell.
const WORKER_URL = new URL(`./legacyWorker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export interface ParseLimits {
  timeoutMs?: number;
  /** Stops the parse (the worker is terminated) when aborted. */
  signal?: AbortSignal;
}

export function readLegacy(job: LegacyJob, limits: ParseLimits = {}): Promise<SheetData[]> {
  const timeoutMs = limits.timeoutMs ?? PARSE_TIMEOUT_MS;
  const { signal } = limits;
  if (signal?.aborted) return Promise.reject(new UserError(`已取消读取“${job.name}”`));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: job,
      transferList: [job.bytes.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: PARSE_MEMORY_MB },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (act: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      act();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new UserError(
              `读取“${job.name}”超过 ${timeoutMs / 1000} 秒仍未完成，已停止。文件可能已损坏，或大得不像是绩效目标表。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
            ),
          ),
        ),
      timeoutMs,
    );
    const onAbort = () => finish(() => reject(new UserError(`已取消读取“${job.name}”`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: LegacyReply) =>
      finish(() => {
        if (reply.ok) resolve(reply.sheets);
        else if (reply.userError) reject(new UserError(reply.message));
        else reject(new UserError(`“${job.name}”无法读取（${reply.message}），文件可能已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`));
      }),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          new UserError(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `读取“${job.name}”所需内存超过 ${PARSE_MEMORY_MB} MB，已停止。文件可能已损坏，或大得不像是绩效目标表，未导入`
              : `“${job.name}”无法读取（${e.message}），文件可能已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
          ),
        ),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(new UserError(`“${job.name}”无法读取（读取过程意外结束，代码 ${code}），文件可能已损坏`))));
  });
}
