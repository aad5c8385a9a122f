// What a failed call tells its caller: a UserError's Chinese message (and details, and stable code), a SQLite
// failure a person can act on turned into one, anything else an internal error.
import { UserError } from '../../../shared/errors.ts';
import type { ApiFailure } from '../../../shared/ipc.ts';
import { sqliteUserError } from '../store/sqliteErrors.ts';

export function failureOf(caught: unknown): ApiFailure {
  const e = sqliteUserError(caught) ?? caught;
  const user = e instanceof UserError;
  return {
    message: user ? e.message : `程序内部错误：${(e as Error).message}`,
    details: user ? e.details : [],
    userError: user,
    ...(user && e.code ? { code: e.code } : {}),
  };
}
