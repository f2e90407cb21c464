// fast-check as the unit tests see it under mutation testing (vitest.mutation.config.ts resolves
// their `fast-check` to this file): every property runs with one fixed seed and at most
// MUTATION_PROPERTY_RUNS runs, so that a mutant is judged the same way in every run (the incremental
// results stay true) and the static mutants, which rerun every test, cost seconds, not minutes.
// The examples pin the rules; the properties, with their full run counts, still run in CI.
import * as real from 'fast-check'

const MAX_RUNS = Number(process.env.MUTATION_PROPERTY_RUNS ?? 200)

export * from 'fast-check'

export const assert: typeof real.assert = ((property: never, params?: { numRuns?: number }) =>
  real.assert(property, {
    ...params,
    seed: 15,
    numRuns: Math.min(params?.numRuns ?? 100, MAX_RUNS)
  })) as typeof real.assert

export default { ...real.default, assert }
