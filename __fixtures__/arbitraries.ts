// fast-check generators for labels, label sets, PR snapshots and events.

import fc from 'fast-check'
import {
  EMOJI,
  TENT,
  type WritableLabel,
  fitLogin,
  formatCreatedAt,
  formatLabel
} from '../src/domain/labels.js'
import { readLabels } from '../src/domain/label-state.js'
import {
  type EventKind,
  PERMISSIONS,
  type PullRequestSnapshot,
  type ShowtimeEvent
} from '../src/domain/pull-request.js'

export const shortSha = fc.stringMatching(/^[0-9a-f]{7}$/)
export const fullSha = fc.stringMatching(/^[0-9a-f]{40}$/)
const fewShas = fc.constantFrom('abc123f', 'def456a', '0000000', '1234567')

export const login = fc
  .stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/)
  .map(fitLogin)
  .filter((l) => fitLogin(l) === l)

const minute = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => ms - (ms % 60_000))
export const createdAt = minute.map(formatCreatedAt)
const octet = fc.integer({ min: 0, max: 255 })
export const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'))
const status = fc.constantFrom(
  'building',
  'deploying',
  'running',
  'failed',
  'built',
  'updating',
  'weird-status'
)
export const ttlValue = fc.oneof(
  fc.constantFrom('24h', '48h', '72h', '1w', 'close'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('h', 'd', 'w'))
    .map(([n, u]) => `${n}${u}`)
)

export const writableLabel: fc.Arbitrary<WritableLabel> = fc.oneof(
  fc.record({
    kind: fc.constant('trigger' as const),
    trigger: fc.constantFrom('start' as const, 'stop' as const)
  }),
  fc.constant({ kind: 'freeze' as const }),
  fc.constant({ kind: 'blocked' as const }),
  fc.record({ kind: fc.constant('ttl' as const), value: ttlValue }),
  fc.record({ kind: fc.constant('status' as const), sha: shortSha, status }),
  fc.record({ kind: fc.constant('created' as const), sha: shortSha, at: createdAt }),
  fc.record({
    kind: fc.constant('ip' as const),
    sha: shortSha,
    ip: ipv4,
    port: fc.integer({ min: 1, max: 65535 })
  }),
  fc.record({ kind: fc.constant('requester' as const), sha: shortSha, login }),
  fc.record({ kind: fc.constant('pointer' as const), sha: shortSha })
)

/** Labels a PR may really carry: current forms over a few SHAs, so that shows form and collide. */
const plausibleLabel: fc.Arbitrary<string> = fc
  .oneof(
    fc.record({ kind: fc.constant('status' as const), sha: fewShas, status }),
    fc.record({ kind: fc.constant('created' as const), sha: fewShas, at: createdAt }),
    fc.record({
      kind: fc.constant('ip' as const),
      sha: fewShas,
      ip: ipv4,
      port: fc.constant(8080)
    }),
    fc.record({ kind: fc.constant('requester' as const), sha: fewShas, login }),
    fc.record({ kind: fc.constant('pointer' as const), sha: fewShas }),
    fc.record({
      kind: fc.constant('trigger' as const),
      trigger: fc.constantFrom('start' as const, 'stop' as const)
    }),
    fc.constant({ kind: 'freeze' as const }),
    fc.constant({ kind: 'blocked' as const }),
    fc.record({ kind: fc.constant('ttl' as const), value: ttlValue })
  )
  .map(formatLabel)

