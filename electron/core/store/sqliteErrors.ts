// SQLite failures a person can act on — a read-only file or folder, a file another program is writing — become
// UserErrors with a Chinese message instead of an internal error with a stack trace.

import { UserError } from '../../../shared/errors.ts';

export function sqliteUserError(e: unknown): UserError | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_READONLY')) {
    return new UserError('年度文件是只读的（或所在文件夹不可写），无法保存修改。请检查文件属性与文件夹权限，未做任何改动', [], 'not-saved');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError('年度文件正被其他程序使用（例如另一个窗口正在保存），请稍后再试，未做任何改动', [], 'not-saved');
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new UserError('无法打开或创建年度文件：请检查路径是否存在、文件夹是否可写');
  }
  if (code.startsWith('SQLITE_FULL')) return new UserError('磁盘已满，无法保存年度文件，未做任何改动。请腾出空间后重试', [], 'not-saved');
  if (code.startsWith('SQLITE_IOERR')) return new UserError(`读写年度文件时出错（${code}），请检查磁盘或网络盘，未做任何改动`, [], 'not-saved');
  return null;
}
