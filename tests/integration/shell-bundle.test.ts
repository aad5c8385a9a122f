// The Electron shell as it ships (the bundle scripts/build-shell.mjs makes), run under Node with a stand-in for the
// `electron` module that records what the shell asks of it. No Electron runtime can be downloaded here, so this is
// how the shell's own logic is tested: the bundle loads with nothing but electron and better-sqlite3 outside it,
// the window is sandboxed and context-isolated, navigation and new windows are denied, only our page's main frame
// reaches the handler map, app:// serves the page and refuses to leave it, and the menus are Chinese.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.ts';

const STUB = `
const state = { ipc: new Map(), protocol: null, windows: [], menus: [], schemes: null, ready: null, permissionHandler: null, appEvents: new Map() };
globalThis.__electronStub = state;
const noop = () => undefined;
exports.app = {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise((resolve) => { state.ready = resolve; }),
  on: (name, fn) => state.appEvents.set(name, fn),
  getPath: (name) => '/nonexistent/' + name,
  quit: noop,
};
exports.protocol = {
  registerSchemesAsPrivileged: (s) => { state.schemes = s; },
  handle: (scheme, fn) => { state.protocol = { scheme, fn }; },
};
exports.ipcMain = { handle: (channel, fn) => state.ipc.set(channel, fn) };
exports.Menu = { buildFromTemplate: (t) => t, setApplicationMenu: (m) => state.menus.push(m) };
exports.dialog = { showErrorBox: noop, showOpenDialog: async () => ({ canceled: true, filePaths: [] }) };
exports.shell = { showItemInFolder: noop };
exports.session = { defaultSession: { setPermissionRequestHandler: (fn) => { state.permissionHandler = fn; } } };
exports.net = { fetch: async (url) => new Response(require('node:fs').readFileSync(new URL(url)), { status: 200, headers: { 'Content-Type': 'text/html' } }) };
exports.BrowserWindow = class {
  constructor(options) {
    this.options = options;
    this.handlers = {};
    this.webContents = {
      on: (name, fn) => { this.handlers[name] = fn; },
      setWindowOpenHandler: (fn) => { this.openHandler = fn; },
      send: noop,
      mainFrame: null,
    };
    state.windows.push(this);
  }
  once() {}
  on() {}
  loadURL(url) { this.url = url; return Promise.resolve(); }
  setTitle(t) { this.title = t; }
  show() {}
};
`;

const DRIVER = `
await import('electron');
const state = globalThis.__electronStub;
await import('./dist-electron/main.js');
state.ready();
await new Promise((r) => setTimeout(r, 50));
const win = state.windows[0];
const ours = { url: 'app://bundle/index.html' };
const event = (frame, main = frame) => ({ senderFrame: frame, sender: { mainFrame: main } });
const api = state.ipc.get('api');
const out = {};
out.schemes = state.schemes;
out.webPreferences = win.options.webPreferences;
out.loaded = win.url;
let prevented = false;
win.handlers['will-navigate']?.({ preventDefault: () => { prevented = true; } }, 'https://example.com/');
out.navigationPrevented = prevented;
out.openHandler = win.webContents.setWindowOpenHandler ? win.openHandler({ url: 'https://example.com/' }) : null;
let permission = null;
state.permissionHandler?.(null, 'media', (ok) => { permission = ok; });
out.permissionGranted = permission;
out.sample = await api(event(ours), 'app.openSample', {});
const summary = await api(event(ours), 'view.summary', {});
out.projects = summary.ok ? summary.value.projects.length : summary;
out.foreign = await api(event({ url: 'https://evil.example/' }), 'app.home', {});
out.subframe = await api(event(ours, { url: 'app://bundle/index.html' }), 'app.home', {});
out.pagePath = await api(event(ours), 'app.openYear', { file: '/etc/passwd' });
out.title = win.title;
const fetchStatus = async (u) => (await state.protocol.fn(new Request(u))).status;
out.protocolScheme = state.protocol.scheme;
out.index = await fetchStatus('app://bundle/index.html');
out.indexCsp = (await state.protocol.fn(new Request('app://bundle/index.html'))).headers.get('content-security-policy');
out.traversal = await fetchStatus('app://bundle/..%2fpackage.json');
out.missing = await fetchStatus('app://bundle/%2e%2e/package.json');
out.otherHost = await fetchStatus('app://other/index.html');
out.menu = state.menus.at(-1).map((m) => ({ label: m.label, items: m.submenu.map((i) => i.label ?? i.type) }));
out.accelerators = state.menus.at(-1).flatMap((m) => m.submenu.filter((i) => i.accelerator).map((i) => i.label + '=' + i.accelerator));
console.log(JSON.stringify(out));
process.exit(0);
`;

