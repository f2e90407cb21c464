// How sync carries out the planner's steps: the phase each step starts, and where the PR's route
// comes off (before the first teardown of a stop or a close, never in a roll-over).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { readLabels } from '../../src/domain/label-state.js'
import { type Decision, type Step, plan } from '../../src/domain/planner.js'
import type { EventKind, PullRequestSnapshot } from '../../src/domain/pull-request.js'
import { routeRemovalStep, stepPhase } from '../../src/domain/sync-steps.js'

describe('the phase a step starts', () => {
  it.each<[Step, ReturnType<typeof stepPhase>]>([
    [{ kind: 'claim', via: 'trigger', labels: [] }, 'claim'],
    [{ kind: 'labels', add: [], remove: [], why: 'claim' }, undefined],
    [{ kind: 'notify', notices: [] }, undefined],
    [{ kind: 'build', sha: 'abc123f', image: 'i' }, 'build'],
    [{ kind: 'status', sha: 'abc123f', status: 'deploying' }, 'deploy'],
    [{ kind: 'deploy', sha: 'abc123f', service: 's', image: 'i' }, 'deploy'],
    [{ kind: 'go-live', sha: 'abc123f', removePointers: [] }, 'health'],
    [{ kind: 'teardown', sha: 'abc123f', service: 's', labels: [] }, 'teardown']
  ])('%o → %s', (step, phase) => {
    expect(stepPhase(step)).toBe(phase)
  })
})

const teardown = (sha: string): Step => ({ kind: 'teardown', sha, service: 's', labels: [] })
const claim: Step = { kind: 'claim', via: 'trigger', labels: ['🎪 🛑 showtime-trigger-stop'] }

describe('where the PR’s route comes off', () => {
  it.each<[string, Pick<Decision, 'action' | 'steps'>, number | undefined]>([
    [
      'a stop: before its first teardown',
      { action: 'destroy_environment', steps: [claim, teardown('a'), teardown('b')] },
      1
    ],
    [
      'a close without a trigger to claim',
      { action: 'destroy_environment', steps: [teardown('a')] },
      0
    ],
    [
      'a close of a PR with stray labels only: no teardown, no route to free',
      {
        action: 'destroy_environment',
        steps: [{ kind: 'labels', add: [], remove: ['x'], why: 'teardown' }]
      },
      undefined
    ],
    [
      'a roll-over: its teardowns leave the route, which serves the new commit',
      {
        action: 'create_environment',
        steps: [{ kind: 'go-live', sha: 'b', removePointers: [] }, teardown('a')]
      },
      undefined
    ],
    ['nothing to do', { action: 'no_action', steps: [] }, undefined]
  ])('%s', (_, decision, index) => {
    expect(routeRemovalStep(decision)).toBe(index)
  })

  it('in every plan: before the first teardown exactly when every environment goes', () => {
    const HOUR = 3_600_000
    const now = Date.UTC(2026, 10, 27, 12)
    const environment = fc
      .tuple(
        fc.constantFrom('abc123f', 'def456a', '1234567'),
        fc.constantFrom('running', 'building', 'failed', 'deploying')
      )
      .map(([sha, status]) => [`🎪 ${sha} 🚦 ${status}`, `🎪 ${sha} 📅 2026-11-27T11-00`])
    const situation = fc.record({
      environments: fc.array(environment, { maxLength: 3 }),
      state: fc.constantFrom('open' as const, 'closed' as const),
      trigger: fc.constantFrom(
        '🎪 🛑 showtime-trigger-stop',
        '🎪 ⚡ showtime-trigger-start',
        undefined
      ),
      kind: fc.constantFrom<EventKind>('labeled', 'synchronize', 'closed')
    })

    const shares = new Branches(
      'in every plan: before the first teardown exactly when every environment goes',
      { removed: 0.2, kept: 0.03 }
    )
    fc.assert(
      fc.property(situation, ({ environments, state, trigger, kind }) => {
        shares.run()
        const head = 'c0ffee1' + '0'.repeat(33)
        const labels = [...environments.flat(), ...(trigger ? [trigger] : [])]
        const pr: PullRequestSnapshot = {
          number: 7,
          state,
          headSha: head,
          author: 'a',
          isFork: false,
          labels: readLabels(labels)
        }
        const decision = plan({
          pr,
          event: {
            kind,
            sender: 'maintainer',
            ...(kind === 'labeled' && trigger && { label: trigger, sha: head })
          },
          targetSha: head,
          actor: { login: 'maintainer', permission: 'maintain' },
          now,
          policy: {
            allowedPermissions: ['write', 'maintain', 'admin'],
            staleAfterMs: 2 * HOUR,
            defaultTtl: '48h',
            imageRepository: 'apache/superset',
            containerPort: 8080,
            maxEnvironments: 0
          }
        })
        const index = routeRemovalStep(decision)
        const firstTeardown = decision.steps.findIndex((s) => s.kind === 'teardown')
        if (decision.action === 'destroy_environment' && firstTeardown !== -1) {
          shares.hit('removed')
          expect(index).toBe(firstTeardown)
        } else {
          if (firstTeardown !== -1) shares.hit('kept')
          expect(index).toBeUndefined()
        }
      }),
      { numRuns: 400 }
    )
    // Both kinds of teardown happen often: a stop or a close, and a roll-over's.
    shares.check()
  })
})
