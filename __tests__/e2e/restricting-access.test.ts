// Who may open a preview, run as a workflow runs it: the bundle against the emulators. Behind the
// load balancer, allowed-source-cidrs becomes a source-ip condition of the PR's listener rule,
// beside its host-header condition, on the rule a first deploy creates and on the rule a roll-over
// changes; a malformed CIDR or too many fail the run with one line before any request.
// load-balancer-authentication puts ELB's sign-in action before the rule's forward, on every rule
// written, with its client secret masked and never printed; a malformed value fails with one line
// before any request, and an HTTP listener (where ELB cannot sign in) is refused before anything
// is created.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectSucceeded } from '../support/expectations.js'
import type { RunResult } from '../support/run-action.js'
import { START, World } from '../support/world.js'

const A = 'abc123f' + '8'.repeat(33)
const B = 'def456a' + '9'.repeat(33)
const DOMAIN = 'preview.example.com'

let world: World
let inputs: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  inputs = world.behindLoadBalancer(DOMAIN)
})
afterAll(() => world.stop())

/** A start with these inputs fails with exactly `line`, before any GitHub or AWS request. */
async function expectRefusedBeforeAnyRequest(
  extra: Record<string, string>,
  line: string
): Promise<{ result: RunResult; pr: number }> {
  const pr = world.newPr([START], A)
  world.github.clearRequests()
  world.aws.clearRequests()
  const result = await world.sync(pr, 'labeled', { label: START, inputs: { ...inputs, ...extra } })
  expect(result.code).toBe(1)
  expect(result.commands.errors).toEqual([line])
  expect(world.github.requests).toEqual([])
  expect(world.aws.requests).toEqual([])
  return { result, pr }
}

const ruleOf = (pr: number) =>
  world.aws.elb.ruleSummaries().filter((r) => r.host === `pr-${pr}.${DOMAIN}`)

describe('allowed-source-cidrs', () => {
  it('restricts the rule a deploy creates, and the rule a roll-over changes, to the CIDRs', async () => {
    const pr = world.newPr([START], A)
    const first = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...inputs, 'allowed-source-cidrs': '203.0.113.0/24, 2001:DB8::/32' }
    })
    expect(first.commands.errors, first.stdout).toEqual([])
    expect(ruleOf(pr)).toEqual([
      expect.objectContaining({ sources: ['203.0.113.0/24', '2001:db8::/32'] })
    ])
    expect(ruleOf(pr)[0]?.pending).toBeUndefined()

    // The roll-over runs with another list: the rule it changes takes it, pending and live.
    world.github.updatePull(pr, { headSha: B })
    world.aws.clearRequests()
    const second = await world.sync(pr, 'synchronize', {
      inputs: { ...inputs, 'allowed-source-cidrs': '198.51.100.7/32' }
    })
    expect(second.commands.errors, second.stdout).toEqual([])
    const modified = world.aws.requests.filter((r) => r.action === 'ModifyRule')
    expect(modified.length).toBeGreaterThanOrEqual(2)
    for (const request of modified)
      expect(request.body).toMatchObject({
        'Conditions.member.1.Field': 'host-header',
        'Conditions.member.2.Field': 'source-ip',
        'Conditions.member.2.SourceIpConfig.Values.member.1': '198.51.100.7/32'
      })
    expect(ruleOf(pr)).toEqual([expect.objectContaining({ sources: ['198.51.100.7/32'] })])
  })

  it('without the input, the rule has no source-ip condition', async () => {
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', { label: START, inputs })
    expect(result.commands.errors, result.stdout).toEqual([])
    expect(ruleOf(pr)).toHaveLength(1)
    expect(ruleOf(pr)[0]?.sources).toBeUndefined()
  })

  it.each([
    [
      '203.0.113.0/33',
      'Input "allowed-source-cidrs" is refused: "203.0.113.0/33" has a prefix length over 32.'
    ],
    [
      '10.0.0.0/8,example.com',
      'Input "allowed-source-cidrs" is refused: "example.com" is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32.'
    ],
    [
      '10.0.0.1/8',
      'Input "allowed-source-cidrs" is refused: "10.0.0.1/8" has host bits set: its network is 10.0.0.0/8.'
    ],
    [
      '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,203.0.113.0/24',
      'Input "allowed-source-cidrs" is refused: lists 4 CIDRs; a listener rule takes at most 3 (ELB allows 5 condition values per rule, and the host and the pending header take two).'
    ]
  ])('%s fails with one line before any request', async (cidrs, line) => {
    await expectRefusedBeforeAnyRequest({ 'allowed-source-cidrs': cidrs }, line)
  })

  it('fails with one line without the load balancer, whose rules alone can restrict', async () => {
    const pr = world.newPr([START], A)
    world.github.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { 'allowed-source-cidrs': '203.0.113.0/24' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      'Input "allowed-source-cidrs" needs load-balancer-listener-arn: only the load balancer\'s rules can restrict who reaches a preview.'
    ])
    expect(world.github.requests).toEqual([])
  })
})

