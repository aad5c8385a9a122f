// Files the program writes for the user are never half-written: write a temporary file in the target folder,
// flush it, then move it into place (a rename within one folder is atomic). An existing file is replaced only when
// the caller says so (the officer confirmed, or typed --overwrite), and a read-only one never: a rename would
// replace it silently, whatever its permissions.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';

export interface WriteOptions {
  /** Replace an existing file. A read-only file, a folder or a year file is refused even so. */
  overwrite?: boolean;
}

/** True when `file` starts like a SQLite database: a year file, which no export or dump may replace. */
function isSqliteFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      fs.readSync(fd, head, 0, 16, 0);
      return head.toString('latin1') === 'SQLite format 3\0';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Read-only for everyone (chmod 444, Windows' read-only attribute), or not writable by us. */
function isReadOnly(file: string, stat: fs.Stats): boolean {
  // The mode bits first: for root (and an administrator) access() says writable whatever the mode.
  if ((stat.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function targetExists(target: string): UserError {
  return new UserError(`文件“${target}”已存在，没有替换它。要用新文件替换，请加 --overwrite；或换一个文件名`, [], 'target-exists');
}

/** Throws the UserError that says why `target` may not be written; returns when it may. */
export function checkWriteTarget(target: string, opts: WriteOptions = {}): void {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new UserError(`文件夹“${dir}”不存在，未写入“${target}”`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return; // nothing there yet
  }
  if (stat.isDirectory()) throw new UserError(`“${target}”是一个文件夹，未写入`);
  if (isSqliteFile(target)) {
    throw new UserError(`“${target}”是一个年度文件（数据库），不能被导出的文件覆盖。请换一个文件名`);
  }
  if (isReadOnly(target, stat)) {
    throw new UserError(`文件“${target}”是只读的，不会被替换（加 --overwrite 也不会）。请换一个文件名，或先取消它的只读属性`);
  }
  if (!opts.overwrite) throw targetExists(target);
}

/** Filesystems without hard links (FAT/exFAT sticks, some network shares) answer link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Moves the finished temporary file to `target`; without `overwrite`, never over a file that appeared meanwhile. */
function moveIntoPlace(tmp: string, target: string, overwrite: boolean): void {
  if (overwrite) {
    fs.renameSync(tmp, target);
    return;
  }
  try {
    // link() fails when the name is taken, in the same step that claims it: no window for a file to appear.
    fs.linkSync(tmp, target);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'EEXIST') throw targetExists(target);
    if (!NO_HARD_LINKS.has(code)) throw e;
    checkWriteTarget(target);
    fs.renameSync(tmp, target);
    return;
  }
  fs.rmSync(tmp, { force: true });
}

export function writeFileAtomic(target: string, data: string | Uint8Array, opts: WriteOptions = {}): void {
  checkWriteTarget(target, opts);
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    moveIntoPlace(tmp, target, opts.overwrite ?? false);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof UserError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
      throw new UserError(`无法写入“${target}”：文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限。请关闭后重试`);
    }
    throw e;
  }
}
