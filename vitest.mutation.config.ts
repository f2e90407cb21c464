// The unit tests only, for StrykerJS (stryker.config.mjs): the e2e suite and the drills never run
// under mutation. Properties run with a fixed seed and fewer runs (__fixtures__/fast-check-for-mutation.ts).
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      'fast-check': fileURLToPath(
        new URL('./__fixtures__/fast-check-for-mutation.ts', import.meta.url)
      )
    }
  },
  test: {
    include: ['__tests__/unit/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