const SECRET = 'oidc-secret-0f9e8d7c6b5a'
const OIDC = {
  Type: 'authenticate-oidc',
  AuthenticateOidcConfig: {
    Issuer: 'https://example.okta.com/oauth2/default',
    AuthorizationEndpoint: 'https://example.okta.com/oauth2/default/v1/authorize',
    TokenEndpoint: 'https://example.okta.com/oauth2/default/v1/token',
    UserInfoEndpoint: 'https://example.okta.com/oauth2/default/v1/userinfo',
    ClientId: '0oa1b2c3d4e5f6',
    ClientSecret: SECRET,
    Scope: 'openid email',
    AuthenticationRequestExtraParams: { prompt: 'login' }
  }
}
const { ClientSecret: _secret, ...SHOWN_OIDC_CONFIG } = OIDC.AuthenticateOidcConfig
const COGNITO = {
  Type: 'authenticate-cognito',
  AuthenticateCognitoConfig: {
    UserPoolArn: 'arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_Abc123',
    UserPoolClientId: '1example23456789',
    UserPoolDomain: 'showtime-previews',
    OnUnauthenticatedRequest: 'authenticate'
  }
}

/** Everything a run shows people: its log (the mask command aside), outputs, summary, comment. */
function shown(result: RunResult, pr: number): string {
  const log = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  const comments = world.github.comments(pr).map((c) => c.body)
  return [log, result.stderr, JSON.stringify(result.outputs), result.summary, ...comments].join(
    '\n'
  )
}

const ruleWrites = (action: string) =>
  world.aws.requests
    .filter((r) => r.service === 'elbv2' && r.action === action)
    .map((r) => r.body as Record<string, string>)

