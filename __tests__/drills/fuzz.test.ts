// Fuzzing the pure core (no bundle, so it runs with `npm test` too): label sets full of random 🎪
// tokens, unicode, old forms, lengths around GitHub's 50 and duplicates go through readLabels and
// the planner; every label that parses to a writable kind is formatted back; random values for
// every input of action.yml go through readInputs.

import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { HEAD, NOW, POLICY } from '../../__fixtures__/builders.js'
import { SUPERSET_INPUTS } from '../../__fixtures__/superset.js'
import {
  event as eventArbitrary,
  fullSha,
  labelSet,
  login,
  permission,
  shortSha
} from '../../__fixtures__/arbitraries.js'
import { readLabels } from '../../src/domain/label-state.js'
import {
  EMOJI,
  MAX_LABEL_LENGTH,
  TENT,
  type ParsedLabel,
  type WritableLabel,
  fitLogin,
  formatLabel,
  labelLength,
  parseLabel
} from '../../src/domain/labels.js'
import { plan } from '../../src/domain/planner.js'
import { InputError } from '../../src/errors.js'
import { type Inputs, MODES, readInputs } from '../../src/config/inputs.js'

const LABEL_SETS = 10_000
/** Each set holds some 20 labels, each formatted back. */
const FORMAT_SETS = 3_000
const INPUT_SETS = 10_000

// ---------------------------------------------------------------------------------------------
// generators

const sha = fc.oneof(fc.constantFrom('abc123f', 'def456a', '0000000'), shortSha)
/** Characters that look like a separator, an emoji variant or nothing at all. */
const oddChar = fc.constantFrom(
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
  fc.tuple(sha, fc.oneof(longLogin, login)).map(([s, l]) => `${TENT} ${s} ${EMOJI.requester} ${l}`),
  fc.tuple(sha, fc.oneof(longLogin, login)).map(([s, l]) => `${TENT} ${EMOJI.requester} ${s} ${l}`),
  fc
    .tuple(sha, fc.stringMatching(/^[a-z][a-z-]{15,25}$/))
    .map(([s, st]) => `${TENT} ${s} ${EMOJI.status} ${st}`),
  fc
    .tuple(sha, fc.integer({ min: 30, max: 45 }))
    .map(([s, n]) => `${TENT} ${s} ${EMOJI.ip} ${'1'.repeat(n)}`)
)

