// A UserError is bad input the person can fix: a wrong file, a malformed value, a command used wrongly. Its message
// is Chinese and says what and where; the CLI exits 2 on it, the app shows it, and nothing has been written.
export class UserError extends Error {
  /** Further lines (e.g. every problem found in a JSON file). */
  readonly details: readonly string[];
  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'UserError';
    this.details = details;
  }
}
