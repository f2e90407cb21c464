import { defineConfig } from 'vitest/config'

// `npm test`: the unit tests (pure functions, no child process) in worker threads, which start
// faster than forks; the emulators' own tests and the end-to-end tests, which run the bundle as a
// child process against the emulators, in forks. The slow drills have a config of their own
// (vitest.drills.config.ts).
export default defineConfig({
  test: {
    globalSetup: ['__tests__/support/fresh-bundle.ts'],
    setupFiles: ['__tests__/support/every-test-asserts.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['__tests__/unit/**/*.test.ts'], pool: 'threads' }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts', '__tests__/emulator/**/*.test.ts'],
          pool: 'forks'
        }
      }
    ]
  }
})
