import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { activeShow, findShow, readLabels } from '../../src/domain/label-state.js'
import {
  BLOCKED,
  FREEZE,
  TRIGGER_START,
  TRIGGER_STOP,
  parseLabel
} from '../../src/domain/labels.js'
import { crowdedLabelSet, labelSet } from '../../__fixtures__/arbitraries.js'

const running = [
  '🎪 abc123f 🚦 running',
  '🎪 abc123f 📅 2026-11-27T10-00',
  '🎪 abc123f 🌐 52.1.2.3:8080',
  '🎪 abc123f 🤡 maxime',
  '🎪 🎯 abc123f',
  '🎪 ⌛ 48h'
]

describe('readLabels', () => {
  it('reads a running environment with its pointer and TTL', () => {
    const state = readLabels([...running, 'bug'])
    expect(state.shows).toEqual([
      {
        sha: 'abc123f',
        status: 'running',
        createdAt: '2026-11-27T10-00',
        ip: '52.1.2.3',
        port: 8080,
        requester: 'maxime',
        labels: [...running.slice(0, 5)].sort()
      }
    ])
    expect(state.activeSha).toBe('abc123f')
    expect(activeShow(state)?.ip).toBe('52.1.2.3')
    expect(state.ttl).toEqual({ kind: 'duration', hours: 48, text: '48h' })
    expect(state.showtimeLabels).toHaveLength(6)
    expect(state.problems).toEqual([])
  })

  it('creates a show only for a SHA with a status label', () => {
    const state = readLabels([
      '🎪 abc123f 🌐 52.1.2.3:8080',
      '🎪 🎯 abc123f',
      '🎪 def456a 🚦 failed'
    ])
    expect(state.shows.map((s) => s.sha)).toEqual(['def456a'])
    expect(state.activeSha).toBeUndefined()
    expect(state.strayLabels).toEqual(['🎪 abc123f 🌐 52.1.2.3:8080', '🎪 🎯 abc123f'])
  })

  it('reads triggers, freeze and blocked by exact name', () => {
    const state = readLabels([
      TRIGGER_START,
      TRIGGER_STOP,
      FREEZE,
      BLOCKED,
      'showtime-trigger-start'
    ])
    expect(state).toMatchObject({
      startTrigger: true,
      stopTrigger: true,
      freeze: true,
      blocked: true
    })
    expect(state.triggerLabels).toEqual([TRIGGER_START, TRIGGER_STOP].sort())
  })

  it('reports garbage 🎪 labels and ignores them', () => {
    const state = readLabels(['🎪 not a label', '🎪 abc123f 🚦 Running!'])
    expect(state.shows).toEqual([])
    expect(state.problems).toHaveLength(2)
    expect(state.problems[0]).toMatch(/^ignored label "🎪/)
  })

  describe('resolves duplicates by documented rules', () => {
    it('two statuses: the one furthest along the lifecycle wins', () => {
      expect(
        findShow(readLabels(['🎪 abc123f 🚦 building', '🎪 abc123f 🚦 deploying']), 'abc123f')
          ?.status
      ).toBe('deploying')
      expect(
        findShow(readLabels(['🎪 abc123f 🚦 running', '🎪 abc123f 🚦 failed']), 'abc123f')?.status
      ).toBe('failed')
      expect(
        findShow(readLabels(['🎪 abc123f 🚦 weird', '🎪 abc123f 🚦 building']), 'abc123f')?.status
      ).toBe('building')
    })

    it('two pointers: a running show wins, then the newest, then the lowest SHA', () => {
      const base = [
        '🎪 abc123f 🚦 running',
        '🎪 abc123f 📅 2026-11-27T10-00',
        '🎪 def456a 🚦 failed',
        '🎪 def456a 📅 2026-11-27T11-00',
        '🎪 🎯 abc123f',
        '🎪 🎯 def456a'
      ]
      expect(readLabels(base).activeSha).toBe('abc123f')
      const bothRunning = base.map((l) => l.replace('failed', 'running'))
      expect(readLabels(bothRunning).activeSha).toBe('def456a')
      expect(readLabels(bothRunning).problems.join()).toMatch(/2 🎯 pointers/)
    })

    it('two TTL labels: the longest wins, so adding one extends', () => {
      expect(readLabels(['🎪 ⌛ 48h', '🎪 ⌛ 1w']).ttl?.text).toBe('1w')
      expect(readLabels(['🎪 ⌛ 1w', '🎪 ⌛ close']).ttl?.text).toBe('close')
    })

    it('two creation times: the earliest wins', () => {
      const state = readLabels([
        '🎪 abc123f 🚦 running',
        '🎪 abc123f 📅 2026-11-27T10-00',
        '🎪 abc123f 📅 2026-11-26T10-00'
      ])
      expect(state.shows[0]?.createdAt).toBe('2026-11-26T10-00')
    })

    it('a current-form address beats a legacy one', () => {
      const state = readLabels([
        '🎪 abc123f 🚦 running',
        '🎪 abc123f 🌐 1-2-3-4',
        '🎪 abc123f 🌐 5.6.7.8:9000'
      ])
      expect(state.shows[0]).toMatchObject({ ip: '5.6.7.8', port: 9000 })
      expect(state.legacyLabels).toEqual(['🎪 abc123f 🌐 1-2-3-4'])
    })
  })

  it('reads legacy forms into the same show and lists them for rewriting', () => {
    const state = readLabels([
      '🎪 🚦 abc123f running',
      '🎪 🌐 abc123f 52-1-2-3',
      '🎪 abc123f ⌛ 24h',
      '🎪 🏗️ abc123f'
    ])
    expect(state.shows).toMatchObject([
      { sha: 'abc123f', status: 'running', ip: '52.1.2.3', port: 8080 }
    ])
    expect(state.legacyLabels).toHaveLength(4)
    expect(state.ttl).toBeUndefined()
  })

  it('gives the same result for any order of the same labels (property)', () => {
    const branches = new Branches('any order', {
      'two environments': 0.13,
      'two statuses on one SHA': 0.1,
      'a 🎯': 0.12
    })
    fc.assert(
      fc.property(
        fc
          .oneof(labelSet, crowdedLabelSet)
          .chain((labels) =>
            fc.tuple(fc.constant(labels), fc.shuffledSubarray(labels, { minLength: labels.length }))
          ),
        ([labels, shuffled]) => {
          const state = readLabels(labels)
          branches.run().hit('two environments', state.shows.length >= 2)
          const statuses = labels
            .filter((l) => /^🎪 [0-9a-f]{7} 🚦 /.test(l))
            .map((l) => l.slice(3, 10))
          branches.hit('two statuses on one SHA', new Set(statuses).size < statuses.length)
          branches.hit('a 🎯', state.activeSha !== undefined)
          expect(readLabels(shuffled)).toEqual(state)
        }
      ),
      { numRuns: 3000 }
    )
    branches.check()
  })

  it('accounts for every Showtime label exactly once, whatever the labels (property)', () => {
    const branches = new Branches('accounts for every label', {
      'an environment': 0.3,
      'a 🎯': 0.1,
      'a stray label': 0.05,
      'an ignored label': 0.3
    })
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(
            fc.oneof(
              labelSet.map((l) => l.join('')),
              labelSet.filter((l) => l.length > 0).chain((l) => fc.constantFrom(...l)),
              fc.string({ unit: 'grapheme' })
            )
          ),
          crowdedLabelSet
        ),
        (labels) => {
          const state = readLabels(labels)
          branches.run().hit('an environment', state.shows.length > 0)
          branches.hit('a 🎯', state.activeSha !== undefined)
          branches.hit('a stray label', state.strayLabels.length > 0)
          branches.hit('an ignored label', state.problems.length > 0)
          expect(state.showtimeLabels).toEqual(
            [...new Set(labels.filter((l) => l.startsWith('🎪')))].sort()
          )
          const showLabels = state.shows.flatMap((s) => s.labels)
          for (const name of state.showtimeLabels) {
            const parsed = parseLabel(name)
            const places = [
              state.triggerLabels.includes(name),
              state.ttlLabels.includes(name),
              showLabels.includes(name),
              state.strayLabels.includes(name),
              parsed.kind === 'freeze' || parsed.kind === 'blocked',
              parsed.kind === 'unknown' &&
                state.problems.includes(`ignored label "${name}": ${parsed.reason}`)
            ]
            expect(places.filter(Boolean), name).toHaveLength(1)
          }
          expect(showLabels.length + state.strayLabels.length).toBe(
            new Set([...showLabels, ...state.strayLabels]).size
          )
          expect(state.freeze).toBe(state.showtimeLabels.includes(FREEZE))
          expect(state.blocked).toBe(state.showtimeLabels.includes(BLOCKED))
          expect(state.startTrigger).toBe(state.triggerLabels.includes(TRIGGER_START))
          expect(state.stopTrigger).toBe(state.triggerLabels.includes(TRIGGER_STOP))
          expect(state.ttl === undefined).toBe(state.ttlLabels.length === 0)
          for (const show of state.shows) {
            expect(show.labels.map(parseLabel)).toContainEqual(
              expect.objectContaining({ kind: 'status', sha: show.sha, status: show.status })
            )
          }
          if (state.activeSha !== undefined) {
            expect(state.shows.map((s) => s.sha)).toContain(state.activeSha)
          }
        }
      ),
      { numRuns: 2000 }
    )
    branches.check()
  })
})

