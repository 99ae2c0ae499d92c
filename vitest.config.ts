import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    disableConsoleIntercept: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Commands run in-process from src/; the few tests that start the built CLI get a fresh build (global-setup).
    // A throwaway PostgreSQL cluster for the PostgreSQL store's tests (test/pg-setup.ts).
    globalSetup: ['test/global-setup.ts', 'test/pg-setup.ts'],
    pool: 'forks',
  },
})
