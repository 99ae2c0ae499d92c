import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    disableConsoleIntercept: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The CLI and e2e tests run the built CLI (dist/), so `npm run build` comes first (CI does it).
    pool: 'forks',
  },
})
