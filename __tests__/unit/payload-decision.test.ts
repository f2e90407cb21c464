// Events that change nothing cost nothing: when the event's payload is enough to decide.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { HEAD, NOW, POLICY, actor, event, pullRequest } from '../../__fixtures__/builders.js'
import { event as eventArbitrary, labelSet } from '../../__fixtures__/arbitraries.js'
import { readLabels } from '../../src/domain/label-state.js'
import { standsOnPayload } from '../../src/domain/payload-decision.js'
import { type Decision, plan } from '../../src/domain/planner.js'

const START = '🎪 ⚡ showtime-trigger-start'
const STOP = '🎪 🛑 showtime-trigger-stop'
const RUNNING = ['🎪 abc123f 🚦 running', '🎪 🎯 abc123f']
const nothing: Pick<Decision, 'steps' | 'needsPermission' | 'needsStopOrigin'> = {
  steps: [],
  needsPermission: false,
  needsStopOrigin: false
}

describe('a decision made from the payload', () => {
  it.each<[string, Partial<Decision>, string[], string | undefined, boolean]>([
    [
      'stands when it changes nothing on a PR without Showtime labels',
      {},
      ['bug'],
      undefined,
      true
    ],
    ['stands for an unrelated label on a PR with a preview', {}, RUNNING, 'bug', true],
    ['stands for a label of Showtime that is no trigger', {}, RUNNING, '🎪 ⌛ 1w', true],
    [
      'does not stand when it has steps to carry out',
      { steps: [{ kind: 'notify', notices: [] }] },
      [],
      undefined,
      false
    ],
    [
      'does not stand when it needs a role from GitHub',
      { needsPermission: true },
      [],
      undefined,
      false
    ],
    ['does not stand when it needs the timeline', { needsStopOrigin: true }, [], undefined, false],
    ['does not stand with a trigger on the PR', {}, [...RUNNING, START], undefined, false],
    ['does not stand with a stop on the PR', {}, [STOP], 'bug', false],
    ['does not stand for the addition of a trigger', {}, [], START, false],
    ['does not stand for the removal of a trigger', {}, RUNNING, STOP, false]
  ])('%s', (_what, decision, labels, label, stands) => {
    expect(
      standsOnPayload(
        { ...nothing, ...decision },
        readLabels(labels),
        label === undefined ? {} : { label }
      )
    ).toBe(stands)
  })

  it('never stands for a plan that writes, builds or involves a trigger (property)', () => {
    const branches = new Branches('payload stands', { stands: 0.2, 'trigger involved': 0.1 })
    fc.assert(
      fc.property(labelSet, eventArbitrary, fc.boolean(), (labels, ev, isFork) => {
        const pr = pullRequest(labels, { isFork })
        const decision = plan({
          pr,
          event: ev,
          targetSha: HEAD,
          actor: actor(),
          now: NOW,
          policy: POLICY,
          runningCommit: HEAD
        })
        const stands = standsOnPayload(decision, pr.labels, ev)
        branches.run().hit('stands', stands)
        const trigger =
          pr.labels.triggerLabels.length > 0 ||
          (ev.label !== undefined && [START, STOP].includes(ev.label))
        branches.hit('trigger involved', trigger)
        if (stands) {
          expect(decision.syncNeeded).toBe(false)
          expect(decision.buildNeeded).toBe(false)
          expect(trigger).toBe(false)
        }
      }),
      { numRuns: 1000 }
    )
    branches.check()
  })

  it('stands for a fork push on a PR with a preview: it costs nothing', () => {
    const pr = pullRequest(RUNNING, { isFork: true })
    const decision = plan({
      pr,
      event: event('synchronize', undefined, 'contributor'),
      targetSha: HEAD,
      actor: actor(undefined, 'contributor'),
      now: NOW,
      policy: POLICY
    })
    expect(decision.reason).toBe('fork_commit_needs_approval')
    expect(standsOnPayload(decision, pr.labels, {})).toBe(true)
  })
})
