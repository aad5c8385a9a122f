// What one fuzz input is, and how it crosses to the worker and into the corpus: the target it is fed to, a name
// (a workbook's file name: the readers go by content, but messages name it), the mutation that made it, and the
// data — a workbook's bytes, JSON text, an API payload, or a string for a parser.

export const TARGETS = ['workbook', 'interchange', 'api', 'money', 'target', 'indicatorText'] as const;
export type Target = (typeof TARGETS)[number];

export interface FuzzInput {
  target: Target;
  name: string;
  /** How it was made (seed file and mutations), to read in a report. */
  recipe: string;
  /** Workbook: base64 bytes. API: the payload as `encodePayload` writes it. Others: the text. */
  data: string;
  /** API only: the channel called. */
  channel?: string;
}

/** What became of an input. `refused` is a UserError (a Chinese message) or a parser's "not valid" answer. */
export type OutcomeKind = 'accepted' | 'refused' | 'internal' | 'changed' | 'hang';

export interface Outcome {
  kind: OutcomeKind;
  message?: string;
  /** API: refused by the channel's schema before any handler ran. */
  bySchema?: boolean;
}

// JSON has no NaN, Infinity or undefined; a payload from a structured-clone transport (Electron IPC) may.
const SPECIAL = '\u0000special:';
const SPECIALS: Record<string, unknown> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, undefined, '-0': -0 };

export function encodePayload(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'number' && !Number.isFinite(x)) return `${SPECIAL}${String(x)}`;
    if (Object.is(x, -0)) return `${SPECIAL}-0`;
    if (x === undefined) return `${SPECIAL}undefined`;
    return x;
  }) ?? `"${SPECIAL}undefined"`;
}

export function decodePayload(text: string): unknown {
  return JSON.parse(text, (_k, x: unknown) => (typeof x === 'string' && x.startsWith(SPECIAL) ? SPECIALS[x.slice(SPECIAL.length)] : x));
}
