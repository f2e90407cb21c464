import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BLOCKED,
  FREEZE,
  MAX_LABEL_LENGTH,
  TRIGGER_START,
  TRIGGER_STOP,
  type WritableLabel,
  fitLogin,
  formatCreatedAt,
  formatLabel,
  isPerShaLabel,
  labelLength,
  parseCreatedAt,
  parseLabel
} from '../../src/domain/labels.js'
import { labelSet, writableLabel } from '../../__fixtures__/arbitraries.js'

const codePoints = (text: string): string[] =>
  [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)

describe('label texts are byte-compatible with the Python tool', () => {
  it.each([
    [TRIGGER_START, ['U+1F3AA', 'U+0020', 'U+26A1', 'U+0020']],
    [TRIGGER_STOP, ['U+1F3AA', 'U+0020', 'U+1F6D1', 'U+0020']],
    [FREEZE, ['U+1F3AA', 'U+0020', 'U+1F9CA', 'U+0020']],
    [BLOCKED, ['U+1F3AA', 'U+0020', 'U+1F512', 'U+0020']]
  ])('%s starts with the exact code points', (label, prefix) => {
    expect(codePoints(label).slice(0, 4)).toEqual(prefix)
  })

  it('spells the static labels exactly', () => {
    expect(Buffer.from(TRIGGER_START).toString('hex')).toBe(
      Buffer.from('\u{1F3AA} \u26A1 showtime-trigger-start').toString('hex')
    )
    expect(TRIGGER_STOP).toBe('\u{1F3AA} \u{1F6D1} showtime-trigger-stop')
    expect(FREEZE).toBe('\u{1F3AA} \u{1F9CA} showtime-freeze')
    expect(BLOCKED).toBe('\u{1F3AA} \u{1F512} showtime-blocked')
  })

  it.each<[WritableLabel, string]>([
    [{ kind: 'status', sha: 'abc123f', status: 'running' }, '🎪 abc123f 🚦 running'],
    [{ kind: 'status', sha: 'abc123f', status: 'building' }, '🎪 abc123f 🚦 building'],
    [{ kind: 'created', sha: 'abc123f', at: '2024-01-15T14-30' }, '🎪 abc123f 📅 2024-01-15T14-30'],
    [{ kind: 'ip', sha: 'abc123f', ip: '52.1.2.3', port: 8080 }, '🎪 abc123f 🌐 52.1.2.3:8080'],
    [{ kind: 'requester', sha: 'abc123f', login: 'maxime' }, '🎪 abc123f 🤡 maxime'],
    [{ kind: 'pointer', sha: 'abc123f' }, '🎪 🎯 abc123f'],
    [{ kind: 'ttl', value: '48h' }, '🎪 \u231B 48h'],
    [{ kind: 'ttl', value: 'close' }, '🎪 ⌛ close'],
    [{ kind: 'trigger', trigger: 'start' }, TRIGGER_START],
    [{ kind: 'freeze' }, FREEZE]
  ])('formats %o as %s', (label, text) => {
    expect(formatLabel(label)).toBe(text)
    expect(parseLabel(text)).toMatchObject(label)
  })

  it('puts the SHA first on per-SHA labels and second on the pointer', () => {
    expect(formatLabel({ kind: 'status', sha: '0123456', status: 'failed' }).split(' ')[1]).toBe(
      '0123456'
    )
    expect(formatLabel({ kind: 'pointer', sha: '0123456' }).split(' ')[2]).toBe('0123456')
  })
})

