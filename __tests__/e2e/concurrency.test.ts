// The claim cannot be won twice. N copies of the bundle run on one start trigger, and the GitHub
// emulator holds every run's claim (the trigger's DELETE) until all N have sent it, then lets them
// go together: GitHub answers the first 200 and the others 404, and a run that gets the 404 exits
// 0 with sync_needed=false, having written nothing. The other way to lose, reading the PR after
// another run's claim, is played by holding that run at a point of its claim.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorRequest } from '../support/github-emulator.js'
import type { RunResult } from '../support/run-action.js'
import { START, World } from '../support/world.js'

const SHA = 'abc123f' + '3'.repeat(33)
const DRY = { 'dry-run-aws': 'true' }

let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())

const claimOf = (pr: number) => (r: EmulatorRequest) =>
  r.method === 'DELETE' && r.path === `/repos/apache/superset/issues/${pr}/labels/${START}`

function claimsWon(results: RunResult[]): RunResult[] {
  for (const result of results) expect(result.code, result.stdout).toBe(0)
  return results.filter((r) => r.outputs.sync_needed === 'true')
}

describe.each([2, 10])('%i concurrent runs on one start trigger', (copies) => {
  it('build exactly once when their claims reach GitHub together', async () => {
    const pr = world.newPr([START], SHA)
    const builds = world.docker.calls().length
    const claims = world.github.hold(claimOf(pr), { count: copies })
    void claims.reached.then(() => claims.release())
    const results = await Promise.all(
      Array.from({ length: copies }, () => world.sync(pr, 'labeled', { label: START, inputs: DRY }))
    )
    expect(claims.held).toHaveLength(copies)
    expect(claimsWon(results)).toHaveLength(1)
    const lost = results.filter((r) => r.stdout.includes('Another run claimed this PR first'))
    expect(lost).toHaveLength(copies - 1)
    for (const loser of lost) expect(loser.outputs.sync_needed).toBe('false')
    expect(world.docker.calls().length - builds).toBe(1)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
    expect(world.labels(pr)).not.toContain(START)
  })
})

describe('a run that reads the PR after another run claimed it', () => {
  it.each([
    ['before the claim wrote its labels', 'before', 'not_a_deploy_event'],
    // Its trigger is gone: its event is no rollout event, decided before the building commit.
    ['once the claim wrote building', 'after', 'not_a_deploy_event']
  ] as const)('%s: does nothing (%s)', async (_, phase, reason) => {
    const pr = world.newPr([START], SHA)
    const building = world.github.hold(
      (r) =>
        r.method === 'POST' &&
        r.path === `/repos/apache/superset/issues/${pr}/labels` &&
        JSON.stringify(r.body).includes('🚦 building'),
      { phase }
    )
    const first = world.sync(pr, 'labeled', { label: START, inputs: DRY })
    await building.reached
    const second = await world.sync(pr, 'labeled', { label: START, inputs: DRY })
    building.release()
    expect(claimsWon([await first, second])).toEqual([await first])
    expect(second.outputs.action_reason).toBe(reason)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
  })
})