let result: Record<string, any>;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-shell.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'node_modules/electron'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules/electron/package.json'), '{"name":"electron","main":"index.js"}');
  fs.writeFileSync(path.join(dir, 'node_modules/electron/index.js'), STUB);
  fs.symlinkSync(path.join(ROOT, 'node_modules/better-sqlite3'), path.join(dir, 'node_modules/better-sqlite3'));
  fs.cpSync(path.join(ROOT, 'dist-electron'), path.join(dir, 'dist-electron'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'dist-renderer'));
  fs.writeFileSync(path.join(dir, 'dist-renderer/index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(path.join(dir, 'driver.mjs'), DRIVER);
  const r = spawnSync(process.execPath, ['driver.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, JXMB_DATA_DIR: path.join(dir, 'data'), JXMB_CONFIG_DIR: path.join(dir, 'config') },
  });
  if (r.status !== 0) throw new Error(`the shell bundle did not run: ${r.stderr}`);
  result = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Record<string, any>;
}, 60_000);

describe('the Electron shell bundle', () => {
  it('registers app:// as a secure standard scheme and loads the page from it, not from file://', () => {
    expect(result.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(result.loaded).toBe('app://bundle/index.html');
  });

  it('makes a sandboxed, context-isolated window without Node, and denies navigation, new windows and permissions', () => {
    expect(result.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(result.navigationPrevented).toBe(true);
    expect(result.openHandler).toEqual({ action: 'deny' });
    expect(result.permissionGranted).toBe(false);
  });

  it('serves the page over app:// with its CSP, and refuses anything outside dist-renderer', () => {
    expect(result.index).toBe(200);
    expect(result.indexCsp).toContain("script-src 'self'");
    expect(result.traversal).toBe(403);
    // %2e%2e is undone by URL parsing itself (it stays inside the page's folder), where no such file is.
    expect(result.missing).toBe(404);
    expect(result.otherHost).toBe(403);
  });

  it('answers our page through the one handler map; refuses other pages, frames inside it, and paths from the page', () => {
    expect(result.sample).toMatchObject({ ok: true, value: { fiscalYear: 2023 } });
    expect(result.projects).toBe(30);
    expect(result.title).toBe('示例-2023年绩效目标.db — 绩效目标表编辑器');
    for (const refused of [result.foreign, result.subframe]) expect(refused).toMatchObject({ ok: false, error: { message: '拒绝了来自外部页面的请求' } });
    expect(result.pagePath.ok).toBe(false);
    expect(result.pagePath.error.message).toContain('只能打开数据文件夹中的年度文件或最近打开过的文件');
  });

  it('has Chinese menus 文件 / 编辑 / 视图 / 帮助 with the usual shortcuts', () => {
    expect(result.menu.map((m: { label: string }) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(result.menu[0].items).toEqual(expect.arrayContaining(['首页', '新建年度…', '打开…', '打开示例年度', '最近打开', '导入…', '导出…', '结转到下一年度…', '退出']));
    expect(result.accelerators).toEqual(expect.arrayContaining(['新建年度…=CmdOrCtrl+N', '打开…=CmdOrCtrl+O', '撤销=CmdOrCtrl+Z', '重做=CmdOrCtrl+Y', '审核=F7']));
  });
});
