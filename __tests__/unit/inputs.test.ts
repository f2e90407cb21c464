import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { INPUT_DEFAULTS } from '../../src/config/defaults.js'
import { InputError } from '../../src/errors.js'
import { type Inputs, MODES, addressingOf, readInputs } from '../../src/config/inputs.js'
import { oddChar } from '../../__fixtures__/arbitraries.js'

interface ActionInput {
  description: string
  required?: boolean
  default?: string
}
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, ActionInput>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string; post: string; 'post-if': string }
}

/** What a repository must name itself (Apache Superset's values, as its example workflow sets). */
const SUPERSET = {
  'ecs-cluster': 'superset-ci',
  subnets: 'subnet-0e15a5034b4121710,subnet-0e8efef4a72224974',
  'security-groups': 'sg-092ff3a6ae0574d91',
  'image-repository': 'apache/superset'
}

/** Reads inputs as the runner passes them: action.yml defaults, then the workflow's values. */
const bareInputs =
  (given: Record<string, string> = {}) =>
  (name: string): string => {
    if (name in given) return given[name]!
    const fallback = action.inputs[name]?.default ?? ''
    return fallback === '${{ github.token }}' ? 'ghs_token' : fallback
  }
const runnerInputs = (given: Record<string, string> = {}) => bareInputs({ ...SUPERSET, ...given })

describe('action.yml', () => {
  it('runs on node24 from the committed bundle', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/index.js',
      'post-if': 'always()'
    })
  })

  it('declares the same defaults as the code applies to empty inputs', () => {
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect(action.inputs[name]?.default, name).toBe(value)
    }
    const withDefaults = Object.entries(action.inputs).filter(
      ([, i]) => i.default !== undefined && i.default !== ''
    )
    expect(withDefaults.map(([n]) => n).sort()).toEqual(
      [...Object.keys(INPUT_DEFAULTS), 'github-token'].sort()
    )
  })

  it('documents every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs))
      expect(input.description, name).not.toBe('')
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'action_needed',
        'action_reason',
        'build_needed',
        'image',
        'pr_number',
        'service_name',
        'status',
        'sync_needed',
        'target_sha',
        'url'
      ].sort()
    )
  })
})

