// The desktop app itself through Playwright's Electron driver, one file per concern (as Actual Budget does):
// this fixture gives each test a fresh data folder and settings folder and a started app. It needs Electron's
// runtime, which Electron ≥ 42 downloads on first start; where none is present (no network, as on the CI machines),
// every Electron test is skipped and says why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, test as base, type Page } from '@playwright/test';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The Electron executable: $ELECTRON_PATH, else the runtime the electron package downloaded. Never downloads. */
function electronBinary(): { path: string } | { reason: string } {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? { path: fromEnv } : { reason: `ELECTRON_PATH=${fromEnv} 不存在` };
  const pkg = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (fs.existsSync(pathFile)) {
    const bin = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    if (fs.existsSync(bin)) return { path: bin };
  }
  return {
    reason:
      'Electron 的运行时不在这台机器上（node_modules/electron/dist 不存在；Electron ≥ 42 在首次启动时才从网络下载，这里不能联网）。' +
      '在能联网的机器上先运行一次 npx install-electron，或设 ELECTRON_PATH 指向 electron 可执行文件，再运行这些测试。',
  };
}

const binary = electronBinary();
let told = false;

export interface Desktop {
  app: ElectronApplication;
  win: Page;
  /** This test's data folder (JXMB_DATA_DIR). */
  dataDir: string;
  /** Starts the app (again) with extra command-line arguments, e.g. a year file. */
  relaunch(args: string[]): Promise<void>;
}

let built = false;

export const test = base.extend<{ desktop: Desktop }>({
  // Playwright reads the fixtures a fixture needs from its first parameter's pattern: this one needs none.
  // oxlint-disable-next-line no-empty-pattern
  desktop: async ({}, use, info) => {
    if ('reason' in binary) {
      if (!told) console.log(`[electron] 跳过 Electron 端到端测试：${binary.reason}`);
      told = true;
      info.skip(true, binary.reason);
      return;
    }
    if (!built) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-shell.mjs')], { cwd: ROOT, stdio: 'inherit' });
    built = true;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-electron-'));
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    const env = { ...process.env, JXMB_DATA_DIR: dataDir, JXMB_CONFIG_DIR: path.join(root, 'config') };
    const launch = (args: string[]) => electron.launch({ executablePath: binary.path, args: [ROOT, ...args], env });
    const desktop: Desktop = {
      app: await launch([]),
      win: undefined as unknown as Page,
      dataDir,
      async relaunch(args) {
        await desktop.app.close();
        desktop.app = await launch(args);
        desktop.win = await desktop.app.firstWindow();
      },
    };
    desktop.win = await desktop.app.firstWindow();
    await use(desktop);
    await desktop.app.close();
    fs.rmSync(root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
