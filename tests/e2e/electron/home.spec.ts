// The window opens on Home, and the sample year opens in the editor.
import { expect, test } from './fixtures.ts';

test('opens on Home; the sample year opens in the editor with its 合计', async ({ desktop: { win } }) => {
  await expect(win).toHaveTitle('绩效目标表编辑器');
  await expect(win.getByRole('button', { name: '新建年度' })).toBeVisible();
  await win.getByRole('button', { name: '打开示例年度' }).click();
  await expect(win.locator('.ag-row-pinned [col-id="total"]')).toHaveText('3,959.02');
  await expect(win).toHaveTitle(/示例-2023年绩效目标\.db/);
});