describe('readInputs', () => {
  it('reads the defaults into typed values', () => {
    const inputs = readInputs(runnerInputs({ mode: 'check' }), {})
    expect(inputs).toMatchObject({
      mode: 'check',
      githubToken: 'ghs_token',
      dryRun: { github: false, aws: false, docker: false },
      aws: {
        region: 'us-west-2',
        cluster: 'superset-ci',
        subnets: ['subnet-0e15a5034b4121710', 'subnet-0e8efef4a72224974'],
        securityGroups: ['sg-092ff3a6ae0574d91'],
        adoptUntaggedServices: false
      },
      docker: {
        imageRepository: 'apache/superset',
        platform: 'linux/amd64',
        buildArgs: [],
        context: '.'
      },
      containerPort: 8080,
      healthPath: '/health',
      ttl: { kind: 'duration', hours: 48 },
      olderThan: { kind: 'duration', hours: 48 },
      respectTtl: true,
      maxEnvironments: 0,
      allowedPermissions: ['write', 'maintain', 'admin'],
      comment: true,
      deployments: true
    })
    expect(inputs.prNumber).toBeUndefined()
    expect(inputs.sha).toBeUndefined()
    expect(inputs.docker.target).toBeUndefined()
    expect(inputs.featureFlagPrefix).toBeUndefined()
  })

  it.each([
    ['check', false, ['ecs-cluster', 'subnets', 'security-groups', 'image-repository']],
    ['sync', false, ['ecs-cluster', 'subnets', 'security-groups', 'image-repository']],
    ['sync', true, ['image-repository']],
    ['check', true, ['image-repository']],
    ['cleanup', false, ['ecs-cluster']],
    ['cleanup', true, ['ecs-cluster']],
    ['set-state', false, []],
    ['warm-cache', false, []]
  ] as const)(
    'mode %s (dry-run-aws %s) needs %j, with one line naming the first that is empty',
    (mode, dryAws, needed) => {
      const base = { mode, state: 'failed', 'dry-run-aws': String(dryAws) }
      for (const name of needed) {
        const given = { ...SUPERSET, ...base, [name]: '' }
        expect(() => readInputs(bareInputs(given))).toThrow(
          new RegExp(`^Input "${name}" is required by mode ${mode}`)
        )
      }
      const empty = Object.fromEntries(Object.keys(SUPERSET).map((n) => [n, '']))
      const others = Object.keys(SUPERSET).filter((n) => !(needed as readonly string[]).includes(n))
      const inputs = readInputs(
        bareInputs({ ...SUPERSET, ...base, ...Object.fromEntries(others.map((n) => [n, ''])) })
      )
      expect(inputs.mode).toBe(mode)
      if (needed.length === 0) expect(readInputs(bareInputs({ ...base, ...empty })).mode).toBe(mode)
    }
  )

  it('says what is wrong with an image repository', () => {
    const message = (value: string) => {
      try {
        readInputs(runnerInputs({ mode: 'check', 'image-repository': value }))
        return 'accepted'
      } catch (error) {
        return (error as Error).message
      }
    }
    expect(message('Apache/Superset')).toBe(
      'Input "image-repository" must be lower case after the registry host ("Apache"): Docker rejects upper-case repository names; got "Apache/Superset".'
    )
    expect(message('apache/superset:latest')).toBe(
      'Input "image-repository" must not carry a tag (":latest"): Showtime tags each image pr-{pr}-{sha}-ci; got "apache/superset:latest".'
    )
    expect(message('apache//superset')).toMatch(/has an empty path component/)
    expect(message('apache/super set')).toMatch(/must not contain spaces/)
    expect(message('apache/superset@sha256:00')).toMatch(/must not carry a digest/)
    expect(message('apache/-superset')).toMatch(/invalid path component "-superset"/)
    for (const ok of [
      'apache/superset',
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app',
      'ghcr.io/My-Org/app'.replace('My-Org', 'my-org'),
      'localhost:5000/app',
      'Registry.Example.com:443/team/app__x',
      'app'
    ])
      expect(message(ok)).toBe('accepted')
  })

  it('reads the health window as durations, the interval within the timeout', () => {
    const read = (given: Record<string, string>) =>
      readInputs(runnerInputs({ mode: 'sync', ...given }))
    expect(read({})).toMatchObject({ healthTimeoutSeconds: 900, healthIntervalSeconds: 5 })
    expect(read({ 'health-timeout': '2h', 'health-interval': '90s' })).toMatchObject({
      healthTimeoutSeconds: 7200,
      healthIntervalSeconds: 90
    })
    expect(() => read({ 'health-timeout': '3h' })).toThrow(
      'Input "health-timeout" must be a duration from 1s to 2h such as 30s, 10m or 1h; got "3h".'
    )
    expect(() => read({ 'health-interval': '10' })).toThrow(
      /^Input "health-interval" must be a duration/
    )
    expect(() => read({ 'health-timeout': '1m', 'health-interval': '2m' })).toThrow(
      'Input "health-interval" (2m) must not be longer than health-timeout (1m).'
    )
  })

  it('reads the deregistration delay as a duration within ELB range of 0 s to 1 h', () => {
    const read = (given: Record<string, string>) =>
      readInputs(runnerInputs({ mode: 'sync', ...given })).deregistrationDelaySeconds
    expect(read({})).toBe(30)
    expect(read({ 'deregistration-delay': '0s' })).toBe(0)
    expect(read({ 'deregistration-delay': '2m' })).toBe(120)
    expect(read({ 'deregistration-delay': '1h' })).toBe(3600)
    for (const bad of ['61m', '2h', '30', '-1s', '1.5s'])
      expect(() => read({ 'deregistration-delay': bad }), bad).toThrow(
        `Input "deregistration-delay" must be a duration from 0s to 1h such as 30s; got "${bad}".`
      )
  })

  it('reads sleep-after: never by default, or an idle time from 5m to 14d', () => {
    const read = (given: Record<string, string>) =>
      readInputs(runnerInputs({ mode: 'cleanup', ...given })).sleepAfter
    expect(read({})).toEqual({ kind: 'never' })
    expect(read({ 'sleep-after': 'never' })).toEqual({ kind: 'never' })
    expect(read({ 'sleep-after': '2h' })).toEqual({ kind: 'idle', ms: 7_200_000, text: '2h' })
    for (const bad of ['4m', '15d', '2', 'soon'])
      expect(() => read({ 'sleep-after': bad }), bad).toThrow(
        `Input "sleep-after" must be never or an idle time from 5m to 14d such as 30m, 2h or 1d; got "${bad}".`
      )
  })

  it('reads the feature-flag prefix and the adoption of untagged services', () => {
    const inputs = readInputs(
      runnerInputs({
        mode: 'cleanup',
        'feature-flag-prefix': 'SUPERSET_FEATURE_',
        'adopt-untagged-services': 'true'
      })
    )
    expect(inputs.featureFlagPrefix).toBe('SUPERSET_FEATURE_')
    expect(inputs.aws.adoptUntaggedServices).toBe(true)
    expect(() =>
      readInputs(runnerInputs({ mode: 'check', 'feature-flag-prefix': 'X; rm -rf' }))
    ).toThrow(/^Input "feature-flag-prefix" must be an environment variable prefix/)
  })

  it('treats an empty input as its default (an expression that evaluated to nothing)', () => {
    const empty = Object.fromEntries(Object.keys(INPUT_DEFAULTS).map((name) => [name, '']))
    expect(readInputs(runnerInputs({ ...empty, mode: 'check' }))).toEqual(
      readInputs(runnerInputs({ mode: 'check' }))
    )
  })

  it('takes the region from AWS_REGION when the input is empty', () => {
    expect(
      readInputs(runnerInputs({ mode: 'check' }), { AWS_REGION: 'eu-west-1' }).aws.region
    ).toBe('eu-west-1')
    expect(
      readInputs(runnerInputs({ mode: 'check', 'aws-region': 'us-east-2' }), {
        AWS_REGION: 'eu-west-1'
      }).aws.region
    ).toBe('us-east-2')
  })

  it('reads lists separated by commas or new lines, and a full lower-cased SHA', () => {
    const inputs = readInputs(
      runnerInputs({
        mode: 'sync',
        'pr-number': '42',
        sha: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
        subnets: 'subnet-0123456789abcdef0\n subnet-11111111 ,',
        'allowed-permissions': 'admin\nmaintain',
        'build-args': '# comment\nA=1\n\nB=x=y\n',
        ttl: 'close'
      })
    )
    expect(inputs.prNumber).toBe(42)
    expect(inputs.sha).toBe('abcdef0123456789abcdef0123456789abcdef01')
    expect(inputs.aws.subnets).toEqual(['subnet-0123456789abcdef0', 'subnet-11111111'])
    expect(inputs.allowedPermissions).toEqual(['admin', 'maintain'])
    expect(inputs.docker.buildArgs).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'x=y' }
    ])
    expect(inputs.ttl).toEqual({ kind: 'close', text: 'close' })
  })

  it.each([
    [
      { mode: 'bogus' },
      'Input "mode" must be one of check, sync, set-state, cleanup, warm-cache; got "bogus".'
    ],
    [
      { mode: '' },
      'Input "mode" must be one of check, sync, set-state, cleanup, warm-cache; got "".'
    ],
    [
      { 'pr-number': 'abc' },
      'Input "pr-number" must be a pull request number (a positive whole number); got "abc".'
    ],
    [
      { 'pr-number': '-3' },
      'Input "pr-number" must be a pull request number (a positive whole number); got "-3".'
    ],
    [
      { 'pr-number': '0' },
      'Input "pr-number" must be a pull request number (a positive whole number); got "0".'
    ],
    [{ sha: 'abc12' }, 'Input "sha" must be a full commit SHA of 40 hex characters; got "abc12".'],
    // A 7-character prefix is what a fork can forge: only the full commit is taken.
    [
      { sha: 'abc123f' },
      'Input "sha" must be a full commit SHA of 40 hex characters; got "abc123f".'
    ],
    [
      { sha: 'a'.repeat(39) },
      /^Input "sha" must be a full commit SHA of 40 hex characters; got "a{39}"\.$/
    ],
    [
      { sha: 'xyz1234' + '0'.repeat(33) },
      /^Input "sha" must be a full commit SHA of 40 hex characters; got "xyz1234/
    ],
    [
      { sha: 'a'.repeat(41) },
      /^Input "sha" must be a full commit SHA of 40 hex characters; got "a{41}"\.$/
    ],
    [
      { ttl: 'forever' },
      'Input "ttl" must be a lifetime such as 24h, 2d, 1w, or close; got "forever".'
    ],
    [
      { 'older-than': 'close' },
      'Input "older-than" must be an age such as 24h, 2d or 1w; got "close".'
    ],
    [{ 'aws-sleep': '-1' }, 'Input "aws-sleep" must be a number of seconds, 0 or more; got "-1".'],
    [
      { 'max-environments': '-5' },
      'Input "max-environments" must be a whole number, 0 or more; got "-5".'
    ],
    [
      { 'container-port': '70000' },
      'Input "container-port" must be a port from 1 to 65535; got "70000".'
    ],
    [{ 'dry-run-aws': 'yes' }, 'Input "dry-run-aws" must be true or false; got "yes".'],
    [
      { subnets: 'subnet-1,bogus' },
      'Input "subnets" must list subnet IDs such as subnet-0123456789abcdef0, separated by commas; got "subnet-1".'
    ],
    [
      { 'security-groups': 'sg-zz' },
      'Input "security-groups" must list security group IDs such as sg-0123456789abcdef0, separated by commas; got "sg-zz".'
    ],
    [
      { 'allowed-permissions': 'write,god' },
      'Input "allowed-permissions" must list roles from admin, maintain, write, triage, read; got "god".'
    ],
    [
      { 'image-repository': 'Apache/Superset:latest' },
      'Input "image-repository" must not carry a tag (":latest"): Showtime tags each image pr-{pr}-{sha}-ci; got "Apache/Superset:latest".'
    ],
    [
      { 'health-path': 'health' },
      'Input "health-path" must be a path starting with /; got "health".'
    ],
    [{ 'build-args': 'NOPE' }, 'Input "build-args" must hold one KEY=VALUE per line; got "NOPE".'],
    [
      { 'aws-region': 'mars' },
      'Input "aws-region" must be an AWS region such as us-west-2; got "mars".'
    ],
    [
      { 'github-token': '' },
      'Input "github-token" is empty: expected a GitHub token (the default, github.token, is right).'
    ],
    [
      { mode: 'set-state' },
      'Input "state" is required with mode set-state: one of building, deploying, running, failed.'
    ],
    [
      { mode: 'set-state', state: 'stopped' },
      'Input "state" must be one of building, deploying, running, failed; got "stopped".'
    ]
  ])('rejects %o with one readable line', (given, message) => {
    const read = () => readInputs(runnerInputs({ mode: 'check', ...given }))
    expect(read).toThrow(InputError)
    expect(read).toThrow(message)
    try {
      read()
    } catch (error) {
      expect((error as Error).message).not.toContain('\n')
    }
  })
})

