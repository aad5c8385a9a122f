// A known defect, kept here as its reproduction: keys sent within the same few milliseconds as the one that opens a
// cell's editor (machine speed: a script, a paste-like burst) are sometimes lost — the editor stays open and empty,
// or never appears. About one run in three fails with answers delayed 10 ms (DELAY=10, as below); with keys 40 ms
// apart, as a person types, 9 runs of 9 passed. Seen with the renderer of before this round too (1 run in 4). Marked
// to be fixed; run it with `npx playwright test tests/e2e/race.spec.ts` after removing `.fixme`.
import type { Page } from '@playwright/test';
import { expect, newYearWithProject, summaryRow, test } from './fixtures.ts';

const indicatorGrid = (page: Page) => page.getByRole('region', { name: '绩效指标' });

test.fixme('keys typed at machine speed into a cell just clicked all reach its editor', async ({ app, page }) => {
  await newYearWithProject(page, app.server.url);
  await summaryRow(page, '信访专项业务经费').locator('[col-id="indicators"]').click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '信访专项业务经费绩效目标表' })).toBeVisible();
  // Answers to edits 10 ms late.
  await page.route('**/api', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('edit.cells')) await new Promise((r) => setTimeout(r, 10));
    await route.continue();
  });
  for (const [l2, name, value] of [['数量指标', '接待来访群众人次', '≥1000人次'], ['质量指标', '按期办结率', '≥95%'], ['服务对象满意度指标', '来访群众满意度', '≥90%']] as const) {
    await page.getByRole('button', { name: '新增指标' }).click();
    const dialog = page.getByRole('dialog', { name: '新增指标' });
    await dialog.getByRole('radio', { name: l2 }).check();
    await dialog.getByRole('button', { name: '新增', exact: true }).click();
    await expect(page.locator('.ag-popup-editor textarea')).toBeFocused();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    // At once: the new row is the last one.
    await indicatorGrid(page).locator('.ag-row').last().locator('[col-id="annualValue"]').click();
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
    await expect(indicatorGrid(page).locator('.ag-row', { hasText: name }).locator('[col-id="annualValue"]')).toContainText(value);
  }
});
