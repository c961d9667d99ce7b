import { defineConfig, devices } from '@playwright/test';

// The server is started by .ci/test.sh (or by hand) before Playwright runs;
// this config only points the browser at it.
const baseURL = process.env.MINYI_E2E_BASE_URL || 'http://127.0.0.1:3100';

// The system Chromium (Debian package); Playwright's own browser download is
// disabled (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1) because the machine is offline.
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    trace: 'off',
    // zh-TW is the platform's default language; tests switch to English explicitly.
    locale: 'zh-TW',
  },
  projects: [
    {
      name: 'js',
      use: {
        ...devices['Desktop Chrome'],
        browserName: 'chromium',
        javaScriptEnabled: true,
        launchOptions,
      },
    },
    {
      name: 'nojs',
      use: {
        ...devices['Desktop Chrome'],
        browserName: 'chromium',
        javaScriptEnabled: false,
        launchOptions,
      },
    },
  ],
});