describe('the load-balancer inputs', () => {
  const LISTENER =
    'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/showtime-previews/50dc6c495c0c9188/f2f7dc8efc522ab2'

  it('are off unless both are given; tasks get a public IP by default', () => {
    const inputs = readInputs(runnerInputs({ mode: 'sync' }))
    expect(inputs.loadBalancer).toBeUndefined()
    expect(inputs.aws.assignPublicIp).toBe(true)
    expect(addressingOf(inputs)).toEqual({ kind: 'task', containerPort: 8080 })
  })

  it('read the allowed source CIDRs, and refuse them without the load balancer', () => {
    const inputs = readInputs(
      runnerInputs({
        mode: 'sync',
        'load-balancer-listener-arn': LISTENER,
        'preview-domain': 'preview.example.com',
        'allowed-source-cidrs': '203.0.113.0/24,\n2001:db8::/32'
      })
    )
    expect(inputs.loadBalancer?.allowedSourceCidrs).toEqual(['203.0.113.0/24', '2001:db8::/32'])
    expect(() =>
      readInputs(runnerInputs({ mode: 'sync', 'allowed-source-cidrs': '203.0.113.0/24' }))
    ).toThrow('Input "allowed-source-cidrs" needs load-balancer-listener-arn')
    expect(() =>
      readInputs(
        runnerInputs({
          mode: 'sync',
          'load-balancer-listener-arn': LISTENER,
          'preview-domain': 'preview.example.com',
          'allowed-source-cidrs': '203.0.113.1/24'
        })
      )
    ).toThrow(
      'Input "allowed-source-cidrs" is refused: "203.0.113.1/24" has host bits set: its network is 203.0.113.0/24.'
    )
  })

  it('read the sign-in, and refuse it without the load balancer or malformed, never quoting it', () => {
    const secret = 'do-not-print-me-123'
    const signIn = {
      Type: 'authenticate-oidc',
      AuthenticateOidcConfig: {
        Issuer: 'https://accounts.google.com',
        AuthorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
        TokenEndpoint: 'https://oauth2.googleapis.com/token',
        UserInfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
        ClientId: 'client.apps.googleusercontent.com',
        ClientSecret: secret
      }
    }
    const balanced = {
      mode: 'sync',
      'load-balancer-listener-arn': LISTENER,
      'preview-domain': 'preview.example.com'
    }
    const inputs = readInputs(
      runnerInputs({ ...balanced, 'load-balancer-authentication': JSON.stringify(signIn) })
    )
    expect(inputs.loadBalancer?.signIn).toEqual(signIn)
    expect(() =>
      readInputs(
        runnerInputs({ mode: 'sync', 'load-balancer-authentication': JSON.stringify(signIn) })
      )
    ).toThrow(
      'Input "load-balancer-authentication" needs load-balancer-listener-arn: only the load balancer\'s rules can sign users in.'
    )
    const bad = JSON.stringify({
      ...signIn,
      AuthenticateOidcConfig: { ...signIn.AuthenticateOidcConfig, TokenEndpoint: 'http://x/t' }
    })
    let message = ''
    try {
      readInputs(runnerInputs({ ...balanced, 'load-balancer-authentication': bad }))
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe(
      'Input "load-balancer-authentication" is refused: AuthenticateOidcConfig: "TokenEndpoint" must be an https:// URL with the domain and path of the identity provider.'
    )
    expect(message).not.toContain(secret)
  })

  it('read the listener and the domain (in lower case), and may take the public IP away', () => {
    const inputs = readInputs(
      runnerInputs({
        mode: 'sync',
        'load-balancer-listener-arn': LISTENER,
        'preview-domain': 'Preview.Example.COM',
        'assign-public-ip': 'false'
      })
    )
    expect(inputs.loadBalancer).toEqual({
      listenerArn: LISTENER,
      previewDomain: 'preview.example.com',
      allowedSourceCidrs: []
    })
    expect(inputs.aws.assignPublicIp).toBe(false)
    expect(addressingOf(inputs)).toEqual({
      kind: 'load-balancer',
      previewDomain: 'preview.example.com',
      containerPort: 8080
    })
  })

  it.each([
    [{ 'load-balancer-listener-arn': LISTENER }, /^Input "preview-domain" is required with/],
    [
      { 'preview-domain': 'preview.example.com' },
      /^Input "load-balancer-listener-arn" is required/
    ],
    [
      {
        'load-balancer-listener-arn': LISTENER.replace('/app/', '/net/'),
        'preview-domain': 'a.io'
      },
      /^Input "load-balancer-listener-arn" must be the ARN of an Application Load Balancer's listener/
    ],
    [
      { 'load-balancer-listener-arn': LISTENER, 'preview-domain': 'https://preview.example.com' },
      /^Input "preview-domain" must be a domain name/
    ],
    [
      { 'load-balancer-listener-arn': LISTENER, 'preview-domain': `${'a'.repeat(95)}.example.com` },
      /^Input "preview-domain" must be a domain name/
    ],
    [{ 'assign-public-ip': 'false' }, /^Input "assign-public-ip" may be false only with/]
  ])('refuse %j with one line', (given, message) => {
    expect(() => readInputs(runnerInputs({ mode: 'sync', ...given }))).toThrow(message)
  })
})

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const table = (heading: string) => {
    const start = readme.indexOf(`\n## ${heading}\n`)
    const end = readme.indexOf('\n## ', start + 1)
    return readme
      .slice(start, end)
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line.split(/ +\| +/).map((cell) => cell.replace(/^\| */, '').replace(/ *\|$/, '').trim())
      )
  }

  it('lists every input of action.yml with its default, in the same order', () => {
    const rows = table('Inputs')
    expect(rows.map(([name]) => name)).toEqual(
      Object.keys(action.inputs).map((name) => `\`${name}\``)
    )
    for (const [name, shown] of rows) {
      const input = action.inputs[name!.replaceAll('`', '')]!
      const expected =
        input.default === undefined
          ? '(required)'
          : input.default === ''
            ? '(empty)'
            : '`' + input.default.trim().replaceAll('\n', '`<br>`') + '`'
      expect(shown, name).toBe(expected)
    }
  })

  it('lists every output of action.yml', () => {
    expect(table('Outputs').map(([name]) => name)).toEqual(
      Object.keys(action.outputs).map((name) => `\`${name}\``)
    )
  })
})

