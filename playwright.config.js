// End-to-end tests against the release build in dist/, in Debian's Chromium
// (/usr/bin/chromium) — Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';

// A random port, chosen once in the main process; the workers inherit it through the
// environment, so two runs on one machine do not collide.
process.env.PTDV_E2E_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
const PORT = Number(process.env.PTDV_E2E_PORT);

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './tests/e2e/test-results',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 768 },
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
        '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node scripts/serve-dist.mjs dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