describe('load-balancer-authentication', () => {
  it('signs users in on the rule a deploy creates and on the rule a roll-over changes, never showing the secret', async () => {
    const signedIn = { ...inputs, 'load-balancer-authentication': JSON.stringify(OIDC) }
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const first = await world.sync(pr, 'labeled', { label: START, inputs: signedIn })
    expect(first.commands.errors, first.stdout).toEqual([])
    expect(first.code).toBe(0)
    // ELB describes the sign-in at Order 1 without its secret, the forward at Order 2.
    expect(ruleOf(pr)).toEqual([
      expect.objectContaining({
        signIn: { ...OIDC, AuthenticateOidcConfig: SHOWN_OIDC_CONFIG, Order: 1 },
        forwardOrder: 2
      })
    ])
    const created = ruleWrites('CreateRule')
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      'Actions.member.1.Type': 'authenticate-oidc',
      'Actions.member.1.Order': '1',
      'Actions.member.1.AuthenticateOidcConfig.ClientSecret': SECRET,
      'Actions.member.1.AuthenticateOidcConfig.AuthenticationRequestExtraParams.entry.1.key':
        'prompt',
      'Actions.member.2.Type': 'forward',
      'Actions.member.2.Order': '2'
    })
    expect(first.stdout).toContain(`::add-mask::${SECRET}`)
    expect(shown(first, pr)).not.toContain(SECRET)
    expect(first.stdout).toContain('after sign-in (authenticate-oidc)')

    // The roll-over attaches the new commit's target group and switches to it: both ModifyRule
    // calls send the sign-in again, with its secret (ELB needs it, or UseExistingClientSecret).
    world.github.updatePull(pr, { headSha: B })
    world.aws.clearRequests()
    const second = await world.sync(pr, 'synchronize', { inputs: signedIn })
    expect(second.commands.errors, second.stdout).toEqual([])
    const modified = ruleWrites('ModifyRule')
    expect(modified.length).toBeGreaterThanOrEqual(2)
    for (const request of modified) {
      expect(request).toMatchObject({
        'Actions.member.1.Type': 'authenticate-oidc',
        'Actions.member.1.Order': '1',
        'Actions.member.1.AuthenticateOidcConfig.ClientSecret': SECRET,
        'Actions.member.2.Type': 'forward',
        'Actions.member.2.Order': '2'
      })
      expect(request['Actions.member.1.AuthenticateOidcConfig.UseExistingClientSecret']).toBe(
        undefined
      )
    }
    expect(ruleOf(pr)).toEqual([
      expect.objectContaining({ forward: [expect.stringMatching(/-def456a:1$/)], forwardOrder: 2 })
    ])
    expect(ruleOf(pr)[0]?.signIn).toMatchObject({ Type: 'authenticate-oidc', Order: 1 })
    expect(shown(second, pr)).not.toContain(SECRET)
  })

  it('a forced rebuild adds the sign-in to a rule written without it', async () => {
    const pr = world.newPr([START], A)
    const first = await world.sync(pr, 'labeled', { label: START, inputs })
    expect(first.commands.errors, first.stdout).toEqual([])
    expect(ruleOf(pr)[0]?.signIn).toBeUndefined()
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    const rebuilt = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...inputs, 'load-balancer-authentication': JSON.stringify(OIDC) }
    })
    expect(rebuilt.commands.errors, rebuilt.stdout).toEqual([])
    expect(ruleOf(pr)).toEqual([
      expect.objectContaining({
        forward: [expect.stringMatching(/-abc123f:1$/)],
        signIn: expect.objectContaining({ Type: 'authenticate-oidc', Order: 1 }),
        forwardOrder: 2
      })
    ])
  })

  it('signs users in with Cognito', async () => {
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...inputs, 'load-balancer-authentication': JSON.stringify(COGNITO) }
    })
    expect(result.commands.errors, result.stdout).toEqual([])
    expect(ruleOf(pr)).toEqual([
      expect.objectContaining({ signIn: { ...COGNITO, Order: 1 }, forwardOrder: 2 })
    ])
  })

  it.each([
    [
      'an http token endpoint',
      JSON.stringify({
        ...OIDC,
        AuthenticateOidcConfig: { ...OIDC.AuthenticateOidcConfig, TokenEndpoint: 'http://idp/t' }
      }),
      'Input "load-balancer-authentication" is refused: AuthenticateOidcConfig: "TokenEndpoint" must be an https:// URL with the domain and path of the identity provider.'
    ],
    [
      'cut-off JSON',
      JSON.stringify(OIDC).slice(0, -2),
      'Input "load-balancer-authentication" is refused: is not a JSON object such as {"Type": "authenticate-oidc", ...}.'
    ],
    [
      'a forward action',
      JSON.stringify({ Type: 'forward', ClientSecret: SECRET }),
      'Input "load-balancer-authentication" is refused: needs "Type" authenticate-oidc or authenticate-cognito.'
    ]
  ])('%s fails with one line before any request', async (_name, value, line) => {
    const { result, pr } = await expectRefusedBeforeAnyRequest(
      { 'load-balancer-authentication': value },
      line
    )
    expect(shown(result, pr)).not.toContain(SECRET)
  })

  it('refuses an HTTP listener before it creates anything', async () => {
    const http = world.aws.elb.addLoadBalancer({ name: 'plain-http', protocol: 'HTTP' })
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: {
        ...inputs,
        'load-balancer-listener-arn': http,
        'load-balancer-authentication': JSON.stringify(OIDC)
      }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toContain(
      'the listener of load-balancer-listener-arn uses HTTP, not HTTPS: ELB signs users in (load-balancer-authentication) on HTTPS listeners only'
    )
    const creations = world.aws.requests.filter((r) => /^(Create|Modify)/.test(r.action))
    expect(creations.filter((r) => r.service === 'elbv2')).toEqual([])
    expect(ruleOf(pr)).toEqual([])
    expect(shown(result, pr)).not.toContain(SECRET)
  })

  it('a dry run of AWS says the rule would sign users in, by the type of sign-in only', async () => {
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: {
        ...inputs,
        'dry-run-aws': 'true',
        'load-balancer-authentication': JSON.stringify(OIDC)
      }
    })
    expectSucceeded(result)
    expect(world.aws.requests).toEqual([])
    expect(result.stdout).toMatch(
      /\[dry-run-aws\] would change the listener rule for pr-\d+\.[\w.]+: it forwards to .*, after sign-in \(authenticate-oidc\)/
    )
    expect(shown(result, pr)).not.toContain(SECRET)
    expect(shown(result, pr)).not.toContain(OIDC.AuthenticateOidcConfig.ClientId)
  })
})
