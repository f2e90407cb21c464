// Stop and close win at every point: what a run decides at its checkpoints (right before its
// service, right before going live).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { HEAD, OLD, POLICY } from '../../__fixtures__/builders.js'
import { fullSha } from '../../__fixtures__/arbitraries.js'
import { type CheckpointPullRequest, checkpoint } from '../../src/domain/checkpoint.js'
import type { StopOrigin } from '../../src/domain/planner.js'
import { PERMISSIONS } from '../../src/domain/pull-request.js'

const FORGED = 'def456a' + 'f'.repeat(33)
const run = { decidedHead: HEAD, allowedPermissions: POLICY.allowedPermissions }
const open = (patch: Partial<CheckpointPullRequest> = {}): CheckpointPullRequest => ({
  state: 'open',
  headSha: HEAD,
  isFork: false,
  labels: { stopTrigger: false, blocked: false },
  ...patch
})
const stop = { stopTrigger: true, blocked: false }
const maintainer: StopOrigin = { login: 'maintainer', permission: 'maintain' }

describe('a checkpoint', () => {
  it.each<
    [string, CheckpointPullRequest, StopOrigin | null | undefined, ReturnType<typeof checkpoint>]
  >([
    ['goes on when nothing changed', open(), undefined, { kind: 'go-on' }],
    [
      'tears down a closed PR',
      open({ state: 'closed' }),
      undefined,
      { kind: 'tear-down', why: 'closed' }
    ],
    [
      'tears down a closed PR even with a stop it has not verified',
      open({ state: 'closed', labels: stop }),
      undefined,
      { kind: 'tear-down', why: 'closed' }
    ],
    ['asks who added a stop', open({ labels: stop }), undefined, { kind: 'needs-stop-origin' }],
    [
      'tears down on a stop by a maintainer',
      open({ labels: stop }),
      maintainer,
      { kind: 'tear-down', why: 'stopped' }
    ],
    [
      'goes on past a stop by a triage user (its own run refuses it)',
      open({ labels: stop }),
      { login: 'triager', permission: 'triage' },
      { kind: 'go-on' }
    ],
    [
      'goes on past a stop the timeline cannot vouch for',
      open({ labels: stop }),
      null,
      { kind: 'go-on' }
    ],
    [
      'goes on past a stop on a blocked PR',
      open({ labels: { stopTrigger: true, blocked: true } }),
      undefined,
      { kind: 'go-on' }
    ],
    [
      'abandons when a fork moved on',
      open({ isFork: true, headSha: OLD }),
      undefined,
      { kind: 'abandon', head: OLD }
    ],
    [
      'abandons when a fork force-pushed a commit with the same short SHA',
      open({ isFork: true, headSha: FORGED }),
      undefined,
      { kind: 'abandon', head: FORGED }
    ],
    [
      'goes on when a branch of the repository moved on (its own run rolls that out)',
      open({ headSha: OLD }),
      undefined,
      { kind: 'go-on' }
    ]
  ])('%s', (_what, fresh, origin, verdict) => {
    expect(checkpoint(fresh, run, origin)).toEqual(verdict)
  })

  it('goes on only for an open PR without an honoured stop and, for a fork, the same head (property)', () => {
    const branches = new Branches('checkpoint', {
      'go on': 0.1,
      closed: 0.2,
      stopped: 0.015,
      abandoned: 0.05
    })
    const origin = fc.option(
      fc.record({ login: fc.constant('someone'), permission: fc.constantFrom(...PERMISSIONS) }),
      { nil: null }
    )
    fc.assert(
      fc.property(
        fc.record({
          state: fc.constantFrom<'open' | 'closed'>('open', 'closed'),
          headSha: fc.oneof(fc.constant(HEAD), fullSha),
          isFork: fc.boolean(),
          labels: fc.record({ stopTrigger: fc.boolean(), blocked: fc.boolean() })
        }),
        origin,
        (fresh, who) => {
          const verdict = checkpoint(fresh, run, who)
          const honoured =
            fresh.labels.stopTrigger &&
            !fresh.labels.blocked &&
            who !== null &&
            POLICY.allowedPermissions.includes(who.permission)
          const moved = fresh.isFork && fresh.headSha !== HEAD
          branches.run()
          if (branches.hit('closed', fresh.state === 'closed'))
            expect(verdict).toEqual({ kind: 'tear-down', why: 'closed' })
          else if (branches.hit('stopped', honoured))
            expect(verdict).toEqual({ kind: 'tear-down', why: 'stopped' })
          else if (branches.hit('abandoned', moved))
            expect(verdict).toEqual({ kind: 'abandon', head: fresh.headSha })
          else {
            branches.hit('go on')
            expect(verdict).toEqual({ kind: 'go-on' })
          }
        }
      ),
      { numRuns: 1000 }
    )
    branches.check()
  })
})