const INPUT_NAMES = Object.keys(action.inputs)

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
  // As the table of required inputs has it: check and sync reach no cluster in a dry run of AWS.
  const reachesCluster =
    i.mode === 'cleanup' || ((i.mode === 'check' || i.mode === 'sync') && !i.dryRun.aws)
  if (reachesCluster) check(i.aws.cluster !== '', 'cluster')
  if (i.mode === 'check' || i.mode === 'sync') check(i.docker.imageRepository !== '', 'image')
  check(i.aws.region !== '' && !/\s/.test(i.aws.region), 'region')
  check(i.healthPath.startsWith('/') && !/\s/.test(i.healthPath), 'healthPath')
  check(Number.isSafeInteger(i.maxEnvironments) && i.maxEnvironments >= 0, 'maxEnvironments')
  check(i.allowedPermissions.length > 0 && !i.allowedPermissions.includes('none'), 'roles')
  check(i.olderThan.kind === 'duration', 'olderThan')
  for (const arg of i.docker.buildArgs) check(/^[A-Za-z_]\w*$/.test(arg.name), 'buildArgs')
  if (i.docker.dockerfile !== undefined) check(!/[\r\n]/.test(i.docker.dockerfile), 'dockerfile')
  for (const v of [...(i.docker.cache.from ?? []), ...(i.docker.cache.to ?? [])])
    check(v !== '' && !/\s/.test(v), 'cache')
  check(/^[A-Za-z0-9_][\w.-]*$/.test(i.docker.cache.name), 'cache name')
  check(
    i.mode !== 'warm-cache' ||
      i.docker.cache.backend !== 'registry' ||
      i.docker.imageRepository !== '',
    'cache image'
  )
  check(!/\s/.test(i.deploymentEnvironment) && i.deploymentEnvironment !== '', 'environment')
  return bad
}