/** A 🎪 label put together from random tokens and odd separators. */
const tokenSoup: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof(emoji, sha, unicodeToken, fc.constantFrom('running', 'close', '48H', '')), {
      minLength: 1,
      maxLength: 5
    }),
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
const fuzzLabelSet: fc.Arbitrary<string[]> = fc
  .tuple(labelSet, fc.array(fuzzLabel, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([base, extra, dups]) => {
    const all = [...base, ...extra]
    return all.length === 0 ? all : [...all, ...dups.map((d) => all[d % all.length] as string)]
  })

// ---------------------------------------------------------------------------------------------
// labels and the planner

const WRITABLE = new Set([
  'trigger',
  'freeze',
  'blocked',
  'ttl',
  'status',
  'created',
  'ip',
  'requester',
  'pointer'
])

/** The value a label carries, whatever form it was written in. */
function value(parsed: ParsedLabel): Record<string, unknown> {
  const { form: _form, ...rest } = parsed as ParsedLabel & { form?: string }
  return rest
}

function isWritable(parsed: ParsedLabel): parsed is ParsedLabel & WritableLabel {
  return WRITABLE.has(parsed.kind)
}

/**
 * A requester label whose login the parser accepts but fitLogin would rewrite (a trailing `…`, two
 * hyphens in a row): once a bug, now formatted back like any other label and counted.
 */
function unstableLogin(parsed: ParsedLabel): boolean {
  return parsed.kind === 'requester' && fitLogin(parsed.login) !== parsed.login
}

describe(`fuzz: ${LABEL_SETS} label sets through readLabels and plan`, () => {
  it('never throws, and decides the same for any order and any duplicates', () => {
    fc.assert(
      fc.property(
        fuzzLabelSet.chain((labels) =>
          fc.tuple(fc.constant(labels), fc.shuffledSubarray(labels, { minLength: labels.length }))
        ),
        fc.record({
          event: eventArbitrary,
          target: fc.oneof(fullSha, fc.constant(HEAD)),
          permission,
          isFork: fc.boolean(),
          state: fc.constantFrom('open' as const, 'closed' as const),
          now: fc.integer({ min: NOW - 10 * 86_400_000, max: NOW + 10 * 86_400_000 })
        }),
        ([labels, shuffled], f) => {
          const decide = (names: string[]) =>
            plan({
              pr: {
                number: 4242,
                state: f.state,
                headSha: HEAD,
                author: 'contributor',
                isFork: f.isFork,
                labels: readLabels(names)
              },
              event: f.event,
              targetSha: f.target,
              actor:
                f.permission === undefined
                  ? { login: f.event.sender }
                  : { login: f.event.sender, permission: f.permission },
              now: f.now,
              policy: POLICY
            })
          // The set holds duplicates already; the shuffle takes some of them elsewhere.
          expect(readLabels(shuffled)).toEqual(readLabels(labels))
          const decision = decide(labels)
          expect(decide(shuffled)).toEqual(decision)
          // Whatever it plans to write fits GitHub's limit.
          for (const step of decision.steps) {
            const added =
              step.kind === 'labels'
                ? step.add
                : step.kind === 'claim' && step.via === 'status'
                  ? step.labels
                  : []
            for (const label of added) expect(labelLength(label)).toBeLessThanOrEqual(50)
          }
        }
      ),
      { numRuns: LABEL_SETS }
    )
  })

  it('formats what it parsed stably, for every label of at most 50 characters', () => {
    let checked = 0
    let unstable = 0
    fc.assert(
      fc.property(fuzzLabelSet, (labels) => {
        for (const text of labels) {
          const parsed = parseLabel(text)
          if (!isWritable(parsed) || labelLength(text) > MAX_LABEL_LENGTH) continue
          if (unstableLogin(parsed)) unstable++
          const formatted = formatLabel(parsed)
          const again = parseLabel(formatted)
          expect(value(again), `${text} → ${formatted}`).toEqual(value(parsed))
          expect(labelLength(formatted)).toBeLessThanOrEqual(MAX_LABEL_LENGTH)
          expect((again as { form?: string }).form ?? 'current').toBe('current')
          expect(formatLabel(again as WritableLabel)).toBe(formatted)
          checked++
        }
      }),
      { numRuns: FORMAT_SETS }
    )
    expect(checked).toBeGreaterThan(FORMAT_SETS)
    console.log(
      `${checked} labels formatted back, ${unstable} of them requester labels fitLogin would rewrite`
    )
  })

  // BUG (src/domain/labels.ts, LOGIN vs fitLogin): the parser accepts logins that fitLogin
  // rewrites, so formatting a parsed requester label (as the planner's rewrite of old forms does)
  // changes the login. A login longer than 36 characters is written as its first 35 and `…`, and
  // reading that label back and formatting it again drops the `…` (fitLogin turns it into `-` and
  // strips it): fitLogin is not idempotent. Two hyphens in a row are accepted by the parser and
  // collapsed by fitLogin. Found by the fuzzer (shrunk: `🎪 🤡 a000a00 00aAA-Aa0--AA0-0aa-…`).
  it('formats a requester label it wrote itself back to the same label', () => {
    const label = formatLabel({ kind: 'requester', sha: 'abc123f', login: 'a'.repeat(39) })
    expect(label).toBe(`${TENT} abc123f ${EMOJI.requester} ${'a'.repeat(35)}…`)
    const parsed = parseLabel(label)
    expect(isWritable(parsed) && formatLabel(parsed)).toBe(label)
  })

  it('keeps a login with two hyphens in a row that it parsed', () => {
    const label = `${TENT} abc123f ${EMOJI.requester} old--login`
    const parsed = parseLabel(label)
    expect(parsed).toMatchObject({ kind: 'requester', login: 'old--login' })
    expect(isWritable(parsed) && formatLabel(parsed)).toBe(label)
  })
})

// ---------------------------------------------------------------------------------------------
// inputs

const action = parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}
const INPUT_NAMES = Object.keys(action.inputs)
const REPOSITORY_SETTINGS: Readonly<Record<string, string>> = SUPERSET_INPUTS

