// The API contract between the renderer (or any other host's caller) and the core: channel names and the schemas
// of their inputs. One handler map in the core serves it over Electron IPC, HTTP on loopback and the CLI, so a
// feature is written once. Inputs are checked here; the core never trusts a caller.

import { z } from 'zod';

export const API = {
  /** Facts of the open year file. */
  'year.info': z.strictObject({}),
  /** The whole year as interchange JSON text. */
  'year.dump': z.strictObject({}),
  /** Adds interchange JSON text to the year, as one undo step. */
  'year.load': z.strictObject({ json: z.string(), source: z.string().optional() }),
  /** Runs every check (审核). */
  'year.validate': z.strictObject({}),
  /**
   * Writes a template as xlsx to `out` (atomically). An existing `out` is replaced only with `overwrite: true`;
   * without it the refusal is a UserError with `code: 'target-exists'` (ask, then call again). A read-only `out` is
   * never replaced.
   */
  'year.export': z.strictObject({
    template: z.enum(['summary', 'project', 'overall']),
    out: z.string().min(1),
    overwrite: z.boolean().optional(),
    style: z.enum(['A', 'B', 'C']).optional(),
    layout: z.enum(['stacked', 'sheets']).optional(),
    fontNames: z
      .strictObject({ title: z.string().min(1).optional(), header: z.string().min(1).optional(), body: z.string().min(1).optional() })
      .optional(),
    title: z.string().min(1).optional(),
  }),
  /** Reads xlsx files (T1/T2/T3) into the year as one undo step; `dryRun` only reports what would be imported. */
  'year.import': z.strictObject({
    sources: z.array(z.string().min(1)).min(1),
    dryRun: z.boolean().optional(),
    department: z.string().min(1).optional(),
  }),
  /** Creates next year's file at `to` from the open year. */
  'year.rollforward': z.strictObject({
    to: z.string().min(1),
    toYear: z.number().int().optional(),
    keepAmounts: z.boolean().optional(),
    projects: z.array(z.string()).optional(),
  }),
  'history.state': z.strictObject({}),
  'history.undo': z.strictObject({}),
  'history.redo': z.strictObject({}),
} as const;

export type Channel = keyof typeof API;
export type ApiInput<C extends Channel> = z.infer<(typeof API)[C]>;

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && Object.hasOwn(API, x);
}
