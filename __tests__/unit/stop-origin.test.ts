// Who added a trigger label, by the timeline: the newest event about it decides.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { login } from '../../__fixtures__/arbitraries.js'
import { type LabelEvent, lastAddedBy } from '../../src/domain/stop-origin.js'

const STOP = '🎪 🛑 showtime-trigger-stop'
const START = '🎪 ⚡ showtime-trigger-start'
const added = (actor: string, label = STOP): LabelEvent => ({ event: 'labeled', label, actor })
const removed = (actor: string, label = STOP): LabelEvent => ({ event: 'unlabeled', label, actor })

describe('who added a label last', () => {
  it.each<[string, LabelEvent[], string | undefined]>([
    ['the one who added it', [added('maintainer')], 'maintainer'],
    ['the last of several who added it', [added('a'), removed('b'), added('c')], 'c'],
    ['not someone who added another label since', [added('a'), added('b', START)], 'a'],
    ['nobody when its newest event removed it', [added('a'), removed('b')], undefined],
    ['nobody when no event is about it', [added('a', START), added('b', 'bug')], undefined],
    ['nobody when the timeline is empty', [], undefined],
    ['nobody when the actor is unknown (a deleted user)', [added('')], undefined]
  ])('is %s', (_what, events, who) => {
    expect(lastAddedBy(events, STOP)).toBe(who)
  })

  it('is the actor of the newest event about it, whatever else happened (property)', () => {
    const branches = new Branches('last added by', {
      added: 0.25,
      removed: 0.2,
      'never named': 0.05
    })
    const labelEvent = fc.record({
      event: fc.constantFrom<'labeled' | 'unlabeled'>('labeled', 'unlabeled'),
      label: fc.constantFrom(STOP, START, 'bug'),
      actor: login
    })
    fc.assert(
      fc.property(fc.array(labelEvent, { maxLength: 12 }), (events) => {
        const about = events.filter((e) => e.label === STOP)
        const newest = about.at(-1)
        branches.run()
        const who = lastAddedBy(events, STOP)
        if (branches.hit('never named', newest === undefined)) expect(who).toBeUndefined()
        else if (branches.hit('removed', newest?.event === 'unlabeled')) expect(who).toBeUndefined()
        else {
          branches.hit('added')
          expect(who).toBe(newest?.actor)
        }
      }),
      { numRuns: 500 }
    )
    branches.check()
  })
})
