// The renderer's only way to the core: the typed bridge the host provides (Electron preload today; the loopback
// HTTP client in browser mode later). Failures come back as Chinese messages to show, never as thrown objects.

import type { BridgeApi } from '../../shared/ipc.ts';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

export class ApiError extends Error {
  readonly details: readonly string[];
  constructor(message: string, details: readonly string[]) {
    super(message);
    this.details = details;
  }
}

/** Browser mode: the same calls over HTTP to the loopback server, with the token it put in the URL fragment. */
function httpBridge(token: string): BridgeApi {
  const post = async (url: string, body: unknown) => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new ApiError(`程序核心拒绝了请求（HTTP ${r.status}）`, []);
    return r.json();
  };
  return {
    invoke: (channel, input) => post('/api', { channel, input: input ?? {} }),
    openYearFile: async () => {
      const file = window.prompt('请输入年度文件的完整路径：');
      if (!file) return { ok: true, value: null };
      return post('/shell/open', { path: file });
    },
  };
}

let cached: BridgeApi | null = null;

function bridge(): BridgeApi {
  if (cached) return cached;
  if (window.api) return (cached = window.api);
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token) return (cached = httpBridge(token));
  throw new ApiError('没有连接到程序核心：请用 npm start 启动程序', []);
}

export async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const r = await bridge().invoke(channel, input);
  if (!r.ok) throw new ApiError(r.error.message, r.error.details);
  return r.value as T;
}

export async function openYearFile(): Promise<string | null> {
  const r = await bridge().openYearFile();
  if (!r.ok) throw new ApiError(r.error.message, r.error.details);
  return r.value;
}
