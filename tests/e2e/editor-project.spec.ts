// The project sheet (T2) and the department sheet (T3): indicators added under two 二级 of 产出指标 show one merged
// 一级 cell, levels change through the picker, Chinese typed through an IME keeps its first character, header fields
// save on leaving them; seed 004's department table with its identities.
import type { Page } from '@playwright/test';
import { expect, newYearWithProject, saved, summaryRow, test, totalCell, TYPING } from './fixtures.ts';

const indicatorGrid = (page: Page) => page.getByRole('region', { name: '绩效指标' });

test('indicators under two 二级 of 产出指标 share one merged 一级 cell; levels change through the picker', async ({ app, page }) => {
  await newYearWithProject(page, app.server.url);
  // The 绩效指标 cell opens the project (Enter).
  await summaryRow(page, '信访专项业务经费').locator('[col-id="indicators"]').click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '信访专项业务经费绩效目标表' })).toBeVisible();

  const add = async (level2: string, name: string, value: string) => {
    await page.getByRole('button', { name: '新增指标' }).click();
    const dialog = page.getByRole('dialog', { name: '新增指标' });
    await dialog.getByRole('radio', { name: level2 }).check();
    await dialog.getByRole('button', { name: '新增', exact: true }).click();
    // The new row's 三级 cell is being edited.
    await expect(page.locator('.ag-popup-editor textarea')).toBeFocused();
    await page.keyboard.type(name, TYPING);
    await page.keyboard.press('Enter');
    await indicatorGrid(page).locator('.ag-row', { hasText: name }).locator('[col-id="annualValue"]').click();
    await page.keyboard.type(value, TYPING);
    await page.keyboard.press('Enter');
  };
  await add('数量指标', '接待来访群众人次', '≥1000人次');
  await add('质量指标', '信访事项按期办结率', '≥95%');
  await add('服务对象满意度指标', '来访群众满意度', '≥90%');
  await saved(page);

  // One merged cell for 产出指标 over its two rows, one for 满意度指标.
  const level1 = indicatorGrid(page).locator('.ag-spanned-cell[col-id="level1"]');
  await expect(level1).toHaveCount(1);
  await expect(level1).toHaveText('产出指标');
  await expect(level1).toHaveAttribute('aria-rowspan', '2');
  await expect(indicatorGrid(page).locator('[col-id="level1"]', { hasText: '满意度指标' })).toHaveCount(1);
  // The derived 计算符号 / number / unit show beside the value.
  await expect(indicatorGrid(page).locator('.ag-row', { hasText: '接待来访群众人次' }).locator('.target-parts')).toHaveText('≥ 1000 人次');

  // The picker puts the 满意度 indicator under 产出 › 时效: the 产出 merge grows to three rows.
  await indicatorGrid(page).locator('[col-id="level2"]', { hasText: '服务对象满意度指标' }).dblclick();
  const picker = page.getByRole('dialog', { name: '更改一级/二级指标' });
  await picker.getByRole('radio', { name: '时效指标' }).check();
  await picker.getByRole('button', { name: '更改' }).click();
  await expect(level1).toHaveAttribute('aria-rowspan', '3');

  // Undo and redo through the keyboard.
  await indicatorGrid(page).locator('.ag-row [col-id="name"]').first().click();
  await page.keyboard.press('Control+z');
  await expect(level1).toHaveAttribute('aria-rowspan', '2');
  await page.keyboard.press('Control+y');
  await expect(level1).toHaveAttribute('aria-rowspan', '3');

  // The summary table's 绩效指标 cell shows them in the year's grammar (no empty 实施周期 label, issue 8 item 12).
  await page.getByRole('button', { name: '返回项目支出绩效目标表' }).click();
  await expect(summaryRow(page, '信访专项业务经费').locator('[col-id="indicators"]')).toContainText('1、1-产出指标,11-数量指标,接待来访群众人次；年度指标值:≥1000人次');
});

test('Chinese typed through an IME keeps its first character, in the grid and in the header fields', async ({ app, page }) => {
  await newYearWithProject(page, app.server.url);
  await summaryRow(page, '信访专项业务经费').locator('[col-id="indicators"]').dblclick();
  await page.getByRole('button', { name: '新增指标' }).click();
  await page.getByRole('dialog', { name: '新增指标' }).getByRole('button', { name: '新增', exact: true }).click();
  await expect(page.locator('.ag-popup-editor textarea')).toBeFocused();
  await page.keyboard.press('Escape');

  // A focused 三级 cell, not being edited: the IME composes "ni" → 你, then 好 — nothing lost, nothing Latin.
  await indicatorGrid(page).locator('.ag-row [col-id="name"]').first().click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'n', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
  await expect(page.getByTestId('typing-proxy')).toHaveValue('ni');
  await cdp.send('Input.insertText', { text: '你' });
  await expect(page.locator('.ag-popup-editor textarea')).toHaveValue('你');
  await cdp.send('Input.imeSetComposition', { text: 'hao', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: '好' });
  await page.keyboard.press('Enter');
  await expect(indicatorGrid(page).locator('.ag-row [col-id="name"]').first()).toHaveText('你好');

  // A header field: 资金用途, saved when the field is left.
  const purpose = page.getByLabel('资金用途');
  await purpose.click();
  await cdp.send('Input.imeSetComposition', { text: 'yong', selectionStart: 4, selectionEnd: 4 });
  await cdp.send('Input.insertText', { text: '用于' });
  await page.keyboard.type('信访专项业务', TYPING);
  await page.keyboard.press('Tab');
  await saved(page);
  await page.reload();
  await expect(page.getByLabel('资金用途')).toHaveValue('用于信访专项业务');
});

