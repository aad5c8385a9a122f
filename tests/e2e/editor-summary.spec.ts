// The summary table (T1) as an officer fills a new year in it, keyboard first: units and projects, amounts and
// Chinese text, 合计 following every amount, a block pasted from Excel as one undoable step (and refused whole when
// one amount is wrong), undo and redo, and everything still there after a reload.
import { copyToClipboard, expect, saved, summaryRow, test, totalCell, TYPING } from './fixtures.ts';

test('a new year filled from the keyboard: 合计 follows every amount, paste, undo, redo, reload', async ({ app, page }) => {
  await page.goto(app.server.url);

  // 新建年度
  await page.getByRole('button', { name: '新建年度' }).click();
  await page.getByLabel('年度', { exact: true }).fill('2026');
  await page.getByLabel('指标体系', { exact: true }).selectOption('A');
  await page.getByRole('button', { name: '新建', exact: true }).click();
  await expect(page.getByRole('status', { name: '状态栏' })).toContainText('2026 年度');

  // 新增单位: a new year has no department yet; the unit takes the department's name unless told otherwise.
  await page.getByRole('button', { name: '新增单位' }).click();
  await page.getByLabel('部门名称').fill('某市信访局');
  await page.getByLabel('单位名称').fill('某市信访局本级');
  await page.getByRole('button', { name: '新增', exact: true }).click();
  await expect(summaryRow(page, '某市信访局本级')).toBeVisible();

  // 新增项目 opens the name editor at once; Chinese text goes in as typed.
  await summaryRow(page, '某市信访局本级').locator('[col-id="name"]').click();
  for (const name of ['物业管理费', '信访专项业务经费', '来访接待大厅运行经费']) {
    await page.getByRole('button', { name: '新增项目' }).click();
    await expect(page.locator('.ag-cell-inline-editing input')).toBeFocused();
    await page.keyboard.type(name, TYPING);
    await page.keyboard.press('Enter');
    await expect(summaryRow(page, name)).toBeVisible();
    await summaryRow(page, name).locator('[col-id="name"]').click();
  }
  await saved(page);

  // Amounts typed into focused cells: typing starts the editor, Enter saves; 合计 and the unit subtotal follow.
  await summaryRow(page, '物业管理费').locator('[col-id="fiscal"]').click();
  await page.keyboard.type('89', TYPING);
  await page.keyboard.press('Enter');
  await expect(totalCell(page, 'total')).toHaveText('89.00');
  await summaryRow(page, '信访专项业务经费').locator('[col-id="other"]').click();
  await page.keyboard.type('1,107.43', TYPING);
  await page.keyboard.press('Enter');
  await expect(totalCell(page, 'total')).toHaveText('1,196.43');
  await expect(totalCell(page, 'other')).toHaveText('1,107.43');
  await expect(summaryRow(page, '某市信访局本级').locator('[col-id="total"]')).toHaveText('1,196.43');
  await expect(summaryRow(page, '信访专项业务经费').locator('[col-id="total"]')).toHaveText('1,107.43');

  // A goal in Chinese, in the roomy editor.
  await summaryRow(page, '物业管理费').locator('[col-id="goal"]').dblclick();
  await expect(page.locator('.long-editor textarea')).toBeFocused();
  await page.keyboard.type('做好市人民来访接待厅物业管理服务工作', TYPING);
  await page.keyboard.press('Enter');
  await expect(summaryRow(page, '物业管理费').locator('[col-id="goal"]')).toHaveText('做好市人民来访接待厅物业管理服务工作');

  // A bad amount typed into a cell: refused with the field named, nothing changes.
  await summaryRow(page, '物业管理费').locator('[col-id="fiscalSpecial"]').click();
  await page.keyboard.type('12.345', TYPING);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('财政专户拨款');
  await expect(page.getByRole('alert')).toContainText('超过两位的小数');
  await expect(totalCell(page, 'total')).toHaveText('1,196.43');

  // A 3 × 4 block copied from Excel (CRLF rows, 1,107.43-style numbers), pasted at 物业管理费 › 财政拨款.
  await summaryRow(page, '物业管理费').locator('[col-id="fiscal"]').click();
  await copyToClipboard(page, '100.00\t0\t20\t"两行的\n绩效目标"\r\n200\t0\t0\t目标二\r\n1,000.50\t5\t0\t目标三\r\n');
  await page.keyboard.press('Control+v');
  await expect(totalCell(page, 'total')).toHaveText('1,325.50');
  await expect(summaryRow(page, '来访接待大厅运行经费').locator('[col-id="total"]')).toHaveText('1,005.50');
  await expect(summaryRow(page, '物业管理费').locator('[col-id="goal"]')).toHaveText('两行的\n绩效目标');
  await expect(page.getByRole('toolbar', { name: '主工具栏' }).getByRole('button', { name: '撤销' })).toHaveAttribute('title', '撤销：粘贴 12 个单元格（Ctrl+Z）');

  // A block with one bad amount: nothing applied, the refused cell named.
  await summaryRow(page, '物业管理费').locator('[col-id="fiscal"]').click();
  await copyToClipboard(page, '1\t2\r\n3\t七百\r\n');
  await page.keyboard.press('Control+v');
  await expect(page.getByRole('alert')).toContainText('有 1 个单元格的内容不能接受，全部未修改');
  await expect(page.getByRole('alert')).toContainText('项目“信访专项业务经费” › 财政专户拨款：金额“七百”不是数字');
  await expect(totalCell(page, 'total')).toHaveText('1,325.50');

  // Undo takes the paste back in one step; redo puts it back.
  await summaryRow(page, '物业管理费').locator('[col-id="name"]').click();
  await page.keyboard.press('Control+z');
  await expect(totalCell(page, 'total')).toHaveText('1,196.43');
  await expect(summaryRow(page, '物业管理费').locator('[col-id="goal"]')).toHaveText('做好市人民来访接待厅物业管理服务工作');
  await page.getByRole('button', { name: '重做' }).click();
  await expect(totalCell(page, 'total')).toHaveText('1,325.50');
  await saved(page);

  // Reload: the year file has it all, and the history is still there.
  await page.reload();
  await expect(totalCell(page, 'total')).toHaveText('1,325.50');
  await expect(summaryRow(page, '物业管理费').locator('[col-id="goal"]')).toHaveText('两行的\n绩效目标');
  await expect(summaryRow(page, '来访接待大厅运行经费')).toBeVisible();
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(totalCell(page, 'total')).toHaveText('1,196.43');
});

