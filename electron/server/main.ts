// Browser mode: the same handler map over HTTP, for machines where the Electron runtime is not available and for
// the renderer's tests in Chromium. It is a door into the officer's PC, so it is narrow: it listens on 127.0.0.1
// only; every request must name this server as its Host (a foreign name means DNS rebinding) and, where the browser
// sends an Origin, come from this very origin; every API call carries the per-start token handed to the page in the
// URL fragment (never sent to the server as part of a URL); the page is served with a strict Content-Security-Policy.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../../shared/errors.ts';
import { type AppPaths, AppSession } from '../core/app/session.ts';
import { invoke, toResultAsync } from '../core/api/handlers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STATIC_DIR = path.join(ROOT, 'dist-renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const MAX_BODY = 256 * 1024 * 1024;

/** What the page may load and connect to: itself only. AG Grid injects its theme as <style> and draws icons as data: URLs. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface BrowserServer {
  url: string;
  /** The origin the page is served from, e.g. http://127.0.0.1:41234 */
  origin: string;
  token: string;
  session: AppSession;
  close(): Promise<void>;
}

/** Where settings and year files go unless the environment says otherwise (tests give each run its own folders). */
export function defaultPaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  return {
    configDir: env.JXMB_CONFIG_DIR ?? path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'jxmb-editor'),
    defaultDataDir: env.JXMB_DATA_DIR ?? path.join(os.homedir(), 'Documents', '绩效目标表'),
  };
}

export function startServer(opts: { port?: number; file?: string; paths?: AppPaths; staticDir?: string } = {}): Promise<BrowserServer> {
  const staticDir = opts.staticDir ?? STATIC_DIR;
  const token = crypto.randomBytes(24).toString('hex');
  const session = new AppSession(opts.paths ?? defaultPaths(), { pathsFromPage: true });
  if (opts.file) session.openAtStart(opts.file);
  let port = 0;

  const hostAllowed = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const originAllowed = (origin: string | undefined) =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        ...headers,
      });
      res.end(body);
    };
    if (!hostAllowed(req.headers.host) || !originAllowed(req.headers.origin)) {
      return send(403, 'text/plain; charset=utf-8', '拒绝访问：只接受本机页面的请求');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api') {
      if (req.method !== 'POST') return send(405, 'text/plain; charset=utf-8', '不支持的请求');
      if (req.headers.authorization !== `Bearer ${token}`) return send(403, 'text/plain; charset=utf-8', '拒绝访问');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(415, 'text/plain; charset=utf-8', '请求应为 JSON');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        void toResultAsync(() => {
          let body: { channel?: unknown; input?: unknown };
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
          } catch {
            throw new UserError('请求不是有效的 JSON');
          }
          return invoke(session, String(body.channel), body.input);
        }).then((result) => send(200, 'application/json; charset=utf-8', JSON.stringify(result)));
      });
      return;
    }
    if (req.method !== 'GET') return send(405, 'text/plain; charset=utf-8', '不支持的请求');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(staticDir, rel);
    if (!file.startsWith(staticDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'text/plain; charset=utf-8', '找不到');
    }
    send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file), {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Frame-Options': 'DENY',
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/#token=${token}`,
        origin,
        token,
        session,
        close: () =>
          new Promise<void>((done) => {
            session.closeYear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: true });
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    process.stderr.write('界面尚未构建：请先运行 npm run build:renderer\n');
    process.exit(2);
  }
  try {
    const s = await startServer({ port: values.port ? Number(values.port) : 0, ...(positionals[0] ? { file: positionals[0] } : {}) });
    process.stdout.write(`绩效目标表编辑器（浏览器模式）已启动，请在浏览器中打开：\n${s.url}\n数据文件夹：${s.session.dataDir()}\n按 Ctrl+C 结束。\n`);
  } catch (e) {
    process.stderr.write(`错误：${(e as Error).message}\n`);
    process.exit(2);
  }
}
