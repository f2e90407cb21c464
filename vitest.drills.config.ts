import { defineConfig } from 'vitest/config'

// `npm run drills`: the slow fault drills (`__tests__/drills/*.drill.ts`), which `npm test` leaves
// out. They spend most of their time waiting (retry-after, retries, kill points), so the files run
// side by side; each case inside a file runs on its own. The concurrent-claim rounds run after
// them (see package.json), alone, because they are what loads the CPU.
export default defineConfig({
  test: {
    globalSetup: ['__tests__/support/fresh-bundle.ts'],
    setupFiles: ['__tests__/support/every-test-asserts.ts'],
    include: ['__tests__/drills/**/*.drill.ts'],
    maxWorkers: 4,
    testTimeout: 120_000,
    hookTimeout: 60_000
  }
})
