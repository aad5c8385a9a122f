// The 审核 panel: every finding by severity, filterable; a click opens the very cell; counts follow the edits. And
// what the officer meets when a year file is damaged: its backups, one click from Home.
import fs from 'node:fs';
import { invoke } from '../../electron/core/api/handlers.ts';
import { expect, test, TYPING } from './fixtures.ts';

/** 审核 runs once the officer pauses (a second without input, then when the page is idle): results follow within seconds. */
const CHECKED = { timeout: 15_000 };

test('a finding opens its cell; fixing the value there takes it off the list and the counts follow', async ({ app, page }) => {
  app.seedYear('000');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  const counts = page.getByLabel('审核计数');
  await expect(counts).toHaveText(/错误 \d+ · 警告 \d+/, CHECKED);
  const errorsBefore = Number((await counts.textContent())?.match(/错误 (\d+)/)?.[1]);
  expect(errorsBefore).toBeGreaterThan(0);

  await page.getByRole('button', { name: '审核', exact: true }).click();
  const panel = page.getByRole('complementary', { name: '审核结果' });
  await panel.getByRole('group', { name: '筛选' }).getByRole('button', { name: /^错误/ }).click();
  await expect(panel.getByRole('listitem').first()).toContainText('错误');
  await panel.getByPlaceholder(/查找/).fill('法律顾问派驻人员');
  const finding = panel.getByRole('button', { name: /缺少计量单位/ });
  await expect(finding).toHaveCount(1);
  await finding.click();

  // The project sheet, with the very cell selected: that indicator's annual value.
  await expect(page.getByRole('heading', { name: '信访工作专项经费绩效目标表' })).toBeVisible();
  const focused = page.getByRole('region', { name: '绩效指标' }).locator('.ag-cell-focus');
  await expect(focused).toHaveAttribute('col-id', 'annualValue');
  await expect(focused).toContainText('3');
  await page.keyboard.type('3人', TYPING);
  await page.keyboard.press('Enter');
  await expect(finding).toHaveCount(0, CHECKED);
  await expect(counts).toHaveText(new RegExp(`错误 ${errorsBefore - 1} ·`), CHECKED);

  // A project-level finding (no 满意度指标) opens the project with 新增指标 at hand.
  await panel.getByPlaceholder(/查找/).fill('机构运行辅助经费');
  await panel.getByRole('button', { name: /缺少满意度指标/ }).click();
  await expect(page.getByRole('heading', { name: '机构运行辅助经费绩效目标表' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新增指标' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: '新增指标' }).getByRole('radio', { name: '服务对象满意度指标' }).check();
  await page.getByRole('dialog', { name: '新增指标' }).getByRole('button', { name: '新增', exact: true }).click();
  await page.keyboard.type('服务对象满意度', TYPING);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: /缺少满意度指标/ })).toHaveCount(0, CHECKED);
});

test('a year file cut short (a copy that broke off) is brought back from its daily backup', async ({ app, page }) => {
  const file = app.seedYear('000');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  await expect(page.getByLabel('审核计数')).toBeVisible();
  // Opening it made today's backup; now the file is cut short behind the app's back.
  await page.getByRole('button', { name: '首页' }).click();
  invoke(app.server.session, 'app.closeYear', {});
  fs.truncateSync(file, 8192);
  await page.reload();
  const row = page.getByRole('region', { name: '数据文件夹' }).getByRole('row', { name: /2023年绩效目标\.db/ });
  await expect(row).toContainText('不完整');
  await row.getByRole('button', { name: '用备份恢复…' }).click();
  const dialog = page.getByRole('dialog', { name: '恢复备份' });
  await expect(dialog.getByRole('table', { name: '备份' })).toContainText('每日');
  await dialog.getByRole('button', { name: '恢复所选备份' }).click();
  await expect(page.getByRole('status', { name: '状态栏' })).toContainText('2023 年度');
  await expect(page.getByRole('region', { name: '项目支出绩效目标表' }).locator('.ag-row-pinned [col-id="total"]')).toHaveText('1,107.43');
});