test('the project header: amounts by source make 预算数; a bad amount is refused and marked', async ({ app, page }) => {
  app.seedYear('002');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  await expect(totalCell(page, 'total')).toHaveText('1,618.00');
  const first = page.getByRole('region', { name: '项目支出绩效目标表' }).locator('.ag-row.line-project').first();
  await first.locator('[col-id="indicators"]').dblclick();
  await expect(page.getByLabel('预算数')).toHaveText('720.00');
  await expect(page.getByLabel('12月底')).toHaveValue('720.00');
  await page.getByLabel('其他资金').fill('30');
  await page.getByLabel('其他资金').press('Enter');
  await expect(page.getByLabel('预算数')).toHaveText('750.00');
  await page.getByLabel('财政拨款').fill('abc');
  await page.getByLabel('财政拨款').press('Tab');
  await expect(page.getByRole('alert')).toContainText('财政拨款：金额“abc”不是数字');
  await expect(page.getByLabel('财政拨款')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('预算数')).toHaveText('750.00');
  // Seed 002's indicators: 成本 first (framework B), with 一级 merged over its rows.
  await expect(indicatorGrid(page).locator('.ag-row[row-index="0"] [col-id="level1"]')).toHaveText('成本指标');
  await expect(indicatorGrid(page).locator('.ag-spanned-cell[col-id="level1"]', { hasText: '产出指标' })).toHaveCount(1);
});

test('the department table of seed 004: staffing, the three budget breakdowns agreeing, tasks and indicators', async ({ app, page }) => {
  app.seedYear('004');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2021 年度' }).click();
  await page.getByRole('button', { name: /部门整体绩效目标/ }).click();
  await expect(page.getByRole('heading', { name: '2021年市级部门整体预算绩效目标表' })).toBeVisible();
  await expect(page.getByLabel('预算单位名称')).toHaveValue('湛江市信访局');
  await expect(page.getByLabel('在职人数')).toHaveValue('23');
  await expect(page.getByLabel('离退休人数')).toHaveValue('9');
  await expect(page.getByLabel('项目支出')).toHaveValue('484.77');
  await expect(page.getByRole('status', { name: '预算整体情况核对' })).toContainText('三种划分一致');
  await expect(page.getByRole('status', { name: '任务资金核对' })).toContainText('484.77 万元，与项目支出一致');
  const tasks = page.getByRole('region', { name: '年度重点工作任务' });
  await expect(tasks.locator('.ag-row [col-id="amount"]')).toHaveText(['270.26', '6.00', '29.36', '49.15', '130.00']);
  await expect(indicatorGrid(page).locator('.ag-spanned-cell[col-id="level1"]').first()).toHaveText('产出指标');

  // An identity broken as the officer types: 基本支出 changes alone.
  await page.getByLabel('基本支出').fill('600');
  await page.getByLabel('基本支出').press('Enter');
  await expect(page.getByRole('status', { name: '预算整体情况核对' })).toContainText('三种划分的合计不一致');
  // A task amount changes the task check.
  await tasks.locator('.ag-row [col-id="amount"]').first().click();
  await page.keyboard.type('270', TYPING);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: '任务资金核对' })).toContainText('与项目支出 484.77 万元不一致');
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status', { name: '任务资金核对' })).toContainText('与项目支出一致');
});

test('the indicator library suggests names used in the data folder; choosing one fills the row in one step', async ({ app, page }) => {
  app.seedYear('003', '2023年绩效目标.db');
  await newYearWithProject(page, app.server.url);
  await summaryRow(page, '信访专项业务经费').locator('[col-id="indicators"]').dblclick();
  await page.getByRole('button', { name: '新增指标' }).click();
  await page.getByRole('dialog', { name: '新增指标' }).getByRole('button', { name: '新增', exact: true }).click();
  await expect(page.locator('.ag-popup-editor textarea')).toBeFocused();
  await page.keyboard.type('工作天', TYPING);
  const library = page.getByRole('listbox', { name: '指标库' });
  await expect(library.getByRole('option').first()).toContainText('工作天数');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const row = page.getByRole('region', { name: '绩效指标' }).locator('.ag-row').first();
  await expect(row.locator('[col-id="name"]')).toHaveText('工作天数');
  await expect(row.locator('[col-id="annualValue"]')).not.toHaveText('');
  await expect(page.getByRole('button', { name: '撤销' })).toHaveAttribute('title', '撤销：选用指标库中的“工作天数”（Ctrl+Z）');
  await page.keyboard.press('Control+z');
  await expect(row.locator('[col-id="name"]')).toHaveText('');
});
