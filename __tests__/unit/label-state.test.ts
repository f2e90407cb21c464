import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { activeShow, findShow, readLabels } from '../../src/domain/label-state.js'
import {
  BLOCKED,
  FREEZE,
  TRIGGER_START,
  TRIGGER_STOP,
  parseLabel
} from '../../src/domain/labels.js'
import { labelSet } from '../../__fixtures__/arbitraries.js'

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
    fc.assert(
      fc.property(
        labelSet.chain((labels) =>
          fc.tuple(fc.constant(labels), fc.shuffledSubarray(labels, { minLength: labels.length }))
        ),
        ([labels, shuffled]) => {
          expect(readLabels(shuffled)).toEqual(readLabels(labels))
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('accounts for every Showtime label exactly once, whatever the labels (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            labelSet.map((l) => l.join('')),
            labelSet.filter((l) => l.length > 0).chain((l) => fc.constantFrom(...l)),
            fc.string({ unit: 'grapheme' })
          )
        ),
        (labels) => {
          const state = readLabels(labels)
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
  })
})
