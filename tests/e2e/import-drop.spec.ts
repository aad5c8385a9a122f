// Files dragged from the desktop into the 导入 dialog: a binary .xls of last year's T1 (as Excel/WPS save it) is
// read, previewed and imported into a new year, like a chosen file.
import fs from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures.ts';

test('a .xls dropped onto the import dialog is previewed and imported', async ({ app, page }) => {
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: '导入' });
  const bytes = [...fs.readFileSync(path.join(ROOT, 'tests/fixtures/legacy/T1-000.xls'))];
  const drop = await page.evaluateHandle((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], '2023年项目支出绩效目标表.xls', { type: 'application/vnd.ms-excel' }));
    return dt;
  }, bytes);
  const zone = wizard.getByLabel('把文件拖到这里');
  await zone.dispatchEvent('dragover', { dataTransfer: drop });
  await zone.dispatchEvent('drop', { dataTransfer: drop });
  await expect(wizard.getByRole('list', { name: '已选择的文件' })).toContainText('2023年项目支出绩效目标表.xls');
  await wizard.getByRole('textbox', { name: '年度' }).fill('2023');
  await wizard.getByRole('button', { name: '预览' }).click();
  const preview = page.getByRole('dialog', { name: '导入预览' });
  await expect(preview).toContainText('11 个项目');
  await preview.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByRole('dialog', { name: '导入完成' })).toContainText('已导入 11 个项目');
});
