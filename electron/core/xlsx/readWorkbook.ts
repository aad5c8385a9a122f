// Reading a workbook for import, whatever its format, into the sheet grid template recognition reads. The format
// is told by content (fileKind.ts), never by the name: xlsx is read from its parts (xlsxRead.ts) once its zip has
// been checked (bomb, damage, DOCTYPE); SpreadsheetML 2003 (the 一体化 system's ".xls" exports), binary .xls/.et and .ods go to a worker
// thread under a time and memory limit (legacyRead.ts). Every reader's grid is then held to the same rules. Bad
// files get one clear message; nothing is written anywhere. Which reader handles which format: docs/import-formats.md.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/errors.ts';
import type { SheetData } from '../../../shared/import/sheetGrid.ts';
import { fileKind } from './fileKind.ts';
import { settleGrid } from './gridRules.ts';
import { type ParseLimits, readLegacy } from './legacyRead.ts';
import type { LegacyFormat } from './legacyWorker.ts';
import { readXlsxParts } from './xlsxRead.ts';
import { checkZip } from './zipCheck.ts';

export { MAX_UNPACKED_BYTES } from './zipCheck.ts';
export { PARSE_MEMORY_MB, PARSE_TIMEOUT_MS } from './legacyRead.ts';

/** Largest file accepted for import, in any format (a 5,000-project SpreadsheetML T2, the bulkiest, is 59 MB). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadOptions extends ParseLimits {
  maxFileBytes?: number;
}

/** Unpacked parts bigger than this are not held between the zip check and their reading (zipCheck.ts). */
const HOLD_PARTS_UP_TO = 64 * 1024;

const SUPPORTED = '.xlsx、.xls、.et、.ods 和 Excel 2003 XML 表格';

const sizeText = (bytes: number) => (bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** Reads the file, refusing what is not a file or is too big before any of it is read. */
function readSource(file: string, maxBytes: number): Buffer {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new UserError(`“${file}”是文件夹，不是表格文件`);
    if (st.size > maxBytes) {
      throw new UserError(
        `“${path.basename(file)}”有 ${sizeText(st.size)}，超过可导入的上限 ${sizeText(maxBytes)}，不像是绩效目标表，未导入`,
      );
    }
    return fs.readFileSync(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as { code?: string }).code;
    throw new UserError(
      code === 'ENOENT'
        ? `找不到要导入的文件“${file}”`
        : code === 'EACCES' || code === 'EPERM'
          ? `没有权限读取“${file}”`
          : `无法读取“${file}”：${(e as Error).message}`,
    );
  }
}

function legacy(format: LegacyFormat, file: string, buf: Buffer, opts: ReadOptions): Promise<SheetData[]> {
  // The worker takes the bytes over; Node may keep a read file's bytes in memory it will not hand over, so copy them.
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  return readLegacy({ format, name: path.basename(file), wps: /\.et$/i.test(file), bytes }, opts);
}

async function readByKind(file: string, buf: Buffer, opts: ReadOptions): Promise<SheetData[]> {
  const name = path.basename(file);
  switch (fileKind(buf.subarray(0, 4096))) {
    case 'zip': {
      // Worksheets are inflated again as they are read, rather than all held at once.
      const { mimetype, parts } = checkZip(name, buf, HOLD_PARTS_UP_TO);
      if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') return legacy('ods', file, buf, opts);
      if (mimetype?.startsWith('application/vnd.oasis.opendocument.')) {
        throw new UserError(`“${name}”是 OpenDocument 文档（${mimetype.replace('application/vnd.oasis.opendocument.', '')}），不是表格，无法导入`);
      }
      return readXlsxParts(name, parts);
    }
    case 'ole2':
      return legacy('ole2', file, buf, opts);
    case 'xml':
      return legacy('spreadsheetml', file, buf, opts);
    case 'html':
      throw new UserError(`“${name}”是网页（HTML）格式的表格，不是 Excel 工作簿。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`);
    case 'json':
      throw new UserError(`“${name}”是 JSON 文件，不是 xlsx 工作簿。交换格式的 JSON 请用 load 命令载入`);
    case 'text':
      throw new UserError(`“${name}”是文本文件（像是 CSV），不是 xlsx 工作簿。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`);
    case 'unknown':
      throw new UserError(`“${name}”不是可识别的表格文件（可导入 ${SUPPORTED}），无法导入`);
  }
}

/**
 * Reads every sheet of a workbook file (xlsx, SpreadsheetML 2003, binary .xls/.et, ods) into plain cell data.
 * Bad files are UserErrors; nothing is written.
 */
export async function readXlsxFile(file: string, opts: ReadOptions = {}): Promise<SheetData[]> {
  const buf = readSource(file, opts.maxFileBytes ?? MAX_FILE_BYTES);
  const name = path.basename(file);
  if (buf.length === 0) throw new UserError(`“${name}”是空文件`);
  const sheets = await readByKind(file, buf, opts);
  settleGrid(name, sheets);
  if (sheets.every((s) => s.cells.length === 0)) throw new UserError(`“${name}”是空的工作簿，没有可导入的内容`);
  return sheets;
}