/** Old forms the Python tool and its design note wrote. */
const legacyLabel: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fewShas, status).map(([sha, s]) => `${TENT} ${EMOJI.status} ${sha} ${s}`),
  fc
    .tuple(fewShas, ipv4)
    .map(([sha, ip]) => `${TENT} ${EMOJI.ip} ${sha} ${ip.replaceAll('.', '-')}`),
  fc
    .tuple(fewShas, ipv4)
    .map(([sha, ip]) => `${TENT} ${sha} ${EMOJI.ip} ${ip.replaceAll('.', '-')}`),
  fc.tuple(fewShas, ipv4).map(([sha, ip]) => `${TENT} ${sha} ${EMOJI.ip} ${ip}`),
  fc.tuple(fewShas, createdAt).map(([sha, at]) => `${TENT} ${EMOJI.created} ${sha} ${at}`),
  fc.tuple(fewShas, login).map(([sha, l]) => `${TENT} ${EMOJI.requester} ${sha} ${l}`),
  fc.tuple(fewShas, ttlValue).map(([sha, t]) => `${TENT} ${sha} ${EMOJI.ttl} ${t}`),
  fewShas.map((sha) => `${TENT} ${EMOJI.buildingPointer} ${sha}`)
)

const emojiToken = fc.constantFrom(...Object.values(EMOJI), '\u26A1\uFE0F', '\u{1F3D7}', '⚙️', '🎪')
const anyToken = fc.oneof(
  emojiToken,
  fewShas,
  shortSha,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('showtime-trigger-start', 'showtime-trigger-stop', 'running', '48h', 'close', '')
)

/** Garbage that starts with 🎪: random tokens, unicode, odd spacing, lengths around 50. */
const garbageLabel: fc.Arbitrary<string> = fc.oneof(
  fc.array(anyToken, { minLength: 1, maxLength: 6 }).map((tokens) => `${TENT} ${tokens.join(' ')}`),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => `${TENT}${s}`),
  fc
    .integer({ min: 40, max: 60 })
    .map((n) => `${TENT} abc123f ${EMOJI.requester} ${'x'.repeat(n - 12)}`)
)

const foreignLabel = fc.constantFrom(
  'bug',
  'enhancement',
  'showtime-trigger-start',
  'size/L',
  '🎯 abc123f'
)

export const labelSet: fc.Arbitrary<string[]> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: plausibleLabel },
    { weight: 2, arbitrary: legacyLabel },
    { weight: 2, arbitrary: garbageLabel },
    { weight: 1, arbitrary: foreignLabel }
  ),
  { maxLength: 25 }
)

const eventKind = fc.constantFrom<EventKind>(
  'labeled',
  'unlabeled',
  'synchronize',
  'opened',
  'reopened',
  'closed',
  'dispatch',
  'other'
)

/** Many labels over the same few SHAs: environments, their statuses and 🎯 pointers collide. */
export const crowdedLabelSet: fc.Arbitrary<string[]> = fc
  .tuple(fc.array(plausibleLabel, { minLength: 6, maxLength: 25 }), labelSet)
  .map(([crowd, any]) => [...crowd, ...any])

export const event: fc.Arbitrary<ShowtimeEvent> = fc
  .record({
    kind: eventKind,
    sender: login,
    label: fc.option(fc.oneof(plausibleLabel, foreignLabel), { nil: undefined }),
    sha: fc.option(
      fc.oneof(
        fullSha,
        fewShas.map((s) => s + '0'.repeat(33))
      ),
      { nil: undefined }
    )
  })
  .map(({ kind, sender, label, sha }) => ({
    kind,
    sender,
    ...((kind === 'labeled' || kind === 'unlabeled') && label !== undefined && { label }),
    ...(sha !== undefined && { sha })
  }))

export const permission = fc.option(fc.constantFrom(...PERMISSIONS), { nil: undefined })

export function snapshotArbitrary(
  labels: fc.Arbitrary<string[]> = labelSet
): fc.Arbitrary<PullRequestSnapshot> {
  return fc
    .record({
      number: fc.integer({ min: 1, max: 99999 }),
      state: fc.constantFrom('open' as const, 'closed' as const),
      headSha: fc.oneof(
        fullSha,
        fewShas.map((s) => s + '0'.repeat(33))
      ),
      author: login,
      isFork: fc.boolean(),
      labels
    })
    .map((r) => ({ ...r, labels: readLabels(r.labels) }))
}

// ---------------------------------------------------------------------------------------------
// Fuzzing: label sets full of random 🎪 tokens, unicode, old forms, lengths around GitHub's 50 and
// duplicates.

