// The one handler map (DESIGN §5): channel → function over the open year. Electron IPC, the loopback HTTP server
// and the CLI all call `invoke`, which checks the input against the shared schema first.

import { API, type ApiInput, type Channel, isChannel } from '../../../shared/api.ts';
import { UserError } from '../../../shared/errors.ts';
import type { ApiResult } from '../../../shared/ipc.ts';
import { InterchangeError, parseInterchange, serializeInterchange, unknownLevel1Problems } from '../../../shared/interchange.ts';
import { validateYear } from '../../../shared/validation.ts';
import type { ExportOptions } from '../../../shared/export/workbook.ts';
import { importIntoStore, rollForwardInto } from '../importing.ts';
import { sqliteUserError } from '../store/sqliteErrors.ts';
import type { YearStore } from '../store/yearStore.ts';
import { exportYear } from '../xlsx/exportYear.ts';

export interface Session {
  store: YearStore;
}

/** Turns the problems of an interchange file into one UserError naming the source. */
export function interchangeUserError(e: InterchangeError, source: string): UserError {
  return new UserError(
    `“${source}”不能载入：${e.problems.length === 1 ? '' : `有 ${e.problems.length} 处问题，`}未做任何改动`,
    e.problems.map((p) => (p.path ? `${p.path}：${p.message}` : p.message)),
  );
}

export const handlers = {
  'year.info': (s: Session) => s.store.info(),
  'year.dump': (s: Session) => serializeInterchange(s.store.read()),
  'year.load': (s: Session, input: ApiInput<'year.load'>) => {
    const source = input.source ?? 'JSON';
    let data;
    try {
      data = parseInterchange(input.json);
    } catch (e) {
      if (e instanceof InterchangeError) throw interchangeUserError(e, source);
      throw e;
    }
    const unknown = unknownLevel1Problems(data);
    if (unknown.length > 0) throw interchangeUserError(new InterchangeError(unknown), source);
    return s.store.append(data, `载入 ${source}`);
  },
  'year.validate': (s: Session) => validateYear(s.store.read()),
  'year.export': (s: Session, input: ApiInput<'year.export'>) => {
    const { out, ...opts } = input;
    return exportYear(s.store.read(), { ...opts, out } as ExportOptions & { out: string });
  },
  'year.import': (s: Session, input: ApiInput<'year.import'>) =>
    importIntoStore(s.store, input.sources, {
      ...(input.dryRun === undefined ? {} : { dryRun: input.dryRun }),
      ...(input.department === undefined ? {} : { department: input.department }),
    }),
  'year.rollforward': (s: Session, input: ApiInput<'year.rollforward'>) =>
    rollForwardInto(s.store, input.to, {
      ...(input.toYear === undefined ? {} : { toYear: input.toYear }),
      ...(input.keepAmounts === undefined ? {} : { keepAmounts: input.keepAmounts }),
      ...(input.projects === undefined ? {} : { projects: input.projects }),
    }),
  'history.state': (s: Session) => s.store.history(),
  'history.undo': (s: Session) => s.store.undo(),
  'history.redo': (s: Session) => s.store.redo(),
} satisfies { [C in Channel]: (s: Session, input: ApiInput<C>) => unknown };

export type ApiOutput<C extends Channel> = ReturnType<(typeof handlers)[C]>;

/** Calls a channel with unchecked input, as every transport does. */
export function invoke<C extends Channel>(session: Session, channel: C, input: unknown): ApiOutput<C>;
export function invoke(session: Session, channel: string, input: unknown): unknown;
export function invoke(session: Session, channel: string, input: unknown): unknown {
  if (!isChannel(channel)) throw new UserError(`未知的操作“${channel}”`);
  const parsed = API[channel].safeParse(input ?? {});
  if (!parsed.success) {
    throw new UserError(`操作“${channel}”的参数不对`, parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`));
  }
  const handler = handlers[channel] as (s: Session, i: unknown) => unknown;
  return handler(session, parsed.data);
}

/** Runs a call for a transport: UserErrors become the Chinese message to show; anything else is an internal error. */
export function toResult<T>(fn: () => T): ApiResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (caught) {
    const e = sqliteUserError(caught) ?? caught;
    const user = e instanceof UserError;
    return {
      ok: false,
      error: {
        message: user ? e.message : `程序内部错误：${(e as Error).message}`,
        details: user ? e.details : [],
        userError: user,
      },
    };
  }
}
