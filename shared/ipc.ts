// What crosses the Electron IPC bridge (and the HTTP transport): errors lose their class on the way, so every
// answer is an envelope that says whether the call worked and, if not, the Chinese message to show.

import type { HomeState } from './api.ts';
import type { UserErrorCode } from './errors.ts';
import type { YearFacts } from './views.ts';

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: ApiFailure };

export interface ApiFailure {
  message: string;
  details: readonly string[];
  /** False for the core's internal errors (a bug), true for what the person can put right. */
  userError: boolean;
  /** A stable marker for refusals the caller answers in its own way (e.g. ask before replacing a file). */
  code?: UserErrorCode;
}

/** Menu commands the Electron shell sends to the page (the page owns the dialogs they open). */
export const MENU_COMMANDS = [
  'home',
  /** A year file was opened from outside the page (menu, a second double-click): show it, or why it did not open. */
  'show-open',
  'new-year',
  'open-sample',
  'undo',
  'redo',
  'import',
  'export',
  'validate',
  'rollforward',
  'restore',
  'find',
  'about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The object the preload script puts on `window.api`. */
export interface BridgeApi {
  readonly kind: 'electron';
  invoke(channel: string, input?: unknown): Promise<ApiResult<unknown>>;
  /** Shows the system dialog and opens the chosen year file; null when cancelled. */
  chooseYearFile(): Promise<ApiResult<YearFacts | null>>;
  /** Shows the system dialog and makes the chosen folder the data folder; null when cancelled. */
  chooseDataDir(): Promise<ApiResult<HomeState | null>>;
  /** Shows the system dialog to choose the folder exports go to; null when cancelled. */
  chooseExportDir(): Promise<ApiResult<string | null>>;
  /** Shows the system dialog to choose files to import; the core keeps them and answers their ids (null: cancelled). */
  chooseImportFiles(): Promise<ApiResult<{ id: string; name: string }[] | null>>;
  /** Shows a file the app wrote (an export) in the system's file manager. */
  showInFolder(file: string): Promise<ApiResult<null>>;
  /** Registers the page's handler of menu commands; returns a function that removes it. */
  onMenu(handler: (command: MenuCommand) => void): () => void;
}