const fuzzSha = fc.oneof(fc.constantFrom('abc123f', 'def456a', '0000000'), shortSha)
/** Characters that look like a separator, an emoji variant or nothing at all. */
export const oddChar = fc.constantFrom(
  '\u00A0', // no-break space
  '\u200B', // zero-width space
  '\u200D', // zero-width joiner
  '\uFE0F', // variation selector 16
  '\u202E', // right-to-left override
  '\u0301', // combining acute accent
  '\t',
  '\n',
  '…',
  '🎪',
  '\u{1F3D7}',
  '\uD83C' // a lone high surrogate
)
const unicodeToken = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
  fc.array(oddChar, { minLength: 1, maxLength: 3 }).map((c) => c.join(''))
)
const emoji = fc.constantFrom(...Object.values(EMOJI), '\u26A1\uFE0F', '\u231B\uFE0F', '\u{1F3D7}')
/** A login whose 🤡 label lands around 50 characters, with the odd suffix. */
const longLogin = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{28,40}$/),
    fc.constantFrom('', '[bot]', '…', '-', '--x')
  )
  .map(([base, suffix]) => base + suffix)

const nearFifty: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fuzzSha, fc.oneof(longLogin, login))
    .map(([s, l]) => `${TENT} ${s} ${EMOJI.requester} ${l}`),
  fc
    .tuple(fuzzSha, fc.oneof(longLogin, login))
    .map(([s, l]) => `${TENT} ${EMOJI.requester} ${s} ${l}`),
  fc
    .tuple(fuzzSha, fc.stringMatching(/^[a-z][a-z-]{15,25}$/))
    .map(([s, st]) => `${TENT} ${s} ${EMOJI.status} ${st}`),
  fc
    .tuple(fuzzSha, fc.integer({ min: 30, max: 45 }))
    .map(([s, n]) => `${TENT} ${s} ${EMOJI.ip} ${'1'.repeat(n)}`)
)

/** A 🎪 label put together from random tokens and odd separators. */
const tokenSoup: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(emoji, fuzzSha, unicodeToken, fc.constantFrom('running', 'close', '48H', '')),
      {
        minLength: 1,
        maxLength: 5
      }
    ),
    fc.constantFrom(' ', ' ', ' ', '  ', '\u00A0', '\t')
  )
  .map(([tokens, sep]) => `${TENT}${sep}${tokens.join(sep)}`)

/** A case or spacing variant of a valid label: GitHub may hold a label as someone typed it. */
const mangled: fc.Arbitrary<string> = fc
  .tuple(
    labelSet.filter((l) => l.length > 0),
    fc.nat(),
    fc.constantFrom('upper', 'trail', 'lead', 'fe0f', 'double')
  )
  .map(([labels, i, how]) => {
    const label = labels[i % labels.length] as string
    switch (how) {
      case 'upper':
        return label.toUpperCase()
      case 'trail':
        return `${label} `
      case 'lead':
        return ` ${label}`
      case 'fe0f':
        return label.replace(/[\u26A1\u231B]/u, (c) => `${c}\uFE0F`)
      default:
        return label.replace(' ', '  ')
    }
  })

const fuzzLabel = fc.oneof(
  { weight: 3, arbitrary: labelSet.map((l) => l[0] ?? 'bug') },
  { weight: 2, arbitrary: nearFifty },
  { weight: 2, arbitrary: tokenSoup },
  { weight: 1, arbitrary: mangled },
  { weight: 1, arbitrary: unicodeToken }
)

/** A PR's labels: a realistic set, fuzzed labels mixed in, and some of them twice. */
export const fuzzLabelSet: fc.Arbitrary<string[]> = fc
  .tuple(labelSet, fc.array(fuzzLabel, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([base, extra, dups]) => {
    const all = [...base, ...extra]
    return all.length === 0 ? all : [...all, ...dups.map((d) => all[d % all.length] as string)]
  })
