// The window's defences: a sandboxed, context-isolated page without Node that reaches the core only through
// window.api; no navigation, no new windows, no path escape through app://, no file the page names itself.
import { expect, test } from './fixtures.ts';

test('the page is sandboxed, context-isolated and without Node; it reaches the core only through window.api', async ({ desktop: { app, win } }) => {
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

test('the window cannot navigate away, open windows, or read files outside the page through app://', async ({ desktop: { app, win } }) => {
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
