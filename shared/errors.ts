// A UserError is bad input the person can fix: a wrong file, a malformed value, a command used wrongly. Its message
// is Chinese and says what and where; the CLI exits 2 on it, the app shows it, and nothing has been written.

/**
 * Stable markers for refusals a caller answers differently from the rest (the message stays the text to show):
 * `target-exists` — the file to write already exists and replacing it was not asked for; the app asks the officer
 * and calls again with `overwrite: true`, where the CLI user adds `--overwrite`.
 * `year-damaged` — a year file that is damaged or truncated; the app offers to restore its newest good backup.
 * `not-saved` — a sound change the year file could not take just now (busy, disk full, read-only, moved away); the
 * app keeps it and offers to try again.
 */
export type UserErrorCode = 'target-exists' | 'year-damaged' | 'not-saved';

export class UserError extends Error {
  /** Further lines (e.g. every problem found in a JSON file). */
  readonly details: readonly string[];
  readonly code?: UserErrorCode;
  constructor(message: string, details: readonly string[] = [], code?: UserErrorCode) {
    super(message);
    this.name = 'UserError';
    this.details = details;
    if (code !== undefined) this.code = code;
  }
}
