import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (there is no network for that here).
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  timeout: 60_000,
  reporter: 'list',
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-features=Translate',
      ],
    },
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  },
});