describe('parseLabel', () => {
  it.each([
    [
      '🎪 abc123f 🚦 weird-status',
      { kind: 'status', sha: 'abc123f', status: 'weird-status', form: 'current' }
    ],
    ['🎪 abc123f 🌐 52.1.2.3:9000', { kind: 'ip', ip: '52.1.2.3', port: 9000, form: 'current' }],
    ['🎪 🎯 abc123f', { kind: 'pointer', sha: 'abc123f' }],
    ['🎪 ⌛ 24H', { kind: 'ttl', value: '24H' }],
    ['🎪 ⌛ 2w', { kind: 'ttl', value: '2w' }],
    ['🎪 abc123f 🤡 dependabot[bot]', { kind: 'requester', login: 'dependabot[bot]' }]
  ])('reads %s', (text, expected) => {
    expect(parseLabel(text)).toMatchObject(expected)
  })

  it.each([
    [
      '🎪 🚦 abc123f running',
      { kind: 'status', sha: 'abc123f', status: 'running', form: 'legacy' }
    ],
    [
      '🎪 🌐 abc123f 52-1-2-3',
      { kind: 'ip', sha: 'abc123f', ip: '52.1.2.3', port: 8080, form: 'legacy' }
    ],
    ['🎪 🌐 abc123f 52.1.2.3:8080', { kind: 'ip', ip: '52.1.2.3', port: 8080, form: 'legacy' }],
    ['🎪 abc123f 🌐 52-1-2-3', { kind: 'ip', ip: '52.1.2.3', port: 8080, form: 'legacy' }],
    ['🎪 abc123f 🌐 52.1.2.3', { kind: 'ip', ip: '52.1.2.3', port: 8080, form: 'legacy' }],
    ['🎪 📅 abc123f 2024-01-15T14-30', { kind: 'created', at: '2024-01-15T14-30', form: 'legacy' }],
    ['🎪 🤡 abc123f maxime', { kind: 'requester', login: 'maxime', form: 'legacy' }],
    ['🎪 abc123f ⌛ 24h', { kind: 'sha-ttl', sha: 'abc123f', value: '24h' }],
    ['🎪 ⌛ abc123f 24h', { kind: 'sha-ttl', sha: 'abc123f', value: '24h' }],
    ['🎪 \u{1F3D7}\uFE0F abc123f', { kind: 'building-pointer', sha: 'abc123f' }]
  ])('reads the legacy form %s', (text, expected) => {
    expect(parseLabel(text)).toMatchObject(expected)
  })

  it.each([
    '🎪 invalid format here',
    '🎪 abc123 🚦 failed', // 6 characters
    '🎪 abc123f🚦building',
    '🎪 ABC123F 🚦 running', // upper-case hex
    '🎪 abc123f 🚦 Running',
    '🎪 abc123f 🚦 two words',
    '🎪 abc123f 📅 2024-02-30T10-00', // no such day
    '🎪 abc123f 🌐 999.1.2.3:8080',
    '🎪 abc123f 🌐 52.1.2.3:0',
    '🎪 abc123f 🤡 bad login!',
    '🎪 🎯 abc123f extra',
    '🎪 ⌛ forever',
    '🎪 ⌛ -24h',
    '🎪 \u{1F3D7} abc123f', // 🏗 without U+FE0F is a different emoji
    '🎪 \u26A1\uFE0F showtime-trigger-start', // ⚡ with U+FE0F is not the trigger
    '🎪 ⚡ showtime-trigger-start ', // trailing space
    '🎪  abc123f 🚦 running', // double space
    '🎪trigger',
    '🎪 trigger-start',
    '🎪 ⚙️ abc123f alerts',
    '🎪'
  ])('reports %j as unknown instead of throwing', (text) => {
    expect(parseLabel(text).kind).toBe('unknown')
  })

  it.each(['bug', 'showtime-trigger-start', 'x 🎪 abc123f 🚦 running', ''])(
    'treats %j as not a Showtime label (triggers match exactly, not by substring)',
    (text) => {
      expect(parseLabel(text).kind).toBe('foreign')
    }
  )
})

describe('timestamps', () => {
  it('formats UTC at minute precision with a dash between hour and minute', () => {
    expect(formatCreatedAt(Date.UTC(2024, 0, 15, 14, 30, 59, 999))).toBe('2024-01-15T14-30')
    expect(parseCreatedAt('2024-01-15T14-30')).toBe(Date.UTC(2024, 0, 15, 14, 30))
    expect(parseCreatedAt('2024-13-01T00-00')).toBeUndefined()
  })
})

