// What the labels say about one environment: who asked, when, until when (the PR's TTL or the ttl
// input), its AWS tag facts, and which environment a notice leaves described.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import type { Addressing } from '../../src/domain/address.js'
import {
  deployTagFacts,
  environmentFacts,
  expiryOf,
  noticeSubject
} from '../../src/domain/environment-facts.js'
import { readLabels } from '../../src/domain/label-state.js'
import { parseTtl } from '../../src/domain/ttl.js'

const HOUR = 3_600_000
const CREATED = Date.UTC(2026, 10, 27, 10, 0)
const TTL_48H = parseTtl('48h')!
const TASK: Addressing = { kind: 'task', containerPort: 8080 }
const BALANCED: Addressing = {
  kind: 'load-balancer',
  previewDomain: 'preview.example.com',
  containerPort: 8080
}

describe('the facts of one environment', () => {
  it('reads who asked, when, and when it expires under the PR’s TTL', () => {
    const labels = readLabels([
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 📅 2026-11-27T10-00',
      '🎪 abc123f 🤡 maxime',
      '🎪 ⌛ 24h'
    ])
    expect(environmentFacts(labels, 'abc123f', TTL_48H)).toEqual({
      requester: 'maxime',
      createdAt: CREATED,
      ttl: '24h',
      expiresAt: CREATED + 24 * HOUR
    })
  })

  it.each([
    [
      'no ⌛ label: the ttl input',
      ['🎪 abc123f 🚦 running', '🎪 abc123f 📅 2026-11-27T10-00'],
      { createdAt: CREATED, ttl: '48h', expiresAt: CREATED + 48 * HOUR }
    ],
    [
      'kept until the PR closes: no expiry',
      ['🎪 abc123f 🚦 running', '🎪 abc123f 📅 2026-11-27T10-00', '🎪 ⌛ close'],
      { createdAt: CREATED, ttl: 'close' }
    ],
    [
      'no 📅 label: neither creation nor expiry',
      ['🎪 abc123f 🚦 building', '🎪 abc123f 🤡 x'],
      { requester: 'x', ttl: '48h' }
    ],
    ['no environment of that commit', ['🎪 def456a 🚦 running', '🎪 ⌛ 1w'], { ttl: '1w' }]
  ] as const)('%s', (_, labels, facts) => {
    expect(environmentFacts(readLabels([...labels]), 'abc123f', TTL_48H)).toStrictEqual(facts)
  })

  it('reads the commit asked for, not another one', () => {
    const labels = readLabels([
      '🎪 0000001 🚦 running',
      '🎪 0000001 📅 2026-11-20T10-00',
      '🎪 0000001 🤡 someone',
      '🎪 abc123f 🚦 building',
      '🎪 abc123f 📅 2026-11-27T10-00',
      '🎪 abc123f 🤡 maxime'
    ])
    expect(environmentFacts(labels, 'abc123f', TTL_48H)).toStrictEqual({
      requester: 'maxime',
      createdAt: CREATED,
      ttl: '48h',
      expiresAt: CREATED + 48 * HOUR
    })
    expect(
      deployTagFacts(labels, { repository: 'a/b', pr: 7, sha: 'abc123f', now: 0 }, TTL_48H)
        .requester
    ).toBe('maxime')
  })

  it('expires TTL after its creation, never under close', () => {
    const close = readLabels(['🎪 ⌛ close'])
    expect(expiryOf(readLabels([]), TTL_48H, 1000)).toBe(1000 + 48 * HOUR)
    expect(expiryOf(close, TTL_48H, 1000)).toBeUndefined()
    expect(expiryOf(readLabels([]), parseTtl('close')!, 1000)).toBeUndefined()
    expect(expiryOf(readLabels(['🎪 ⌛ 2d']), TTL_48H, 0)).toBe(48 * HOUR)
  })

  it('tags a deploy with its requester (or unknown), now, and its expiry', () => {
    const labels = readLabels(['🎪 abc123f 🚦 building', '🎪 abc123f 🤡 maxime', '🎪 ⌛ 24h'])
    const deploy = { repository: 'a/b', pr: 7, sha: 'abc123f', now: 5000 }
    expect(deployTagFacts(labels, deploy, TTL_48H)).toEqual({
      repository: 'a/b',
      pr: 7,
      sha: 'abc123f',
      requester: 'maxime',
      createdMs: 5000,
      expiresMs: 5000 + 24 * HOUR
    })
    expect(deployTagFacts(readLabels(['🎪 ⌛ close']), deploy, TTL_48H)).toEqual({
      repository: 'a/b',
      pr: 7,
      sha: 'abc123f',
      requester: 'unknown',
      createdMs: 5000,
      expiresMs: undefined
    })
  })
})

describe('what a notice leaves described', () => {
  it.each([
    [
      'the environment that serves, with its address',
      [
        '🎪 abc123f 🚦 running',
        '🎪 abc123f 🌐 52.1.2.3:8080',
        '🎪 🎯 abc123f',
        '🎪 def456a 🚦 building'
      ],
      TASK,
      { status: 'running', sha: 'abc123f', url: 'http://52.1.2.3:8080' }
    ],
    [
      'behind the load balancer, at the PR’s host',
      ['🎪 abc123f 🚦 running', '🎪 🎯 abc123f'],
      BALANCED,
      { status: 'running', sha: 'abc123f', url: 'https://pr-7.preview.example.com' }
    ],
    [
      'one being built, when none serves',
      ['🎪 abc123f 🚦 failed', '🎪 def456a 🚦 deploying'],
      TASK,
      { status: 'building', sha: 'def456a' }
    ],
    ['none', ['🎪 abc123f 🚦 failed'], TASK, undefined],
    [
      'a running commit without the pointer does not serve',
      ['🎪 abc123f 🚦 running'],
      TASK,
      undefined
    ]
  ] as const)('%s', (_, labels, addressing, subject) => {
    expect(noticeSubject(7, readLabels([...labels]), addressing)).toEqual(subject)
  })

  it('describes the 🎯 environment first, then one in progress', () => {
    const status = fc.constantFrom('running', 'building', 'deploying', 'failed')

    const shares = new Branches('describes the 🎯 environment first, then one in progress', {
      serving: 0.3,
      building: 0.1
    })
    fc.assert(
      fc.property(fc.tuple(status, status), fc.boolean(), ([first, second], pointed) => {
        shares.run()
        const labels = readLabels([
          `🎪 abc123f 🚦 ${first}`,
          `🎪 def456a 🚦 ${second}`,
          ...(pointed ? ['🎪 🎯 abc123f'] : [])
        ])
        const subject = noticeSubject(7, labels, TASK)
        // The 🎯 commit serves whatever its status says (a forced rebuild's old task does).
        if (pointed) {
          shares.hit('serving')
          expect(subject).toEqual({ status: 'running', sha: 'abc123f' })
        } else if (['building', 'deploying'].includes(first)) {
          shares.hit('building')
          expect(subject).toEqual({ status: 'building', sha: 'abc123f' })
        } else if (['building', 'deploying'].includes(second)) {
          expect(subject).toEqual({ status: 'building', sha: 'def456a' })
        } else expect(subject).toBeUndefined()
      }),
      { numRuns: 300 }
    )
    shares.check()
  })
})