/** Values that are right for some input, so that a run often gets far into the validation. */
const plausible = fc.constantFrom(
  'check',
  'sync',
  'set-state',
  'cleanup',
  'running',
  'failed',
  'true',
  'False',
  'TRUE',
  'yes',
  '0',
  '1',
  '8080',
  '65535',
  '65536',
  '0.5',
  '1e3',
  '-1',
  '42',
  '2147483648',
  'abc123f',
  'ABC123F0123456789abcdef0123456789abcdef0',
  'us-west-2',
  'eu-central-1',
  'superset-ci',
  'arn:aws:ecs:us-west-2:123456789012:cluster/superset-ci',
  'subnet-0e15a5034b4121710,subnet-0e8efef4a72224974',
  'subnet-0e15a5034b4121710\n\n  subnet-11111111 ,',
  'sg-092ff3a6ae0574d91',
  'apache/superset',
  'localhost:5000/a/b',
  'linux/amd64,linux/arm64/v8',
  'INCLUDE_CHROMIUM=false\nLOAD_EXAMPLES_DUCKDB=true\n# comment',
  'A=1\nnot an arg',
  '/health',
  'health',
  '48h',
  '1w',
  'close',
  '0h',
  'write,maintain,admin',
  'write, triage',
  'none',
  'showtime-pr-{pr}',
  'ghs_token'
)
const inputValue = fc.oneof(
  { weight: 4, arbitrary: plausible },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\n', ' \t ') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.array(oddChar, { maxLength: 70 }).map((c) => c.join('')) },
  // Long enough for the error line to shorten the quoted value, right where a character is cut.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 62 }), fc.constantFrom('🎪', 'é', '\n', '"', '\u0001'))
      .map(([n, c]) => 'x'.repeat(n) + c.repeat(4))
  }
)

/** No lone surrogate (what String.prototype.isWellFormed checks, from ES2024 on). */
function wellFormed(text: string): boolean {
  return !/\p{Surrogate}/u.test(text)
}

/** What a valid Inputs must look like, whatever the values were. */
function invalidities(i: Inputs): string[] {
  const bad: string[] = []
  const check = (ok: boolean, what: string) => ok || bad.push(what)
  check((MODES as readonly string[]).includes(i.mode), 'mode')
  check(i.githubToken.trim() !== '', 'githubToken')
  if (i.prNumber !== undefined)
    check(Number.isSafeInteger(i.prNumber) && i.prNumber > 0 && i.prNumber < 2 ** 31, 'prNumber')
  if (i.sha !== undefined) check(/^[0-9a-f]{7,40}$/.test(i.sha), 'sha')
  if (i.mode === 'set-state') check(i.state !== undefined, 'state')
  check(Number.isFinite(i.awsSleepSeconds) && i.awsSleepSeconds >= 0, 'awsSleepSeconds')
  check(Number.isInteger(i.containerPort) && i.containerPort >= 1, 'containerPort')
  check(i.containerPort <= 65535, 'containerPort')
  if ((i.mode === 'check' || i.mode === 'sync') && !i.dryRun.aws)
    check(i.aws.subnets.length > 0 && i.aws.securityGroups.length > 0, 'subnets')
  if (i.mode !== 'set-state') check(i.aws.cluster !== '', 'cluster')
  if (i.mode === 'check' || i.mode === 'sync') check(i.docker.imageRepository !== '', 'image')
  check(i.aws.region !== '' && !/\s/.test(i.aws.region), 'region')
  check(i.healthPath.startsWith('/') && !/\s/.test(i.healthPath), 'healthPath')
  check(Number.isSafeInteger(i.maxEnvironments) && i.maxEnvironments >= 0, 'maxEnvironments')
  check(i.allowedPermissions.length > 0 && !i.allowedPermissions.includes('none'), 'roles')
  check(i.olderThan.kind === 'duration', 'olderThan')
  for (const arg of i.docker.buildArgs) check(/^[A-Za-z_]\w*$/.test(arg.name), 'buildArgs')
  for (const v of [i.docker.cacheFrom, i.docker.cacheTo])
    if (v !== undefined) check(!/[\r\n]/.test(v), 'cache')
  check(!/\s/.test(i.deploymentEnvironment) && i.deploymentEnvironment !== '', 'environment')
  return bad
}

