import { defineConfig } from 'vitest/config'

// `npm run drills`: the slow fault drills (`__tests__/drills/*.drill.ts`), which `npm test` leaves
// out. They spend much of their time waiting (retry-after, retries), so the files run side by
// side, and so do the cases of a file that gives each case a world of its own.
export default defineConfig({
  test: {
    globalSetup: ['__tests__/support/fresh-bundle.ts'],
    setupFiles: ['__tests__/support/every-test-asserts.ts'],
    include: ['__tests__/drills/**/*.drill.ts'],
    // Two files at a time, three cases of each: every case runs the bundle, and there are 2 cores.
    maxWorkers: 2,
    maxConcurrency: 3,
    testTimeout: 120_000,
    hookTimeout: 60_000
  }
})
