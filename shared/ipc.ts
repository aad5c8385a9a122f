// What crosses the Electron IPC bridge (and the HTTP transport): errors lose their class on the way, so every
// answer is an envelope that says whether the call worked and, if not, the Chinese message to show.

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { message: string; details: readonly string[]; userError: boolean } };

/** The object the preload script puts on `window.api`. */
export interface BridgeApi {
  invoke(channel: string, input?: unknown): Promise<ApiResult<unknown>>;
  /** Shows the system dialog and opens the chosen year file; null when cancelled. */
  openYearFile(): Promise<ApiResult<string | null>>;
}