// readLabels' rules for two labels of a kind, each pinned with the words of its problem report
// (issue #15: what mutation testing found unchecked).
describe('two labels of a kind on one SHA', () => {
  it('two statuses: the one furthest along wins, and the PR is told', () => {
    const state = readLabels(['🎪 abc123f 🚦 building', '🎪 abc123f 🚦 running'])
    expect(state.shows[0]?.status).toBe('running')
    expect(state.problems).toEqual(['abc123f has 2 status labels; "running" wins'])
  })

  it.each([
    [['deploying', 'built'], 'deploying'],
    [['built', 'building'], 'built'],
    [['updating', 'deploying'], 'updating'],
    [['running', 'updating'], 'running'],
    [['weird', 'other'], 'other'] // two unknown statuses: the lowest text
  ])('statuses %j: %s wins', (statuses, winner) => {
    for (const order of [statuses, [...statuses].reverse()]) {
      const state = readLabels(order.map((s) => `🎪 abc123f 🚦 ${s}`))
      expect(state.shows[0]?.status).toBe(winner)
    }
  })

  it('one status is no problem', () => {
    expect(readLabels(['🎪 abc123f 🚦 running']).problems).toEqual([])
  })

  it('two current addresses: the lowest text wins', () => {
    const state = readLabels([
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 🌐 52.1.2.9:8080',
      '🎪 abc123f 🌐 52.1.2.10:8080'
    ])
    expect(state.shows[0]).toMatchObject({ ip: '52.1.2.10', port: 8080 })
  })

  it('two legacy addresses: the lowest text wins', () => {
    const state = readLabels([
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 🌐 9-9-9-9',
      '🎪 abc123f 🌐 1-1-1-1'
    ])
    expect(state.shows[0]).toMatchObject({ ip: '1.1.1.1', port: 8080 })
  })

  it('two requesters: the current form first, then the lowest login', () => {
    const current = readLabels(['🎪 abc123f 🚦 running', '🎪 abc123f 🤡 zed', '🎪 🤡 abc123f adam'])
    expect(current.shows[0]?.requester).toBe('zed')
    const both = readLabels(['🎪 abc123f 🚦 running', '🎪 abc123f 🤡 zed', '🎪 abc123f 🤡 adam'])
    expect(both.shows[0]?.requester).toBe('adam')
  })

  it('two creation times in two forms: the earliest wins, whichever form it has', () => {
    const labels = ['🎪 abc123f 🚦 running', '🎪 abc123f 📅 2026-11-27T10-00']
    expect(readLabels([...labels, '🎪 📅 abc123f 2026-11-26T10-00']).shows[0]?.createdAt).toBe(
      '2026-11-26T10-00'
    )
    expect(readLabels([...labels, '🎪 📅 abc123f 2026-11-28T10-00']).shows[0]?.createdAt).toBe(
      '2026-11-27T10-00'
    )
  })

  it('a show without 📅, 🌐 or 🤡 has none of those fields', () => {
    expect(readLabels(['🎪 abc123f 🚦 failed']).shows).toEqual([
      { sha: 'abc123f', status: 'failed', labels: ['🎪 abc123f 🚦 failed'] }
    ])
  })
})

