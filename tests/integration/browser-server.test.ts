// Browser mode is a door into the officer's PC: it must open only for the page it served. Requests are made here
// with node:http, so every header (Host, Origin, Authorization) is exactly what a hostile page or a DNS-rebinding
// attack would send.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserServer, CONTENT_SECURITY_POLICY, startServer } from '../../electron/server/main.ts';
import { tempDir } from './helpers.ts';

let server: BrowserServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(): Promise<BrowserServer> {
  const root = tempDir();
  // A page of its own, so these tests need no build of the real one.
  const staticDir = path.join(root, 'page');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  server = await startServer({ staticDir, paths: { configDir: path.join(root, 'config'), defaultDataDir: path.join(root, 'data') } });
  return server;
}

function request(s: BrowserServer, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(s.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: Number(url.port), method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { Host: url.host, ...opts.headers }, setHost: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const api = (s: BrowserServer, headers: Record<string, string> = {}) =>
  request(s, {
    method: 'POST',
    path: '/api',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, ...headers },
    body: JSON.stringify({ channel: 'app.home', input: {} }),
  });

describe('the loopback server', () => {
  it('answers the page that carries the token, from its own origin', async () => {
    const s = await start();
    const r = await api(s, { Origin: s.origin });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { open: null } });
  });

  it('refuses an API call without the token, or with another one', async () => {
    const s = await start();
    expect((await api(s, { Authorization: '' })).status).toBe(403);
    expect((await api(s, { Authorization: 'Bearer 0000' })).status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding), even with the token', async () => {
    const s = await start();
    const port = new URL(s.origin).port;
    for (const host of [`evil.example:${port}`, 'localhost', `127.0.0.1:${Number(port) + 1}`, `attacker.127.0.0.1.nip.io:${port}`]) {
      expect((await api(s, { Host: host })).status, host).toBe(403);
      expect((await request(s, { headers: { Host: host } })).status, host).toBe(403);
    }
  });

  it('refuses a call from another origin, even with the token', async () => {
    const s = await start();
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${Number(new URL(s.origin).port) + 1}`, 'https://127.0.0.1']) {
      expect((await api(s, { Origin: origin })).status, origin).toBe(403);
    }
  });

  it('refuses what is not a JSON POST, and paths outside the page', async () => {
    const s = await start();
    expect((await request(s, { method: 'GET', path: '/api' })).status).toBe(405);
    expect((await api(s, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await request(s, { path: '/../package.json' })).status).toBe(404);
    expect((await request(s, { path: '/%2e%2e/package.json' })).status).toBe(404);
  });

  it('serves the page with a Content-Security-Policy that allows nothing but itself', async () => {
    const s = await start();
    const r = await request(s, {});
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.body).toContain('<div id="root">');
  });

  it('an unknown channel or bad input gets a Chinese message, not a stack trace', async () => {
    const s = await start();
    const call = (body: unknown) =>
      request(s, { method: 'POST', path: '/api', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` }, body: JSON.stringify(body) });
    expect(JSON.parse((await call({ channel: 'fs.readFile', input: {} })).body)).toMatchObject({ ok: false, error: { message: '未知的操作“fs.readFile”', userError: true } });
    expect(JSON.parse((await call({ channel: 'edit.cells', input: { changes: 'x' } })).body)).toMatchObject({ ok: false, error: { message: '操作“edit.cells”的参数不对' } });
    expect(JSON.parse((await call({ channel: 'view.summary', input: {} })).body).error.message).toContain('还没有打开年度文件');
  });
});
