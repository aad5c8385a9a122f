// Export a year to a submission-ready xlsx: build the template model, write it with the adapter, and put it in
// place atomically. A target that Excel or WPS holds open is refused with a message instead of a failed rename; an
// existing one is replaced only with `overwrite` (files.ts), and the target is checked before the work starts.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/errors.ts';
import { buildWorkbook, type ExportOptions } from '../../../shared/export/workbook.ts';
import type { YearData } from '../../../shared/model.ts';
import { checkWriteTarget, writeFileAtomic, type WriteOptions } from '../files.ts';
import { workbookToBuffer } from './writeWorkbook.ts';

export interface ExportResult {
  path: string;
  sheets: string[];
  rows: number;
  bytes: number;
  notes: string[];
}

/** Excel and WPS keep `~$name.xlsx` next to a workbook while it is open. */
function lockFileFor(target: string): string {
  return path.join(path.dirname(target), `~$${path.basename(target)}`);
}

export function checkExportTarget(target: string, opts: WriteOptions = {}): void {
  if (!/\.xlsx$/i.test(target)) throw new UserError(`导出文件“${target}”应以 .xlsx 结尾`);
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new UserError(`文件夹“${dir}”不存在，未导出`);
  if (fs.existsSync(lockFileFor(target))) {
    throw new UserError(`“${path.basename(target)}”正被 Excel 或 WPS 打开，请先关闭它再导出`);
  }
  checkWriteTarget(target, opts);
}

export async function exportYear(year: YearData, opts: ExportOptions & WriteOptions & { out: string }): Promise<ExportResult> {
  const write = { overwrite: opts.overwrite ?? false };
  checkExportTarget(opts.out, write);
  const model = buildWorkbook(year, opts);
  const bytes = await workbookToBuffer(model);
  writeFileAtomic(opts.out, bytes, write);
  return {
    path: opts.out,
    sheets: model.sheets.map((s) => s.name),
    rows: model.sheets.reduce((n, s) => n + s.rowHeights.length, 0),
    bytes: bytes.length,
    notes: model.notes,
  };
}
