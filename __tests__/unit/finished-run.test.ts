// What a finished sync tells the PR beyond its steps: a roll-over ends the replaced deployments; a
// stop or a close says every environment is gone, and why.

import { describe, expect, it } from 'vitest'
import { type FinishedRun, finishedRunNotices } from '../../src/domain/finished-run.js'
import type { Action, Step } from '../../src/domain/planner.js'

const teardown: Step = { kind: 'teardown', sha: 'abc123f', service: 's', labels: [] }
const goLive: Step = { kind: 'go-live', sha: 'def456a', removePointers: [] }
const run = (partial: Partial<FinishedRun>): FinishedRun => ({
  action: 'create_environment',
  steps: [],
  prState: 'open',
  hadEnvironments: true,
  live: false,
  ...partial
})

describe('the notices of a finished run', () => {
  it.each<[string, FinishedRun, ReturnType<typeof finishedRunNotices>]>([
    [
      'a roll-over: the replaced commits’ deployments end, its own stays',
      run({ steps: [goLive, teardown], live: true }),
      [{ kind: 'replaced-deployments-gone' }]
    ],
    ['a first deploy: nothing replaced', run({ steps: [goLive], live: true }), []],
    [
      'a stop: torn down, stopped',
      run({ action: 'destroy_environment', steps: [teardown] }),
      [{ kind: 'torn-down', why: 'stopped' }]
    ],
    [
      'a close: torn down, closed',
      run({ action: 'destroy_environment', steps: [teardown], prState: 'closed' }),
      [{ kind: 'torn-down', why: 'closed' }]
    ],
    [
      'a close of a PR without environments (stray labels only): nothing to tell',
      run({ action: 'destroy_environment', prState: 'closed', hadEnvironments: false }),
      []
    ],
    ['a refusal', run({ action: 'blocked' }), []],
    ['a trigger consumed while the commit builds', run({ action: 'no_action' }), []]
  ])('%s', (_, finished, notices) => {
    expect(finishedRunNotices(finished)).toEqual(notices)
  })

  it('tells of a teardown only after a stop or a close, and of replaced deployments only once live', () => {
    // The whole input space: 4 actions, 4 step lists, 2 PR states, with or without environments,
    // live or not.
    const actions: Action[] = ['create_environment', 'destroy_environment', 'no_action', 'blocked']
    const stepLists: Step[][] = [[], [goLive], [teardown], [goLive, teardown]]
    let cases = 0
    for (const action of actions)
      for (const steps of stepLists)
        for (const prState of ['open', 'closed'] as const)
          for (const hadEnvironments of [false, true])
            for (const live of [false, true]) {
              cases++
              const notices = finishedRunNotices({ action, steps, prState, hadEnvironments, live })
              const expected = [
                ...(live && steps.includes(teardown)
                  ? [{ kind: 'replaced-deployments-gone' }]
                  : []),
                ...(action === 'destroy_environment' && hadEnvironments
                  ? [{ kind: 'torn-down', why: prState === 'closed' ? 'closed' : 'stopped' }]
                  : [])
              ]
              expect(notices).toEqual(expected)
            }
    expect(cases).toBe(128)
  })
})
