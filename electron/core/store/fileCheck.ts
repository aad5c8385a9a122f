// Before a year file is opened, its first 100 bytes (the SQLite header) say whether it is SQLite at all, whether it
// is ours (application_id), which schema version wrote it, and whether the file is as long as the header says.
// Reading them ourselves lets every wrong file be refused with a precise message and without SQLite touching it.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/errors.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from './schema.ts';

const MAGIC = 'SQLite format 3\0';

export interface HeaderFacts {
  userVersion: number;
  pageSize: number;
  pageCount: number;
  size: number;
}

function readHead(file: string): { head: Buffer; size: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UserError(`找不到年度文件“${file}”`);
  }
  if (stat.isDirectory()) throw new UserError(`“${file}”是一个文件夹，不是年度文件`);
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(100);
    const n = fs.readSync(fd, head, 0, 100, 0);
    return { head: head.subarray(0, n), size: stat.size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Throws a UserError saying what is wrong with `file` unless it looks like a sound year file. */
export function checkYearFileHeader(file: string): HeaderFacts {
  const name = path.basename(file);
  const { head, size } = readHead(file);
  if (size === 0) throw new UserError(`“${name}”是空文件，不是绩效目标年度文件`);
  if (head.length < 100 || head.toString('latin1', 0, 16) !== MAGIC) {
    const hint =
      head.toString('latin1', 0, 2) === 'PK'
        ? '（这是 xlsx/zip 文件：表格请用“导入”读入年度文件）'
        : head[0] === 0x7b
          ? '（这像是 JSON 文件：请用 load 命令把它载入年度文件）'
          : '';
    throw new UserError(`“${name}”不是绩效目标年度文件${hint}`);
  }
  const appId = head.readUInt32BE(68);
  if (appId !== APPLICATION_ID) {
    throw new UserError(`“${name}”是其他程序的 SQLite 数据库，不是绩效目标年度文件，未做任何改动`);
  }
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const changeCounter = head.readUInt32BE(24);
  const pageCount = head.readUInt32BE(28);
  const validFor = head.readUInt32BE(92);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new UserError(`“${name}”已损坏（文件头中的页大小 ${pageSize} 无效），未做任何改动`, [], 'year-damaged');
  }
  if (size % pageSize !== 0 || (validFor === changeCounter && pageCount * pageSize > size)) {
    const expected = validFor === changeCounter ? `应有 ${pageCount * pageSize} 字节，` : '';
    throw new UserError(
      `“${name}”不完整，可能在复制、下载或保存时被截断（${expected}实际只有 ${size} 字节）。请改用完整的副本或备份，未做任何改动`,
      [],
      'year-damaged',
    );
  }
  const userVersion = head.readUInt32BE(60);
  if (userVersion > SCHEMA_VERSION) {
    throw new UserError(
      `“${name}”由更新版本的绩效目标表编辑器保存（文件格式版本 ${userVersion}，本程序只支持到 ${SCHEMA_VERSION}）。请升级程序后再打开，未做任何改动`,
    );
  }
  if (userVersion === 0) throw new UserError(`“${name}”不是完整的绩效目标年度文件（没有表结构），未做任何改动`);
  return { userVersion, pageSize, pageCount, size };
}

/** Where a migration leaves its copy of the file as it was: `2024年.db` → `2024年.v1备份.db`, never overwriting. */
export function backupPathFor(file: string, fromVersion: number): string {
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  let candidate = `${stem}.v${fromVersion}备份${ext}`;
  for (let i = 2; fs.existsSync(candidate); i++) candidate = `${stem}.v${fromVersion}备份(${i})${ext}`;
  return candidate;
}