test('copying cells gives Excel the same block back; Delete clears a selected block in one step', async ({ app, page }) => {
  app.seedYear('000');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  await expect(totalCell(page, 'total')).toHaveText('1,107.43');
  await summaryRow(page, '物业管理费').locator('[col-id="fiscal"]').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe('89.00\t\r\n164.00\t\r\n');
  await page.keyboard.press('Delete');
  await expect(totalCell(page, 'total')).toHaveText('854.43');
  await page.keyboard.press('Control+z');
  await expect(totalCell(page, 'total')).toHaveText('1,107.43');
});

test('units and projects are added, moved and deleted from the toolbar and the keyboard', async ({ app, page }) => {
  app.seedYear('000');
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '2023 年度' }).click();
  // The first rows of the table (rows further down are not drawn until scrolled to).
  const names = async () => (await page.getByRole('region', { name: '项目支出绩效目标表' }).locator('.ag-row.line-project [col-id="name"]').allTextContents()).slice(0, 4);
  await expect(totalCell(page, 'total')).toHaveText('1,107.43');
  const before = await names();
  expect(before).toHaveLength(4);
  await summaryRow(page, before[1] as string).locator('[col-id="name"]').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(names).toEqual([before[1], before[0], ...before.slice(2, 4)]);
  await page.getByRole('button', { name: '删除' }).click();
  await expect.poll(names).toEqual([before[0], ...before.slice(2, 4), expect.any(String)]);
  await expect(totalCell(page, 'total')).not.toHaveText('1,107.43');
  await page.keyboard.press('Control+z');
  await expect.poll(names).toEqual([before[1], before[0], ...before.slice(2, 4)]);
  await expect(totalCell(page, 'total')).toHaveText('1,107.43');
});
