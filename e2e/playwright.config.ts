import { defineConfig, devices } from '@playwright/test'

// E2E_PORT lets two checkouts (git worktrees) run their e2e suites side by side.
const PORT = Number(process.env['E2E_PORT'] ?? 5199)
// A second origin (the example course page, and the built site under a sub-path) for embedding.
const SECOND_PORT = PORT + 1
// Vite's dev server, for the specs that need its live reload of lessons/.
const DEV_PORT = PORT + 2
// Debian's Chromium (installed by e2e/ensure-chromium.mjs); flags that work headless as root here.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const LESSON_FILE_SPECS = 'lesson-file-errors.spec.ts'
// Where the app's e2e build goes (git-ignored, like dist/).
const E2E_BUILD = 'dist-e2e'

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two: most of a spec's time is waiting on the simulation's virtual time, not CPU, so two
  // browsers share the two cores of the CI machine and the suite takes about half as long.
  workers: Number(process.env['E2E_WORKERS'] ?? 2),
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: LESSON_FILE_SPECS,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
    },
    {
      // Specs that write into lessons/ and need the dev server to bundle them again (the build
      // has them baked in). They run after the rest: the served simulation (npm run serve)
      // bundles lessons/ when it starts, and must not pick up a broken one.
      name: 'lesson files',
      testMatch: LESSON_FILE_SPECS,
      dependencies: ['chromium'],
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        baseURL: `http://127.0.0.1:${DEV_PORT}`,
      },
    },
  ],
  webServer: [
    {
      // The app's origin serves a production build with the test API (main.tsx): a page is
      // ready in about 2 s, where the dev server took 7-9 s to transform its modules on a busy
      // 2-core machine, and production React renders each frame for less CPU.
      command: `npx vite build --mode e2e --outDir ${E2E_BUILD} --emptyOutDir --logLevel warn && node e2e/static-server.mjs ${PORT} ${E2E_BUILD}`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env['CI'],
      timeout: 180_000,
      cwd: '..',
    },
    {
      command: `npx vite build --logLevel warn && node e2e/static-server.mjs ${SECOND_PORT}`,
      url: `http://127.0.0.1:${SECOND_PORT}/embed-example.html`,
      reuseExistingServer: !process.env['CI'],
      timeout: 180_000,
      cwd: '..',
    },
    {
      command: `npx vite --port ${DEV_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${DEV_PORT}`,
      reuseExistingServer: !process.env['CI'],
      timeout: 120_000,
      cwd: '..',
    },
  ],
})
