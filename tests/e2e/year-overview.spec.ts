// The first screen in real Chromium against the real core (browser mode: the loopback server over a year file
// made by the CLI from seed 000). What an officer sees: the year, the projects with 合计, the 审核 findings, and
// undo/redo that take back and re-apply the load.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type BrowserServer, startServer } from '../../electron/server/main.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let server: BrowserServer;

test.beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist-renderer/index.html'))) {
    execFileSync('npm', ['run', '-s', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
  }
});

test.beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-'));
  const file = path.join(dir, '2023.db');
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['--disable-warning=ExperimentalWarning', path.join(ROOT, 'electron/cli/main.ts'), ...args], { stdio: 'pipe' });
  cli('new', file, '--year', '2023', '--framework', 'A');
  cli('load', file, path.join(ROOT, 'tests/fixtures/seeds/seed-000.json'));
  server = await startServer({ file });
});

test.afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('shows the year, its projects with 合计, and the findings; undo and redo work', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByText('2023 年度')).toBeVisible();
  await expect(page.locator('.ag-row:not(.ag-row-pinned) [col-id="name"]')).toHaveCount(11);
  await expect(page.locator('.ag-row-pinned [col-id="total"]')).toHaveText('1,107.43');
  await expect(page.getByRole('region', { name: '审核结果' })).toContainText('机构运行辅助经费');
  // Refresh docs/screens/year-overview.png from here when the screen changes.
  await page.screenshot({ path: path.join(ROOT, '.tmp/screens/year-overview.png') });

  await page.getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.ag-row:not(.ag-row-pinned) [col-id="name"]')).toHaveCount(0);
  await expect(page.locator('.ag-row-pinned [col-id="total"]')).toHaveText('');
  await page.keyboard.press('Control+y');
  await expect(page.locator('.ag-row:not(.ag-row-pinned) [col-id="name"]')).toHaveCount(11);
});

test('refuses API calls without the token', async ({ request }) => {
  const base = server.url.split('#')[0] ?? '';
  const r = await request.post(`${base}api`, { data: { channel: 'year.dump', input: {} } });
  expect(r.status()).toBe(403);
});