describe('fuzz: 10,000 random input sets through readInputs', () => {
  it('gives a valid Inputs or throws one InputError that is one readable line', () => {
    const branches = new Branches('readInputs fuzz', { valid: 0.04, rejected: 0.3 })
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
                  : (SUPERSET[name as keyof typeof SUPERSET] ?? action.inputs[name]?.default ?? '')
          let inputs: Inputs
          try {
            inputs = readInputs(read, region === undefined ? {} : { AWS_REGION: region })
          } catch (error) {
            expect(error).toBeInstanceOf(InputError)
            const message = (error as InputError).message
            expect(message).toMatch(/^Input "[a-z-]+" /)
            expect(message).not.toMatch(/[\r\n]/)
            expect(message.length).toBeLessThan(300)
            // A value with a lone surrogate is quoted as it came; a well-formed one stays so.
            const quotesIllFormed = !Object.values(given).every(wellFormed)
            if (!quotesIllFormed) expect(wellFormed(message), message).toBe(true)
            branches.run().hit('rejected')
            return
          }
          expect(invalidities(inputs)).toEqual([])
          branches.run().hit('valid')
        }
      ),
      { numRuns: 10_000 }
    )
    branches.check()
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

describe('the build cache and the capacity provider', () => {
  const read = (given: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    readInputs(runnerInputs({ mode: 'sync', ...given }), env)

  it('defaults to the GitHub Actions cache named showtime-cache, and to on-demand Fargate', () => {
    const inputs = read({}, { ACTIONS_RUNTIME_TOKEN: 'x' })
    expect(inputs.docker.cache).toEqual({ backend: 'gha', name: 'showtime-cache' })
    expect(inputs.docker.ghaCacheAvailable).toBe(true)
    expect(read({}).docker.ghaCacheAvailable).toBe(false)
    expect(inputs.aws.capacityProvider).toBe('FARGATE')
  })

  it('reads cache-from and cache-to as one value a line, each kept whole', () => {
    const inputs = read({
      'build-cache': 'registry',
      'build-cache-name': 'previews.cache_1',
      'cache-from': 'type=registry,ref=r/c:a\n\n  type=gha,scope=b  \n',
      'cache-to': 'type=registry,ref=r/c:x,mode=max'
    })
    expect(inputs.docker.cache).toEqual({
      backend: 'registry',
      name: 'previews.cache_1',
      from: ['type=registry,ref=r/c:a', 'type=gha,scope=b'],
      to: ['type=registry,ref=r/c:x,mode=max']
    })
    expect(read({ 'capacity-provider': 'FARGATE_SPOT' }).aws.capacityProvider).toBe('FARGATE_SPOT')
  })

  it.each([
    [
      { 'build-cache': 'local' },
      /^Input "build-cache" must be one of gha, registry, none; got "local"\.$/
    ],
    [{ 'build-cache-name': 'a,b' }, /^Input "build-cache-name" must be a name of letters/],
    [{ 'build-cache-name': '-x' }, /^Input "build-cache-name" must be a name of letters/],
    [{ 'build-cache-name': 'x'.repeat(101) }, /^Input "build-cache-name" must be a name/],
    [{ 'cache-to': 'type=gha, mode=max' }, /^Input "cache-to" must hold buildx cache values/],
    [
      { 'capacity-provider': 'fargate_spot' },
      /^Input "capacity-provider" must be one of FARGATE, FARGATE_SPOT; got "fargate_spot"\.$/
    ]
  ])('refuses %j with one line', (given, message) => {
    expect(() => read(given)).toThrow(InputError)
    expect(() => read(given)).toThrow(message)
  })

  it('warm-cache needs the image repository only for the registry cache', () => {
    const bare = (given: Record<string, string>) =>
      readInputs(bareInputs({ mode: 'warm-cache', ...given }))
    expect(bare({}).docker.cache.backend).toBe('gha')
    expect(() => bare({ 'build-cache': 'registry' })).toThrow(
      /^Input "image-repository" is required by mode warm-cache/
    )
    expect(
      bare({ 'build-cache': 'registry', 'image-repository': 'r/app' }).docker.imageRepository
    ).toBe('r/app')
  })
})
