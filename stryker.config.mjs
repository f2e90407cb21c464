// @ts-check
// Mutation testing of the pure core (src/domain) against the unit tests. Run it with
// `npm run mutation` (scripts/mutation.mjs), which also writes bench/MUTATION.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: false,
  incremental: true,
  incrementalFile:
    process.env.MUTATION_INCREMENTAL_FILE ?? 'bench/mutation/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['json', 'progress-append-only', 'clear-text'],
  jsonReporter: { fileName: process.env.MUTATION_JSON_REPORT ?? 'reports/mutation/mutation.json' },
  clearTextReporter: {
    allowEmojis: true,
    logTests: false,
    reportScoreTable: true,
    reportMutants: false
  },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null }
}
export default config