describe(`fuzz: ${INPUT_SETS} random input sets through readInputs`, () => {
  it('gives a valid Inputs or throws one InputError that is one readable line', () => {
    const seen = { valid: 0, rejected: 0, illFormed: 0 }
    fc.assert(
      fc.property(
        // A few inputs set at a time (one bad value is enough to reject the set), now and then all.
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.dictionary(fc.constantFrom(...INPUT_NAMES), inputValue, { maxKeys: 3 })
          },
          {
            weight: 1,
            arbitrary: fc.dictionary(fc.constantFrom(...INPUT_NAMES), inputValue, {
              maxKeys: INPUT_NAMES.length
            })
          }
        ),
        fc.option(fc.oneof(plausible, fc.string({ maxLength: 12 })), { nil: undefined }),
        (given, region) => {
          // As the runner hands them over: action.yml defaults, then the workflow's values (the
          // repository's own settings, then the fuzzed ones).
          const read = (name: string): string =>
            name in given
              ? (given[name] as string)
              : name === 'github-token'
                ? 'ghs_token'
                : name === 'mode'
                  ? 'sync'
                  : (REPOSITORY_SETTINGS[name] ?? action.inputs[name]?.default ?? '')
          let inputs: Inputs
          try {
            inputs = readInputs(read, region === undefined ? {} : { AWS_REGION: region })
          } catch (error) {
            expect(error).toBeInstanceOf(InputError)
            const message = (error as InputError).message
            expect(message).toMatch(/^Input "[a-z-]+" /)
            expect(message).not.toMatch(/[\r\n]/)
            expect(message.length).toBeLessThan(300)
            if (!wellFormed(message)) seen.illFormed++
            seen.rejected++
            return
          }
          expect(invalidities(inputs)).toEqual([])
          seen.valid++
        }
      ),
      { numRuns: INPUT_SETS }
    )
    // Both outcomes are exercised, not just one.
    expect(seen.valid).toBeGreaterThan(INPUT_SETS / 50)
    expect(seen.rejected).toBeGreaterThan(INPUT_SETS / 50)
    console.log(
      `readInputs: ${seen.valid} valid, ${seen.rejected} rejected, ${seen.illFormed} with a cut character (bug below)`
    )
  })

  // An input error shortens the quoted value; cutting by UTF-16 units could split a surrogate pair
  // and leave a lone surrogate, which the log shows as U+FFFD.
  it('never cuts a character in half when it shortens a value in an error line', () => {
    const read = (name: string) => (name === 'mode' ? `${'x'.repeat(57)}🎪🎪` : 'ghs_token')
    expect(() => readInputs(read)).toThrow(InputError)
    try {
      readInputs(read)
    } catch (error) {
      expect(wellFormed((error as Error).message), (error as Error).message).toBe(true)
    }
  })
})
