// `npm run bench -- --ui`: the renderer on the bench's year, driven by Playwright in Debian's Chromium (browser mode:
// the same core behind the loopback server). Times are taken inside the page — from the keystroke's event to the
// moment the DOM shows the result — so Playwright's own round trips do not count: first paint of the summary grid
// (from navigation start), scroll to the last row (the grid scrolled to its bottom), one edit's round trip (Enter to the updated 合计), and
// opening a project (Enter on its 绩效指标 cell to its page).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../electron/server/main.ts';
import { YearStore } from '../electron/core/store/yearStore.ts';
import type { Fixtures } from './operations.ts';
import type { OperationResult } from './report.ts';

// The functions handed to page.evaluate run in Chromium; this file is compiled without the DOM library, so the few
// page globals they touch are declared here, for this module only.
interface PageNode {
  textContent: string | null;
}
declare const document: { body: unknown; querySelector(selector: string): PageNode | null; querySelectorAll(selector: string): Iterable<PageNode> };
declare function setTimeout(fn: () => void, ms: number): unknown;
declare function requestAnimationFrame(fn: () => void): unknown;
declare const window: {
  benchWatch?: Promise<[number, number]>;
  addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
};
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: Record<string, boolean>): void;
  disconnect(): void;
}
declare const performance: { now(): number; mark(name: string): void; getEntriesByName(name: string): { startTime: number }[]; memory?: { usedJSHeapSize: number } };

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = 3;
const GRID = '[role="region"][aria-label="项目支出绩效目标表"]';

interface Condition {
  selector: string;
  text?: string;
  changedFrom?: string;
}

/**
 * Resolves, in the page, with [start, time the condition first held]: the start is the next keydown, or — with
 * `scroll` — the moment the page scrolls the element matching it to its bottom, as dragging the scrollbar down does.
 */
async function timeInPage(page: Page, condition: Condition, scroll?: string): Promise<() => Promise<[number, number]>> {
  // Installed first and awaited, so the keystroke that follows cannot reach the page before the watch is set.
  await page.evaluate(
    ([c, scrollSelector]) => {
      window.benchWatch = new Promise<[number, number]>((resolve) => {
        let start = -1;
        const holds = () =>
          [...document.querySelectorAll(c.selector)].some((el) => {
            const t = el.textContent ?? '';
            return (c.text === undefined || t.includes(c.text)) && (c.changedFrom === undefined || t !== c.changedFrom);
          });
        const check = () => {
          if (start >= 0 && holds()) {
            observer.disconnect();
            resolve([start, performance.now()]);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        // Never wait forever: a condition that does not come is reported as NaN, not a hung bench.
        setTimeout(() => {
          observer.disconnect();
          resolve([start, Number.NaN]);
        }, 60_000);
        if (scrollSelector) {
          // Rows are as tall as their text, so the grid learns its full height while it scrolls: keep pulling the
          // scrollbar to the bottom each frame until the last row is there, as an officer dragging it would.
          const viewport = document.querySelector(scrollSelector) as (PageNode & { scrollTop: number; scrollHeight: number }) | null;
          start = performance.now();
          const pull = () => {
            if (holds() || !viewport) return check();
            viewport.scrollTop = viewport.scrollHeight;
            requestAnimationFrame(pull);
          };
          pull();
          return;
        }
        window.addEventListener(
          'keydown',
          () => {
            start = performance.now();
            queueMicrotask(check);
          },
          { capture: true, once: true },
        );
      });
    },
    [condition, scroll ?? null] as const,
  );
  return () => page.evaluate(() => window.benchWatch as Promise<[number, number]>);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export async function measureUi(f: Fixtures, log: (line: string) => void): Promise<OperationResult[]> {
  log('  界面：构建 renderer');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(f.dir, 'ui-'));
  const file = path.join(dir, '2025年绩效目标.db');
  fs.copyFileSync(f.year, file);
  const store = YearStore.open(file, { readonly: true });
  const last = store.db.prepare('SELECT p.name FROM project p JOIN unit u ON u.id = p.unit_id JOIN department d ON d.id = u.department_id ORDER BY d.position DESC, d.id DESC, u.position DESC, u.id DESC, p.position DESC, p.id DESC LIMIT 1').pluck().get() as string;
  store.close();
  const server = await startServer({ file, paths: { configDir: path.join(dir, 'config'), defaultDataDir: dir } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const times: Record<string, number[]> = { 'ui-first-paint': [], 'ui-scroll': [], 'ui-edit': [], 'ui-open-project': [] };
  let heapMiB = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      const rows = `${GRID} .ag-row.line-project`;
      // First paint: navigation start to the first project row in the DOM, on the page's own clock.
      await page.addInitScript((sel) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector(sel)) {
            performance.mark('first-project-row');
            observer.disconnect();
          }
        });
        observer.observe(document, { subtree: true, childList: true });
      }, rows);
      await page.goto(server.url);
      const firstRow = page.locator(rows).first();
      await firstRow.waitFor({ timeout: 120_000 });
      times['ui-first-paint']?.push(await page.evaluate(() => performance.getEntriesByName('first-project-row')[0]?.startTime ?? -1));

      // One edit: Enter in a 财政拨款 cell to the 合计 showing the new sum.
      const total = page.locator(`${GRID} .ag-row-pinned [col-id="total"]`).first();
      const before = (await total.textContent()) ?? '';
      if (process.env.BENCH_UI_DEBUG) log(`    合计 before: ${before}`);
      await firstRow.locator('[col-id="fiscal"]').click();
      await page.keyboard.type(String(1000 + run * 7));
      const edited = await timeInPage(page, { selector: `${GRID} .ag-row-pinned [col-id="total"]`, changedFrom: before });
      await page.keyboard.press('Enter');
      const [e0, e1] = await edited();
      if (process.env.BENCH_UI_DEBUG) log(`    合计 after: ${(await total.textContent()) ?? ''} ${e0} ${e1}`);
      times['ui-edit']?.push(e1 - e0);

      // Scroll to the last row: the grid scrolled to its bottom, until the last project's name is in the DOM.
      const [s0, s1] = await (await timeInPage(page, { selector: `${GRID} .ag-row-last:not(.ag-row-pinned) [col-id="name"]`, text: last }, `${GRID} .ag-body-vertical-scroll-viewport`))();
      times['ui-scroll']?.push(s1 - s0);

      // Open a project: Enter on its 绩效指标 cell to its page showing the 预算数.
      await page.locator(`${GRID} .ag-row.line-project`).last().locator('[col-id="indicators"]').click();
      const opened = await timeInPage(page, { selector: '[aria-label="预算数"]' });
      await page.keyboard.press('Enter');
      const [o0, o1] = await opened();
      times['ui-open-project']?.push(o1 - o0);
      const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
      heapMiB = Math.max(heapMiB, heap / 2 ** 20);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const targets: Record<string, number> = { 'ui-first-paint': 1500, 'ui-scroll': 500, 'ui-edit': 50, 'ui-open-project': 100 };
  return Object.entries(times).map(([name, list]) => {
    const ms = median(list);
    log(`  ${name.padEnd(16)} ${ms.toFixed(1)} ms（${list.map((x) => x.toFixed(0)).join('、')}）`);
    return { name, ms, baselineMs: null, ratio: null, peakRssMiB: heapMiB, runs: list.length, target: { ms: targets[name] ?? 0 }, compared: '— (JS heap of the page, not RSS)' };
  });
}
