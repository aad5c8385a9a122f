// Worker thread that parses one legacy-format file (SpreadsheetML, binary .xls/.et, .ods). The parsers are
// synchronous, so they run here, where the main thread can stop them after a time limit (legacyRead.ts) and where a
// hostile file that exhausts memory ends only this thread. It answers with the sheet grid or a message.

import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/errors.ts';
import type { SheetData } from '../../../shared/import/sheetGrid.ts';

export type LegacyFormat = 'spreadsheetml' | 'ole2' | 'ods';

export interface LegacyJob {
  format: LegacyFormat;
  /** The file's name, for messages. */
  name: string;
  /** The file named .et (a WPS workbook), for the message when it holds no readable workbook. */
  wps: boolean;
  bytes: Uint8Array;
}

export type LegacyReply = { ok: true; sheets: SheetData[] } | { ok: false; userError: boolean; message: string };

// Each format loads only its own parser: SheetJS is not needed for SpreadsheetML.
async function parse(job: LegacyJob): Promise<SheetData[]> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  switch (job.format) {
    case 'spreadsheetml': {
      const [{ readSpreadsheetML }, { xmlText }] = await Promise.all([import('./spreadsheetML.ts'), import('./xmlText.ts')]);
      return readSpreadsheetML(job.name, xmlText(job.name, bytes));
    }
    case 'ole2':
      return (await import('./legacyBook.ts')).readCompoundBook(job.name, bytes, job.wps);
    case 'ods':
      return (await import('./legacyBook.ts')).readOds(job.name, bytes);
  }
}

const port = parentPort;
if (port && workerData) {
  // SheetJS notes format oddities on the console; from a worker they would land in the CLI's output.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = () => undefined;
  let reply: LegacyReply;
  try {
    reply = { ok: true, sheets: await parse(workerData as LegacyJob) };
  } catch (e) {
    reply = { ok: false, userError: e instanceof UserError, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
}
