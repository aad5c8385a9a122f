// Files the program writes for the user are never half-written: write a temporary file in the target folder,
// flush it, then rename it into place (a rename within one folder is atomic).

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';

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

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new UserError(`文件夹“${dir}”不存在，未写入“${target}”`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UserError(`“${target}”是一个文件夹，未写入`);
  if (isSqliteFile(target)) {
    throw new UserError(`“${target}”是一个年度文件（数据库），不能被导出的文件覆盖。请换一个文件名`);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as { code?: string }).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
      throw new UserError(`无法写入“${target}”：文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限。请关闭后重试`);
    }
    throw e;
  }
}
