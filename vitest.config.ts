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
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Many tests wait on fsync, child
    // processes, tmux or Chromium, so two workers use such a machine far better (about 4 min -> 3 min here).
    maxWorkers: 2,
  },
})