describe('pointers', () => {
  const show = (sha: string, status: string, created?: string) => [
    `🎪 ${sha} 🚦 ${status}`,
    ...(created === undefined ? [] : [`🎪 ${sha} 📅 ${created}`]),
    `🎪 🎯 ${sha}`
  ]

  it('two running shows: the newest wins, a show without 📅 counting as oldest', () => {
    const state = readLabels([
      ...show('1111111', 'running'),
      ...show('2222222', 'running', '2026-11-27T10-00')
    ])
    expect(state.activeSha).toBe('2222222')
    expect(state.problems).toEqual(['2 🎯 pointers; 2222222 wins'])
  })

  it('two running shows of the same age: the lowest SHA wins', () => {
    for (const [a, b] of [
      ['1111111', '2222222'],
      ['2222222', '1111111']
    ]) {
      const state = readLabels([
        ...show(a!, 'running', '2026-11-27T10-00'),
        ...show(b!, 'running', '2026-11-27T10-00')
      ])
      expect(state.activeSha).toBe('1111111')
    }
  })

  it('a running show beats a newer one that is not running, whichever SHA is lower', () => {
    const state = readLabels([
      ...show('1111111', 'running', '2026-11-27T10-00'),
      ...show('2222222', 'deploying', '2026-11-27T11-00')
    ])
    expect(state.activeSha).toBe('1111111')
  })

  it('a running show beats a newer one that is not running', () => {
    const state = readLabels([
      ...show('2222222', 'running', '2026-11-27T10-00'),
      ...show('1111111', 'deploying', '2026-11-27T11-00')
    ])
    expect(state.activeSha).toBe('2222222')
  })

  it('pointers that name no show: none wins, and they are stray', () => {
    const state = readLabels(['🎪 🎯 1111111', '🎪 🎯 2222222'])
    expect(state.activeSha).toBeUndefined()
    expect(activeShow(state)).toBeUndefined()
    expect(state.problems).toEqual(['2 🎯 pointers; none names a show'])
    expect(state.strayLabels).toEqual(['🎪 🎯 1111111', '🎪 🎯 2222222'])
  })

  it('a pointer to a SHA with labels but no status is stray with them, once', () => {
    const state = readLabels(['🎪 🎯 1111111', '🎪 1111111 🤡 maxime', '🎪 2222222 🚦 running'])
    expect(state.strayLabels).toEqual(['🎪 1111111 🤡 maxime', '🎪 🎯 1111111'])
    expect(state.problems).toEqual([])
  })

  it('finds a show by a full, upper-case or short SHA', () => {
    const state = readLabels(show('abc123f', 'running'))
    expect(findShow(state, 'ABC123F' + '0'.repeat(33))?.sha).toBe('abc123f')
    expect(findShow(state, 'abc123f')?.sha).toBe('abc123f')
    expect(findShow(state, 'abc1230')).toBeUndefined()
    expect(activeShow(state)?.sha).toBe('abc123f')
  })
})

