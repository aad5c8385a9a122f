// Every browser-mode test gets its own app: the real core behind the loopback server, a fresh data folder and
// settings folder, and a page whose console errors and CSP violations fail the test (the page must not have any).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type BrowserServer, startServer } from '../../electron/server/main.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { parseInterchange } from '../../shared/interchange.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface App {
  server: BrowserServer;
  /** The data folder of this test. */
  dataDir: string;
  /** Makes a year file in the data folder holding a seed's data (tests/fixtures/seeds). */
  seedYear(id: '000' | '001' | '002' | '003' | '004', name?: string): string;
  /** Console errors and CSP violations the page reported. */
  problems: string[];
}

export const test = base.extend<{ app: App }>({
  app: async ({ page }, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-'));
    const dataDir = path.join(root, '绩效目标表');
    fs.mkdirSync(dataDir);
    const server = await startServer({ paths: { configDir: path.join(root, 'config'), defaultDataDir: dataDir } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const app: App = {
      server,
      dataDir,
      problems,
      seedYear(id, name) {
        const data = parseInterchange(fs.readFileSync(path.join(ROOT, `tests/fixtures/seeds/seed-${id}.json`), 'utf8'));
        const file = path.join(dataDir, name ?? `${data.fiscalYear}年绩效目标.db`);
        const store = YearStore.create(file, { fiscalYear: data.fiscalYear, framework: data.framework });
        store.append(data, `载入 seed-${id}.json`);
        store.close();
        return file;
      },
    };
    await use(app);
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
    expect(problems, 'the page reported errors').toEqual([]);
  },
});

export { expect };

/** The summary grid's body row of a project, unit or department, found by its name. */
export function summaryRow(page: Page, name: string): Locator {
  return page
    .getByRole('region', { name: '项目支出绩效目标表' })
    .locator('.ag-row:not(.ag-row-pinned)')
    .filter({ has: page.locator('[col-id="name"]', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

export function totalCell(page: Page, colId: string): Locator {
  return page.getByRole('region', { name: '项目支出绩效目标表' }).locator(`.ag-row-pinned [col-id="${colId}"]`);
}

/** Puts text on the system clipboard, as a copy in Excel or WPS would. */
export async function copyToClipboard(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
}

/**
 * How the tests type: keys some tens of milliseconds apart, as a person types. Keys sent all in the same few
 * milliseconds as the first one, which opens a cell's editor, are sometimes lost (a known defect, reproduced by
 * race.spec.ts, which is marked to be fixed); typed like this, they never were in 30 runs.
 */
export const TYPING = { delay: 30 };

/** Waits until the status bar says the last change is in the file. */
export async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveText(/已保存|所有修改都已保存/);
}

/** Where pictures of the screens go: docs/screens/ with JXMB_UPDATE_SCREENS=1 (to commit), else .tmp/screens/. */
export const SCREENS_DIR = process.env.JXMB_UPDATE_SCREENS === '1' ? path.join(ROOT, 'docs/screens') : path.join(ROOT, '.tmp/screens');

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}

/** A new year 2026 with one department and one project (信访专项业务经费), made from the keyboard. */
export async function newYearWithProject(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '新建年度' }).click();
  await page.getByLabel('年度', { exact: true }).fill('2026');
  await page.getByRole('button', { name: '新建', exact: true }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  await page.getByLabel('部门名称').fill('某市信访局');
  await page.getByRole('button', { name: '新增', exact: true }).click();
  await summaryRow(page, '某市信访局').locator('[col-id="name"]').click();
  await page.getByRole('button', { name: '新增项目' }).click();
  await expect(page.locator('.ag-cell-inline-editing input')).toBeFocused();
  await page.keyboard.type('信访专项业务经费', TYPING);
  await page.keyboard.press('Enter');
  await saved(page);
}
