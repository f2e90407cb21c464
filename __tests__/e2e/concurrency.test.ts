// The claim cannot be won twice: N copies of the bundle started at once on one start trigger
// build exactly once, every round. The trigger's DELETE is the gate: GitHub answers the second
// one 404, and the run that gets it exits 0 with sync_needed=false, having written nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START, World } from '../support/world.js'

const SHA = 'abc123f' + '3'.repeat(33)
// `npm test` plays 5 rounds; `npm run drills` (which CI runs too) plays 50.
const ROUNDS = Number(process.env.SHOWTIME_CLAIM_ROUNDS ?? 5)

let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())

describe.each([2, 10])('%i concurrent runs on one start trigger', (copies) => {
  it(
    `build exactly once, ${ROUNDS} rounds in a row`,
    { timeout: 60_000 + ROUNDS * copies * 2_000 },
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const pr = world.newPr([START], SHA)
        const before = world.docker.calls().length
        const results = await Promise.all(
          Array.from({ length: copies }, () =>
            world.sync(pr, 'labeled', { label: START, inputs: { 'dry-run-aws': 'true' } })
          )
        )
        const context = `round ${round + 1}: ${results.map((r) => r.outputs.sync_needed).join(',')}`
        expect(world.docker.calls().length - before, context).toBe(1)
        for (const result of results) expect(result.code, result.stdout).toBe(0)
        expect(
          results.filter((r) => r.outputs.sync_needed === 'true'),
          context
        ).toHaveLength(1)
        // A loser either lost the DELETE race, or read the PR after the winner took the trigger
        // (and so saw nothing to do, or the SHA already building): it wrote nothing either way.
        const losers = results.filter(
          (r) =>
            r.outputs.sync_needed === 'false' &&
            (r.stdout.includes('Another run claimed this PR first') ||
              ['not_a_deploy_event', 'in_progress', 'already_running'].includes(
                r.outputs.action_reason ?? ''
              ))
        )
        expect(losers, context).toHaveLength(copies - 1)
        expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
        expect(world.labels(pr)).not.toContain(START)
      }
    }
  )
})
