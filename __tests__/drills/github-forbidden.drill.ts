// Drill: a GitHub fault that no plugin retries, at every request of a first deploy: a plain 403
// "Resource not accessible by integration" (a token without a permission, a protected resource).
// The run must fail with one readable error line (or succeed), leave the PR where a retry
// converges from (the SHA failed, or no labels and the start trigger still there), and the retry
// must converge. Each case has its own world, so the cases run side by side.

import { describe, expect, it } from 'vitest'
import type { EmulatorFault } from '../support/github-emulator.js'
import { START, World } from '../support/world.js'
import { describeRun, restingProblems } from './drill-support.js'
import { SHA, SHORT, faultAt, firstDeployRequests, report } from './github-sweep.js'

const FORBIDDEN: EmulatorFault = {
  status: 403,
  body: {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.com/rest/issues/labels',
    status: '403'
  }
}

const requests = await firstDeployRequests()

describe.concurrent('a 403 that is not a rate limit, at every request of a first deploy', () => {
  it.each(requests.map((request, k) => ({ k, request })))(
    'k=$k $request: fails readably or succeeds, and converges on a retry',
    { timeout: 120_000 },
    async ({ k }) => {
      const row = await faultAt(k, FORBIDDEN)
      console.log(report('403 Resource not accessible by integration', [row]))
      expect(row.problems).toEqual([])
    }
  )
})

// Two points that once showed bugs, kept fixed: the claim's labels (the trigger was taken off and
// nothing said the SHA failed) and the removal of `deploying` at go-live (the service was released
// while the SHA stayed running and pointed at).
describe.concurrent('a 403 at a point that once lost the PR', () => {
  it('a failed write of the claim labels leaves the PR retryable', async () => {
    const world = await World.start()
    try {
      const pr = world.newPr([START], SHA)
      world.github.injectFault({
        ...FORBIDDEN,
        method: 'POST',
        path: `/repos/apache/superset/issues/${pr}/labels`
      })
      const result = await world.sync(pr, 'labeled', { label: START })
      expect(result.code, describeRun(result)).toBe(1)
      const labels = world.labels(pr)
      const failed = labels.includes(`🎪 ${SHORT} 🚦 failed`)
      const retryable = labels.includes(START)
      expect(failed || retryable, `labels: [${labels.join(', ')}]`).toBe(true)
    } finally {
      await world.stop()
    }
  })

  it('a failed removal of `deploying` at go-live leaves no running SHA without its service', async () => {
    const world = await World.start()
    try {
      const pr = world.newPr([START], SHA)
      world.github.injectFault({
        ...FORBIDDEN,
        method: 'DELETE',
        path: `/repos/apache/superset/issues/${pr}/labels/🎪 ${SHORT} 🚦 deploying`
      })
      const result = await world.sync(pr, 'labeled', { label: START })
      expect(result.code, describeRun(result)).toBe(1)
      expect(restingProblems(world, pr)).toEqual([])
    } finally {
      await world.stop()
    }
  })
})
