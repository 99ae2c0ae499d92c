import {defineConfig} from 'vitest/config'

// Test files that replace a module (vi.mock of node:fs, to simulate a full disk) need a module graph of their own.
const REPLACES_MODULES = ['test/store/event-log.test.ts', 'test/store/files.test.ts']

const common = {
  disableConsoleIntercept: true,
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: 'forks' as const,
}

export default defineConfig({
  test: {
    // Commands run in-process from src/; the few tests that start the built CLI get a fresh build (global-setup).
    // A throwaway PostgreSQL cluster for the PostgreSQL store's tests (test/pg-setup.ts).
    globalSetup: ['test/global-setup.ts', 'test/pg-setup.ts'],
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Many tests wait on fsync, child
    // processes, tmux, PostgreSQL or Chromium, so three workers keep such a machine busiest (measured on 2 cores:
    // 1 worker 235 s before the shared module graph; now 2 workers 89 s, 3 workers 81 s, 4 workers 83 s).
    maxWorkers: 3,
    projects: [
      {
        test: {
          ...common,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: REPLACES_MODULES,
          // Each worker loads src/ once for all its files instead of once per file: about a third of the suite's CPU
          // time was spent importing the same modules again. Test files keep no state in modules (runCli sets the
          // command's context on every call); those that do are in the isolated project.
          isolate: false,
        },
      },
      {test: {...common, name: 'isolated', include: REPLACES_MODULES}},
    ],
  },
})