describe('what else a PR says', () => {
  it('an invalid TTL label is reported, not read', () => {
    const state = readLabels(['🎪 ⌛ 48h', '🎪 ⌛ soon'])
    expect(state.ttl).toEqual({ kind: 'duration', hours: 48, text: '48h' })
    expect(state.ttlLabels).toEqual(['🎪 ⌛ 48h'])
    expect(state.problems).toEqual([
      'ignored label "🎪 ⌛ soon": bad TTL label (expected 24h, 48h, 72h, 1w, close or any Nh, Nd, Nw)'
    ])
  })

  it('a start trigger alone is no stop trigger, and the reverse', () => {
    expect(readLabels(['🎪 ⚡ showtime-trigger-start'])).toMatchObject({
      startTrigger: true,
      stopTrigger: false
    })
    expect(readLabels(['🎪 🛑 showtime-trigger-stop'])).toMatchObject({
      startTrigger: false,
      stopTrigger: true
    })
  })

  it('ignores names that are not strings, and repeated names', () => {
    const state = readLabels([
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 🚦 running',
      42 as unknown as string
    ])
    expect(state.showtimeLabels).toEqual(['🎪 abc123f 🚦 running'])
    expect(state.problems).toEqual([])
  })

  it('lists legacy per-SHA TTLs and 🏗️ pointers with their show, for rewriting', () => {
    const state = readLabels(['🎪 abc123f 🚦 running', '🎪 abc123f ⌛ 24h', '🎪 🏗️ abc123f'])
    expect(state.legacyLabels).toEqual(['🎪 abc123f ⌛ 24h', '🎪 🏗️ abc123f'])
    expect(state.shows[0]?.labels).toEqual([
      '🎪 abc123f ⌛ 24h',
      '🎪 abc123f 🚦 running',
      '🎪 🏗️ abc123f'
    ])
    expect(state.ttl).toBeUndefined()
  })

  it('sorts shows by SHA, also those read from old forms only', () => {
    const state = readLabels(['🎪 fffffff 🚦 running', '🎪 🚦 0000000 failed'])
    expect(state.shows.map((s) => s.sha)).toEqual(['0000000', 'fffffff'])
  })

  it('sorts stray labels', () => {
    const state = readLabels([
      '🎪 1111111 📅 2026-11-27T10-00',
      '🎪 1111111 🌐 52.1.2.3:8080',
      '🎪 1111111 🤡 maxime',
      '🎪 🎯 0000000'
    ])
    expect(state.strayLabels).toEqual(
      [
        '🎪 1111111 📅 2026-11-27T10-00',
        '🎪 1111111 🌐 52.1.2.3:8080',
        '🎪 1111111 🤡 maxime',
        '🎪 🎯 0000000'
      ].sort()
    )
    expect(state.strayLabels[0]).toBe('🎪 1111111 🌐 52.1.2.3:8080')
  })

  it('sorts shows by SHA', () => {
    const state = readLabels([
      '🎪 bbbbbbb 🚦 running',
      '🎪 aaaaaaa 🚦 failed',
      '🎪 ccccccc 🚦 failed'
    ])
    expect(state.shows.map((s) => s.sha)).toEqual(['aaaaaaa', 'bbbbbbb', 'ccccccc'])
  })
})
