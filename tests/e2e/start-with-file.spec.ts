// The app started with a year file (`npm start -- FILE.db`, a double-click on a .db in the desktop app): it opens
// at once; one that will not open leaves the app on Home saying why — and a damaged one is offered its backups —
// instead of a start that fails.
import fs from 'node:fs';
import path from 'node:path';
import { makeBackup } from '../../electron/core/store/backups.ts';
import { startServer } from '../../electron/server/main.ts';
import { expect, test } from './fixtures.ts';

test('a damaged year file given at start is offered its newest backup on Home', async ({ app, page }) => {
  const file = app.seedYear('000');
  makeBackup(file, '每日');
  fs.truncateSync(file, 8192);
  const server = await startServer({ file, paths: { configDir: path.join(app.dataDir, '..', 'config2'), defaultDataDir: app.dataDir } });
  try {
    await page.goto(server.url);
    const dialog = page.getByRole('dialog', { name: '恢复备份' });
    await expect(dialog).toContainText('可以用下面的备份恢复它');
    await dialog.getByRole('button', { name: '恢复所选备份' }).click();
    await expect(page.getByRole('status', { name: '状态栏' })).toContainText('2023 年度');
  } finally {
    await server.close();
  }
});

test('a file that is not a year file leaves the app on Home, says why, and is not touched', async ({ app, page }) => {
  const file = path.join(app.dataDir, '不是年度文件.db');
  fs.writeFileSync(file, '这不是年度文件');
  const server = await startServer({ file, paths: { configDir: path.join(app.dataDir, '..', 'config2'), defaultDataDir: app.dataDir } });
  try {
    await page.goto(server.url);
    await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: '无法打开' })).toContainText('不是年度文件.db');
    await expect(page.getByRole('button', { name: '新建年度' })).toBeVisible();
    expect(fs.readFileSync(file, 'utf8')).toBe('这不是年度文件');
  } finally {
    await server.close();
  }
});
