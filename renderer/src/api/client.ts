// The renderer's only way to the core: the typed bridge the host provides — the Electron preload's `window.api`, or
// in browser mode the same calls over HTTP to the loopback server, with the token it put in the URL fragment.
// Failures come back as ApiError with the core's Chinese message, never as raw objects.

import type { ApiInput, ApiOutput, Channel, HomeState } from '../../../shared/api.ts';
import type { UserErrorCode } from '../../../shared/errors.ts';
import type { ApiResult, BridgeApi, MenuCommand } from '../../../shared/ipc.ts';
import type { YearFacts } from '../../../shared/views.ts';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

export class ApiError extends Error {
  readonly details: readonly string[];
  /** False for the core's internal errors (a bug), true for what the officer can put right. */
  readonly userError: boolean;
  readonly code: UserErrorCode | undefined;
  constructor(message: string, details: readonly string[] = [], userError = true, code?: UserErrorCode) {
    super(message);
    this.details = details;
    this.userError = userError;
    this.code = code;
  }
}

interface Transport {
  readonly kind: 'electron' | 'browser';
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  chooseYearFile?(): Promise<ApiResult<YearFacts | null>>;
  chooseDataDir?(): Promise<ApiResult<HomeState | null>>;
  chooseExportDir?(): Promise<ApiResult<string | null>>;
  chooseImportFiles?(): Promise<ApiResult<{ id: string; name: string }[] | null>>;
  showInFolder?(file: string): Promise<ApiResult<null>>;
  onMenu?(handler: (command: MenuCommand) => void): () => void;
}

function httpTransport(token: string): Transport {
  return {
    kind: 'browser',
    invoke: async (channel, input) => {
      let r: Response;
      try {
        r = await fetch('/api', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ channel, input: input ?? {} }),
        });
      } catch {
        return { ok: false, error: { message: '与程序核心的连接已断开：请确认命令行窗口中的程序仍在运行，然后刷新页面。刚才的修改未保存', details: [], userError: true } };
      }
      if (!r.ok) {
        return { ok: false, error: { message: `程序核心拒绝了请求（HTTP ${r.status}）：请用启动时显示的完整地址打开页面`, details: [], userError: true } };
      }
      return (await r.json()) as ApiResult<unknown>;
    },
  };
}

let cached: Transport | null = null;

function transport(): Transport {
  if (cached) return cached;
  if (window.api) return (cached = window.api);
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token) return (cached = httpTransport(token));
  throw new ApiError('没有连接到程序核心：请用 npm start 启动程序，并用它显示的地址打开页面');
}

/** Which host the page runs in; null when it reaches none (the page was opened without the program). */
export function hostKind(): 'electron' | 'browser' | null {
  try {
    return transport().kind;
  } catch {
    return null;
  }
}

function unwrap<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new ApiError(r.error.message, r.error.details, r.error.userError, r.error.code);
  return r.value as T;
}

export async function call<C extends Channel>(channel: C, input: ApiInput<C>): Promise<ApiOutput<C>> {
  return unwrap<ApiOutput<C>>(await transport().invoke(channel, input));
}

/** Electron: the system dialog picks and opens a year file (null when cancelled). */
export async function chooseYearFile(): Promise<YearFacts | null> {
  const t = transport();
  if (!t.chooseYearFile) throw new ApiError('浏览器模式下请在列表中选择，或输入年度文件的路径');
  return unwrap<YearFacts | null>(await t.chooseYearFile());
}

export async function chooseDataDir(): Promise<HomeState | null> {
  const t = transport();
  if (!t.chooseDataDir) throw new ApiError('浏览器模式下请输入数据文件夹的路径');
  return unwrap<HomeState | null>(await t.chooseDataDir());
}

/** Electron: the system dialog picks the folder exports go to (null when cancelled). */
export async function chooseExportDir(): Promise<string | null> {
  const t = transport();
  if (!t.chooseExportDir) throw new ApiError('浏览器模式下请输入文件夹的路径');
  return unwrap<string | null>(await t.chooseExportDir());
}

/** Electron: the system dialog picks files to import (null when cancelled); the core answers their ids. */
export async function chooseImportFiles(): Promise<{ id: string; name: string }[] | null> {
  const t = transport();
  if (!t.chooseImportFiles) throw new ApiError('浏览器模式下请用“选择文件”按钮选择');
  return unwrap<{ id: string; name: string }[] | null>(await t.chooseImportFiles());
}

/** Electron: shows an exported file in the file manager. */
export async function showInFolder(file: string): Promise<void> {
  const t = transport();
  if (t.showInFolder) unwrap<null>(await t.showInFolder(file));
}

export function onMenu(handler: (command: MenuCommand) => void): () => void {
  return transport().onMenu?.(handler) ?? (() => undefined);
}
