import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    disableConsoleIntercept: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Commands run in-process from src/; the few tests that start the built CLI get a fresh build (global-setup).
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
  },
})
