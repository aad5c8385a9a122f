// The desktop app itself, through Playwright's Electron driver: the window, the sample year in the editor, and the
// defences of the window (sandboxed page without Node, app:// not file://, no navigation, no new windows, no path
// escape through the protocol). It needs Electron's runtime, which Electron ≥ 42 downloads on first start; where
// none is present (no network, as on the CI machines), every test here is skipped and says why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The Electron executable: $ELECTRON_PATH, else the runtime the electron package downloaded. Never downloads. */
function electronBinary(): { path: string } | { reason: string } {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? { path: fromEnv } : { reason: `ELECTRON_PATH=${fromEnv} 不存在` };
  const pkg = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (fs.existsSync(pathFile)) {
    const bin = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    if (fs.existsSync(bin)) return { path: bin };
  }
  return {
    reason:
      'Electron 的运行时不在这台机器上（node_modules/electron/dist 不存在；Electron ≥ 42 在首次启动时才从网络下载，这里不能联网）。' +
      '在能联网的机器上先运行一次 npx install-electron，或设 ELECTRON_PATH 指向 electron 可执行文件，再运行这些测试。',
  };
}

const binary = electronBinary();
if ('reason' in binary) console.log(`[electron.spec] 跳过 Electron 端到端测试：${binary.reason}`);

test.describe('the desktop app (Electron)', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  let app: ElectronApplication;
  let win: Page;
  let root: string;

  test.beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-shell.mjs')], { cwd: ROOT, stdio: 'inherit' });
  });

  test.beforeEach(async () => {
    if ('reason' in binary) return;
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: [ROOT],
      env: { ...process.env, JXMB_DATA_DIR: path.join(root, 'data'), JXMB_CONFIG_DIR: path.join(root, 'config') },
    });
    win = await app.firstWindow();
  });

  test.afterEach(async () => {
    await app?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('opens on Home; the sample year opens in the editor with its 合计', async () => {
    await expect(win).toHaveTitle('绩效目标表编辑器');
    await expect(win.getByRole('button', { name: '新建年度' })).toBeVisible();
    await win.getByRole('button', { name: '打开示例年度' }).click();
    await expect(win.locator('.ag-row-pinned [col-id="total"]')).toHaveText('3,959.02');
    await expect(win).toHaveTitle(/示例-2023年绩效目标\.db/);
  });

  test('the page is sandboxed, context-isolated and without Node; it reaches the core only through window.api', async () => {
    const facts = await win.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      protocol: location.protocol,
    }));
    expect(facts).toEqual({ require: 'undefined', process: 'undefined', api: ['chooseDataDir', 'chooseExportDir', 'chooseImportFiles', 'chooseYearFile', 'invoke', 'kind', 'onMenu', 'showInFolder'], protocol: 'app:' });
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const p = BrowserWindow.getAllWindows()[0]?.webContents.getLastWebPreferences();
      return { sandbox: p?.sandbox, contextIsolation: p?.contextIsolation, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
  });

  test('the window cannot navigate away, open windows, or read files outside the page through app://', async () => {
    const start = win.url();
    await win.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toBe(start);
    expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const status = await win.evaluate(async () => (await fetch('app://bundle/..%2fpackage.json')).status).catch(() => 403);
    expect(status).toBe(403);
    // The page cannot name a file outside the data folder: paths come from the system dialog only.
    const r = await win.evaluate(() => (window as unknown as { api: { invoke: (c: string, i: unknown) => Promise<{ ok: boolean; error?: { message: string } }> } }).api.invoke('app.openYear', { file: '/etc/passwd' }));
    expect(r.ok).toBe(false);
    expect(r.error?.message).toContain('只能打开数据文件夹中的年度文件或最近打开过的文件');
  });
});
