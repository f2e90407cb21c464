// readLabels' rules for two labels of a kind, each pinned with the words of its problem report
// (issue #15: what mutation testing found unchecked).

import { describe, expect, it } from 'vitest'
import { activeShow, findShow, readLabels } from '../../src/domain/label-state.js'

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
