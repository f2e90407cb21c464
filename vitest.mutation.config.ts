// The unit tests only, for StrykerJS (stryker.config.mjs): the e2e suite and the drills never run
// under mutation.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/unit/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
