import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['__tests__/support/fresh-bundle.ts'],
    setupFiles: ['__tests__/support/every-test-asserts.ts'],
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
