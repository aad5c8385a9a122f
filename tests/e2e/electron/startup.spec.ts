// Starting the app with a year file (a double-click on a .db, or `npm start -- FILE.db`): the file opens at once.
import path from 'node:path';
import { YearStore } from '../../../electron/core/store/yearStore.ts';
import { expect, test } from './fixtures.ts';

test('a year file on the command line opens at once in the editor', async ({ desktop }) => {
  const file = path.join(desktop.dataDir, '2026年绩效目标.db');
  YearStore.create(file, { fiscalYear: 2026, framework: 'A' }).close();
  await desktop.relaunch([file]);
  await expect(desktop.win.getByRole('status', { name: '状态栏' })).toContainText('2026 年度');
});

