// The unit tests only, for StrykerJS (stryker.config.mjs): the e2e suite and the drills never run
// under mutation. Their `fast-check` is __fixtures__/fast-check-for-mutation.ts: properties run with
// a fixed seed and fewer runs.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const fastCheckForMutation = fileURLToPath(
  new URL('./__fixtures__/fast-check-for-mutation.ts', import.meta.url)
)

export default defineConfig({
  plugins: [
    {
      name: 'fast-check-for-mutation',
      enforce: 'pre',
      // Every import of fast-check but the wrapper's own gets the wrapper.
      resolveId(source, importer) {
        if (source !== 'fast-check' || importer?.startsWith(fastCheckForMutation)) return null
        return fastCheckForMutation
      }
    }
  ],
  test: {
    include: ['__tests__/unit/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
