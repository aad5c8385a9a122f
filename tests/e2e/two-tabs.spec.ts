// Two browser tabs on the same year (or the CLI beside the app): what one saves, the other shows within seconds,
// and says so, so that nobody edits a stale table.
import { expect, saved, summaryRow, test, totalCell, TYPING } from './fixtures.ts';

test('an edit in one tab appears in the other, with a notice; undo there comes back too', async ({ app, page }) => {
  app.seedYear('000');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  await expect(totalCell(page, 'total')).toBeVisible();
  const before = await totalCell(page, 'total').innerText();

  const other = await page.context().newPage();
  // A year already open in the app shows at once in a new tab.
  await other.goto(app.server.url);
  await expect(totalCell(other, 'total')).toHaveText(before);

  await summaryRow(page, '物业管理费').locator('[col-id="fiscal"]').click();
  await page.keyboard.type('100', TYPING);
  await page.keyboard.press('Enter');
  await saved(page);
  await expect(summaryRow(page, '物业管理费').locator('[col-id="fiscal"]')).toHaveText('100.00');

  // The other tab notices the change on its own and reads it again.
  await expect(summaryRow(other, '物业管理费').locator('[col-id="fiscal"]')).toHaveText('100.00', { timeout: 10_000 });
  await expect(other.getByRole('status').filter({ hasText: '年度文件在别处被修改了' })).toBeVisible();
  await expect(totalCell(other, 'total')).not.toHaveText(before);

  // Undo in the other tab takes back the first tab's edit: one history for the file, whoever made the step.
  await other.getByRole('button', { name: '撤销' }).click();
  await expect(summaryRow(other, '物业管理费').locator('[col-id="fiscal"]')).toHaveText('89.00');
  await expect(summaryRow(page, '物业管理费').locator('[col-id="fiscal"]')).toHaveText('89.00', { timeout: 10_000 });
  await expect(totalCell(page, 'total')).toHaveText(before);
  await other.close();
});
