// Pictures of the screens, filled with the seed tables, for docs/screens/ and the README. Each test also checks that
// what the picture is about is on the screen. They go to .tmp/screens/; with JXMB_UPDATE_SCREENS=1 they replace the
// committed ones in docs/screens/ (look at them beside the seed tables before committing).
import type { Page } from '@playwright/test';
import { expect, shoot as shootPage, summaryRow, test, totalCell } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });

async function shoot(page: Page, name: string): Promise<void> {
  // No focus ring or caret in the pictures.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await shootPage(page, name);
}

test('Home', async ({ app, page }) => {
  app.seedYear('000', '2023年绩效目标.db');
  app.seedYear('004', '2021年部门整体绩效目标.db');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '打开示例年度' }).click();
  await expect(totalCell(page, 'total')).toHaveText('3,959.02');
  await page.getByRole('button', { name: '首页' }).click();
  await expect(page.getByRole('region', { name: '数据文件夹' }).getByRole('row')).toHaveCount(4);
  await shoot(page, 'home');
});

test('the summary table (T1), seed 001', async ({ app, page }) => {
  app.seedYear('001');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  await expect(totalCell(page, 'total')).toHaveText('234.98');
  await expect(summaryRow(page, '信访工作经费')).toBeVisible();
  await shoot(page, 'summary');
});

test('a project sheet (T2), seed 002', async ({ app, page }) => {
  app.seedYear('002');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  await summaryRow(page, '2023年信访专项业务费').locator('[col-id="indicators"]').dblclick();
  await expect(page.getByRole('heading', { name: '2023年信访专项业务费绩效目标表' })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1500 });
  await shoot(page, 'project');
});

test('the department table (T3), seed 004', async ({ app, page }) => {
  app.seedYear('004');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2021 年度' }).click();
  await page.getByRole('button', { name: /部门整体绩效目标/ }).click();
  await expect(page.getByRole('status', { name: '预算整体情况核对' })).toContainText('三种划分一致');
  await page.setViewportSize({ width: 1440, height: 2200 });
  await shoot(page, 'overall');
});
