// Browser mode: the same handler map over HTTP, for machines where the Electron runtime is not available and for
// the renderer's tests in Chromium. Listens on 127.0.0.1 only, and every API call must carry the per-start token
// that is handed to the page in the URL fragment (never sent to the server as part of a URL).

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../../shared/errors.ts';
import { invoke, toResult, type Session } from '../core/api/handlers.ts';
import { YearStore } from '../core/store/yearStore.ts';

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
const MAX_BODY = 64 * 1024 * 1024;


export interface BrowserServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(opts: { port?: number; file?: string } = {}): Promise<BrowserServer> {
  const token = crypto.randomBytes(24).toString('hex');
  let session: Session | null = null;
  const open = (file: string) => {
    const store = YearStore.open(path.resolve(file));
    session?.store.close();
    session = { store };
    return store.path;
  };
  if (opts.file) open(opts.file);

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && (url.pathname === '/api' || url.pathname === '/shell/open')) {
      if (req.headers.authorization !== `Bearer ${token}`) return send(403, 'text/plain; charset=utf-8', '拒绝访问');
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        const result = toResult(() => {
          let body: { channel?: unknown; input?: unknown; path?: unknown };
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
          } catch {
            throw new UserError('请求不是有效的 JSON');
          }
          if (url.pathname === '/shell/open') {
            if (typeof body.path !== 'string' || body.path.trim() === '') throw new UserError('请填写年度文件的路径');
            return open(body.path.trim());
          }
          if (!session) throw new UserError('还没有打开年度文件');
          return invoke(session, String(body.channel), body.input);
        });
        send(200, 'application/json; charset=utf-8', JSON.stringify(result));
      });
      return;
    }
    if (req.method !== 'GET') return send(405, 'text/plain; charset=utf-8', '不支持的请求');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(STATIC_DIR, rel);
    if (!file.startsWith(STATIC_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'text/plain; charset=utf-8', '找不到');
    }
    send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            session?.store.close();
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
    process.stdout.write(`绩效目标表编辑器（浏览器模式）已启动，请在浏览器中打开：\n${s.url}\n按 Ctrl+C 结束。\n`);
  } catch (e) {
    process.stderr.write(`错误：${(e as Error).message}\n`);
    process.exit(2);
  }
}