describe('the 50-character limit', () => {
  it('shortens a long login by a documented rule so the 🤡 label fits', () => {
    const login = 'a'.repeat(60)
    const label = formatLabel({ kind: 'requester', sha: 'abc123f', login })
    expect(labelLength(label)).toBe(MAX_LABEL_LENGTH)
    expect(label).toBe(`🎪 abc123f 🤡 ${'a'.repeat(35)}…`)
    expect(parseLabel(label)).toMatchObject({ kind: 'requester', login: `${'a'.repeat(35)}…` })
  })

  it('keeps a 36-character login whole and cuts a 39-character one', () => {
    expect(fitLogin('b'.repeat(36))).toBe('b'.repeat(36))
    expect(fitLogin('c'.repeat(39))).toBe(`${'c'.repeat(35)}…`)
  })

  it('replaces characters no login holds and never returns an empty login', () => {
    expect(fitLogin('Jane Doe')).toBe('Jane-Doe')
    expect(fitLogin('')).toBe('unknown')
    expect(fitLogin('🎪🎪')).toBe('unknown')
    expect(fitLogin('renovate[bot]')).toBe('renovate[bot]')
    expect(fitLogin(`${'x'.repeat(40)}[bot]`)).toBe(`${'x'.repeat(35)}…`)
  })

  it('refuses to format any label over the limit', () => {
    expect(() => formatLabel({ kind: 'ttl', value: '9'.repeat(60) })).toThrow(
      /longer than GitHub's 50/
    )
  })

  it('never formats a label over 50 characters (property)', () => {
    fc.assert(
      fc.property(writableLabel, fc.string({ unit: 'grapheme', maxLength: 80 }), (label, login) => {
        const text = formatLabel(label.kind === 'requester' ? { ...label, login } : label)
        expect(labelLength(text)).toBeLessThanOrEqual(MAX_LABEL_LENGTH)
      }),
      { numRuns: 2000 }
    )
  })
})

describe('round trips (property-based)', () => {
  it('parse(format(x)) returns x', () => {
    fc.assert(
      fc.property(writableLabel, (label) => {
        const { form, ...parsed } = parseLabel(formatLabel(label)) as WritableLabel & {
          form?: string
        }
        expect(parsed).toEqual(label)
        expect(form ?? 'current').toBe('current')
      }),
      { numRuns: 5000 }
    )
  })

  it('format(parse(text)) returns the text for every current-form label', () => {
    fc.assert(
      fc.property(writableLabel, (label) => {
        const text = formatLabel(label)
        const parsed = parseLabel(text)
        const { form: _form, ...writable } = parsed as WritableLabel & { form?: string }
        expect(formatLabel(writable as WritableLabel)).toBe(text)
      }),
      { numRuns: 2000 }
    )
  })

  it('reads any text whole or not at all: foreign, unknown with a reason, or exactly what it formats back to', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }).map((text) => `🎪 ${text}`),
      labelSet.filter((labels) => labels.length > 0).chain((labels) => fc.constantFrom(...labels))
    )
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseLabel(text)
        expect(parsed.kind === 'foreign').toBe(!text.startsWith('🎪'))
        if (parsed.kind === 'unknown') expect(parsed.reason).not.toBe('')
        const legacy =
          ('form' in parsed && parsed.form === 'legacy') ||
          parsed.kind === 'sha-ttl' ||
          parsed.kind === 'building-pointer'
        if (
          parsed.kind !== 'foreign' &&
          parsed.kind !== 'unknown' &&
          !legacy &&
          labelLength(text) <= MAX_LABEL_LENGTH
        ) {
          const { form: _form, ...writable } = parsed as WritableLabel & { form?: string }
          expect(formatLabel(writable as WritableLabel)).toBe(text)
        }
      }),
      { numRuns: 5000 }
    )
  })
})

describe('isPerShaLabel', () => {
  it.each([
    ['🎪 abc123f 🚦 running', true],
    ['🎪 🎯 abc123f', true],
    ['🎪 \u{1F3D7}\uFE0F abc123f', true],
    ['🎪 abc123f 🤡 x', true],
    [TRIGGER_START, false],
    ['🎪 ⌛ 48h', false],
    ['🎪 ab12 🚦 running', false],
    ['bug', false]
  ])('%s → %s', (text, expected) => {
    expect(isPerShaLabel(text)).toBe(expected)
  })
})
