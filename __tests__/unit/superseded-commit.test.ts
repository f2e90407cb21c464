// After the build: a commit whose same-repository PR moved on is not deployed (the newer head's
// run deploys that one); a fork's moved head stays the checkpoint's, a named commit is deployed.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { HEAD, OLD } from '../../__fixtures__/builders.js'
import { fullSha } from '../../__fixtures__/arbitraries.js'
import {
  type AfterBuild,
  type BuiltCommitPullRequest,
  afterBuild
} from '../../src/domain/superseded-commit.js'

const FORGED = HEAD.slice(0, 7) + 'f'.repeat(33)
const open = (patch: Partial<BuiltCommitPullRequest> = {}): BuiltCommitPullRequest => ({
  state: 'open',
  headSha: HEAD,
  isFork: false,
  ...patch
})
const fromHead = { commit: HEAD, named: false }

describe('after the build', () => {
  it.each<[string, BuiltCommitPullRequest, { commit: string; named: boolean }, AfterBuild]>([
    ['deploys the head it built', open(), fromHead, { kind: 'deploy' }],
    [
      'skips a commit the branch moved past',
      open({ headSha: OLD }),
      fromHead,
      { kind: 'skip', head: OLD }
    ],
    [
      'skips when the new head shares the short SHA (full SHAs decide)',
      open({ headSha: FORGED }),
      fromHead,
      { kind: 'skip', head: FORGED }
    ],
    [
      'compares SHAs without regard to case',
      open({ headSha: HEAD.toUpperCase() }),
      fromHead,
      { kind: 'deploy' }
    ],
    [
      'leaves a fork that moved on to the checkpoint (it waits for approval)',
      open({ headSha: OLD, isFork: true }),
      fromHead,
      { kind: 'deploy' }
    ],
    [
      'deploys a commit the workflow named, wherever the head is',
      open({ headSha: OLD }),
      { commit: HEAD, named: true },
      { kind: 'deploy' }
    ],
    [
      'leaves a closed PR to the checkpoint',
      open({ headSha: OLD, state: 'closed' }),
      fromHead,
      { kind: 'deploy' }
    ]
  ])('%s', (_what, fresh, run, verdict) => {
    expect(afterBuild(fresh, run)).toEqual(verdict)
  })

  it('skips exactly an open same-repository PR whose head is another commit than the one built from it (property)', () => {
    const branches = new Branches('after the build', {
      deploy: 0.05,
      skip: 0.02,
      'fork or named': 0.5
    })
    fc.assert(
      fc.property(
        fc.record({
          state: fc.constantFrom<'open' | 'closed'>('open', 'closed'),
          headSha: fc.oneof(fc.constant(HEAD), fullSha),
          isFork: fc.boolean()
        }),
        fc.boolean(),
        (fresh, named) => {
          const verdict = afterBuild(fresh, { commit: HEAD, named })
          branches.run()
          if (branches.hit('fork or named', fresh.isFork || named))
            expect(verdict).toEqual({ kind: 'deploy' })
          else if (branches.hit('skip', fresh.state === 'open' && fresh.headSha !== HEAD))
            expect(verdict).toEqual({ kind: 'skip', head: fresh.headSha })
          else {
            branches.hit('deploy')
            expect(verdict).toEqual({ kind: 'deploy' })
          }
        }
      ),
      { numRuns: 1000 }
    )
    branches.check()
  })
})
