import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_SESSION_SECONDS,
  clientSecretOf,
  describeSignIn,
  parseSignIn
} from '../../src/domain/sign-in.js'

const SECRET = 'oidc-client-secret-Zq7'

const OIDC_CONFIG = {
  Issuer: 'https://example.okta.com/oauth2/default',
  AuthorizationEndpoint: 'https://example.okta.com/oauth2/default/v1/authorize',
  TokenEndpoint: 'https://example.okta.com/oauth2/default/v1/token',
  UserInfoEndpoint: 'https://example.okta.com/oauth2/default/v1/userinfo',
  ClientId: '0oa1b2c3d4',
  ClientSecret: SECRET
}
const OIDC = { Type: 'authenticate-oidc', AuthenticateOidcConfig: OIDC_CONFIG }

const COGNITO_CONFIG = {
  UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123',
  UserPoolClientId: '1example23456789',
  UserPoolDomain: 'showtime-previews'
}
const COGNITO = { Type: 'authenticate-cognito', AuthenticateCognitoConfig: COGNITO_CONFIG }

const oidc = (config: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  JSON.stringify({ ...OIDC, ...top, AuthenticateOidcConfig: { ...OIDC_CONFIG, ...config } })
const cognito = (config: Record<string, unknown>) =>
  JSON.stringify({ ...COGNITO, AuthenticateCognitoConfig: { ...COGNITO_CONFIG, ...config } })
const without = (config: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(config).filter(([k]) => k !== key))

describe('parseSignIn accepts', () => {
  it.each([
    ['nothing', '', undefined],
    ['blanks', ' \n ', undefined],
    ['OIDC', JSON.stringify(OIDC), OIDC],
    ['OIDC at Order 1', JSON.stringify({ ...OIDC, Order: 1 }), OIDC],
    [
      'OIDC with every optional member',
      oidc({
        SessionCookieName: 'AWSELBAuthSessionCookie',
        Scope: 'openid email',
        SessionTimeout: MAX_SESSION_SECONDS,
        AuthenticationRequestExtraParams: { prompt: 'login' },
        OnUnauthenticatedRequest: 'deny',
        UseExistingClientSecret: false
      }),
      {
        ...OIDC,
        AuthenticateOidcConfig: {
          ...OIDC_CONFIG,
          SessionCookieName: 'AWSELBAuthSessionCookie',
          Scope: 'openid email',
          SessionTimeout: MAX_SESSION_SECONDS,
          AuthenticationRequestExtraParams: { prompt: 'login' },
          OnUnauthenticatedRequest: 'deny'
        }
      }
    ],
    ['Cognito', JSON.stringify(COGNITO), COGNITO],
    [
      'Cognito in GovCloud, allowing the unauthenticated',
      cognito({
        UserPoolArn: 'arn:aws-us-gov:cognito-idp:us-gov-west-1:123456789012:userpool/x_1',
        OnUnauthenticatedRequest: 'allow',
        SessionTimeout: 1
      }),
      {
        ...COGNITO,
        AuthenticateCognitoConfig: {
          ...COGNITO_CONFIG,
          UserPoolArn: 'arn:aws-us-gov:cognito-idp:us-gov-west-1:123456789012:userpool/x_1',
          OnUnauthenticatedRequest: 'allow',
          SessionTimeout: 1
        }
      }
    ],
    [
      'ten extra params',
      oidc({
        AuthenticationRequestExtraParams: Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [`p${i}`, 'v'])
        )
      }),
      {
        ...OIDC,
        AuthenticateOidcConfig: {
          ...OIDC_CONFIG,
          AuthenticationRequestExtraParams: Object.fromEntries(
            Array.from({ length: 10 }, (_, i) => [`p${i}`, 'v'])
          )
        }
      }
    ]
  ])('%s', (_name, value, signIn) => {
    expect(parseSignIn(value)).toStrictEqual({ signIn })
  })

  it('names the sign-in for the log by its type alone', () => {
    const parsed = parseSignIn(JSON.stringify(OIDC))
    expect('signIn' in parsed && parsed.signIn && describeSignIn(parsed.signIn)).toBe(
      'authenticate-oidc'
    )
  })
})

describe('parseSignIn refuses, in one line', () => {
  it.each([
    [
      'not JSON',
      `{"Type": "authenticate-oidc", "ClientSecret": "${SECRET}"`,
      'is not a JSON object such as {"Type": "authenticate-oidc", ...}'
    ],
    [
      'a list',
      JSON.stringify([OIDC]),
      'is not a JSON object such as {"Type": "authenticate-oidc", ...}'
    ],
    [
      'a string',
      JSON.stringify(SECRET),
      'is not a JSON object such as {"Type": "authenticate-oidc", ...}'
    ],
    [
      'no type',
      JSON.stringify({ AuthenticateOidcConfig: OIDC_CONFIG }),
      'needs "Type" authenticate-oidc or authenticate-cognito'
    ],
    [
      'a forward',
      JSON.stringify({ Type: 'forward', TargetGroupArn: 'x' }),
      'needs "Type" authenticate-oidc or authenticate-cognito'
    ],
    [
      'jwt-validation',
      JSON.stringify({ Type: 'jwt-validation' }),
      'needs "Type" authenticate-oidc or authenticate-cognito'
    ],
    [
      'both configurations',
      JSON.stringify({ ...OIDC, AuthenticateCognitoConfig: COGNITO_CONFIG }),
      'has an unknown key "AuthenticateCognitoConfig" for an authenticate-oidc action'
    ],
    [
      "the other type's configuration",
      JSON.stringify({ Type: 'authenticate-cognito', AuthenticateOidcConfig: OIDC_CONFIG }),
      'has an unknown key "AuthenticateOidcConfig" for an authenticate-cognito action'
    ],
    [
      'a forward config beside it',
      JSON.stringify({ ...OIDC, ForwardConfig: {} }),
      'has an unknown key "ForwardConfig" for an authenticate-oidc action'
    ],
    [
      'Order 2',
      oidc({}, { Order: 2 }),
      '"Order" must be 1 or left out: sign-in comes before the forward action'
    ],
    [
      'Order "1"',
      oidc({}, { Order: '1' }),
      '"Order" must be 1 or left out: sign-in comes before the forward action'
    ],
    [
      'no configuration',
      JSON.stringify({ Type: 'authenticate-oidc' }),
      'needs "AuthenticateOidcConfig", an object'
    ],
    [
      'no client secret',
      JSON.stringify({ ...OIDC, AuthenticateOidcConfig: without(OIDC_CONFIG, 'ClientSecret') }),
      'AuthenticateOidcConfig: needs "ClientSecret", a non-empty string'
    ],
    [
      'only the existing secret',
      JSON.stringify({
        ...OIDC,
        AuthenticateOidcConfig: {
          ...without(OIDC_CONFIG, 'ClientSecret'),
          UseExistingClientSecret: true
        }
      }),
      'AuthenticateOidcConfig: needs "ClientSecret", a non-empty string'
    ],
    [
      'the existing secret too',
      oidc({ UseExistingClientSecret: true }),
      'AuthenticateOidcConfig: "UseExistingClientSecret" must be false or left out: every new PR\'s rule needs the secret'
    ],
    [
      'no issuer',
      JSON.stringify({ ...OIDC, AuthenticateOidcConfig: without(OIDC_CONFIG, 'Issuer') }),
      'AuthenticateOidcConfig: needs "Issuer", a non-empty string'
    ],
    [
      'a numeric client id',
      oidc({ ClientId: 12345 }),
      'AuthenticateOidcConfig: needs "ClientId", a non-empty string'
    ],
    [
      'an empty token endpoint',
      oidc({ TokenEndpoint: '' }),
      'AuthenticateOidcConfig: needs "TokenEndpoint", a non-empty string'
    ],
    [
      'an http endpoint',
      oidc({ TokenEndpoint: 'http://example.okta.com/token' }),
      'AuthenticateOidcConfig: "TokenEndpoint" must be an https:// URL with the domain and path of the identity provider'
    ],
    [
      'a bare host issuer',
      oidc({ Issuer: 'example.okta.com' }),
      'AuthenticateOidcConfig: "Issuer" must be an https:// URL with the domain and path of the identity provider'
    ],
    [
      'credentials in a URL',
      oidc({ UserInfoEndpoint: `https://user:${SECRET}@example.com/u` }),
      'AuthenticateOidcConfig: "UserInfoEndpoint" must be an https:// URL with the domain and path of the identity provider'
    ],
    [
      'an unknown member',
      oidc({ ClientSecretArn: 'arn:x' }),
      'AuthenticateOidcConfig: has an unknown key "ClientSecretArn"'
    ],
    [
      'a long unknown member',
      oidc({ ['K'.repeat(50)]: 1 }),
      `AuthenticateOidcConfig: has an unknown key "${'K'.repeat(40)}…"`
    ],
    [
      'session timeout 0',
      oidc({ SessionTimeout: 0 }),
      'AuthenticateOidcConfig: "SessionTimeout" must be a whole number of seconds from 1 to 604800 (7 days)'
    ],
    [
      'session timeout over 7 days',
      oidc({ SessionTimeout: MAX_SESSION_SECONDS + 1 }),
      'AuthenticateOidcConfig: "SessionTimeout" must be a whole number of seconds from 1 to 604800 (7 days)'
    ],
    [
      'a fractional timeout',
      oidc({ SessionTimeout: 1.5 }),
      'AuthenticateOidcConfig: "SessionTimeout" must be a whole number of seconds from 1 to 604800 (7 days)'
    ],
    [
      'a timeout as text',
      oidc({ SessionTimeout: '3600' }),
      'AuthenticateOidcConfig: "SessionTimeout" must be a whole number of seconds from 1 to 604800 (7 days)'
    ],
    [
      'another behaviour',
      oidc({ OnUnauthenticatedRequest: 'redirect' }),
      'AuthenticateOidcConfig: "OnUnauthenticatedRequest" must be deny, allow, authenticate or left out'
    ],
    [
      'an empty scope',
      oidc({ Scope: ' ' }),
      'AuthenticateOidcConfig: "Scope" must be a non-empty string'
    ],
    [
      'extra params of numbers',
      oidc({ AuthenticationRequestExtraParams: { max_age: 5 } }),
      'AuthenticateOidcConfig: "AuthenticationRequestExtraParams" must be an object of strings'
    ],
    [
      'eleven extra params',
      oidc({
        AuthenticationRequestExtraParams: Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [`p${i}`, 'v'])
        )
      }),
      'AuthenticateOidcConfig: "AuthenticationRequestExtraParams" takes at most 10 parameters'
    ],
    [
      'no user pool domain',
      JSON.stringify({
        ...COGNITO,
        AuthenticateCognitoConfig: without(COGNITO_CONFIG, 'UserPoolDomain')
      }),
      'AuthenticateCognitoConfig: needs "UserPoolDomain", a non-empty string'
    ],
    [
      'a user pool id for its ARN',
      cognito({ UserPoolArn: 'us-east-1_Abc123' }),
      'AuthenticateCognitoConfig: "UserPoolArn" must be a user pool ARN such as arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123'
    ],
    [
      'an endpoint with a space',
      oidc({ Issuer: 'https://idp.example.com/a b' }),
      'AuthenticateOidcConfig: "Issuer" must be an https:// URL with the domain and path of the identity provider'
    ],
    [
      'a password in a URL',
      oidc({ Issuer: 'https://:pw@idp.example.com/' }),
      'AuthenticateOidcConfig: "Issuer" must be an https:// URL with the domain and path of the identity provider'
    ],
    [
      'a user name in a URL',
      oidc({ Issuer: 'https://someone@idp.example.com/' }),
      'AuthenticateOidcConfig: "Issuer" must be an https:// URL with the domain and path of the identity provider'
    ],
    [
      'an empty session cookie name',
      cognito({ SessionCookieName: '' }),
      'AuthenticateCognitoConfig: "SessionCookieName" must be a non-empty string'
    ],
    [
      'extra params partly numbers',
      cognito({ AuthenticationRequestExtraParams: { a: 'x', b: 5 } }),
      'AuthenticateCognitoConfig: "AuthenticationRequestExtraParams" must be an object of strings'
    ],
    [
      'a key of 40 characters',
      oidc({ ['K'.repeat(40)]: 1 }),
      `AuthenticateOidcConfig: has an unknown key "${'K'.repeat(40)}"`
    ],
    [
      'text before a user pool ARN',
      cognito({ UserPoolArn: `x${COGNITO_CONFIG.UserPoolArn}` }),
      'AuthenticateCognitoConfig: "UserPoolArn" must be a user pool ARN such as arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123'
    ],
    [
      'a user pool ARN with a path after it',
      cognito({ UserPoolArn: `${COGNITO_CONFIG.UserPoolArn}/client` }),
      'AuthenticateCognitoConfig: "UserPoolArn" must be a user pool ARN such as arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123'
    ],
    [
      'a client secret for Cognito',
      cognito({ ClientSecret: SECRET }),
      'AuthenticateCognitoConfig: has an unknown key "ClientSecret"'
    ],
    [
      'UseExistingClientSecret for Cognito',
      cognito({ UseExistingClientSecret: false }),
      'AuthenticateCognitoConfig: has an unknown key "UseExistingClientSecret"'
    ]
  ])('%s', (_name, value, problem) => {
    expect(parseSignIn(value)).toEqual({ problem })
  })
})

describe('clientSecretOf', () => {
  it.each([
    [JSON.stringify(OIDC), SECRET],
    [oidc({ Issuer: 'http://wrong' }), SECRET],
    [JSON.stringify(COGNITO), undefined],
    [oidc({ ClientSecret: '' }), undefined],
    [oidc({ ClientSecret: 42 }), undefined],
    ['', undefined],
    ['{not json', undefined]
  ])('%s → %s', (value, secret) => {
    expect(clientSecretOf(value)).toBe(secret)
  })
})

describe('parseSignIn, for any value', () => {
  // Values that reach each check: valid actions with one member changed, dropped or added.
  const member = fc.constantFrom(...Object.keys(OIDC_CONFIG), 'Scope', 'SessionTimeout', 'Other')
  const value = fc.oneof(
    fc.string(),
    fc.json(),
    fc
      .tuple(member, fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)))
      .map(([key, v]) => oidc({ [key]: v })),
    member.map((key) =>
      JSON.stringify({ ...OIDC, AuthenticateOidcConfig: without(OIDC_CONFIG, key) })
    ),
    fc.integer({ min: -10, max: 700_000 }).map((t) => cognito({ SessionTimeout: t }))
  )

  it('answers a sign-in or one line, which never holds the client secret', () => {
    fc.assert(
      fc.property(value, fc.string({ minLength: 8 }), (v, secret) => {
        const withSecret = v.replaceAll(SECRET, secret)
        const parsed = parseSignIn(withSecret)
        if ('problem' in parsed) {
          expect(parsed.problem).not.toMatch(/[\r\n]/)
          const hidden = clientSecretOf(withSecret)
          if (hidden !== undefined && hidden.length >= 8)
            expect(parsed.problem).not.toContain(hidden)
        }
      })
    )
  })

  it('keeps a valid action as given, its Order and an existing-secret flag of false aside', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            Scope: fc.constantFrom('openid', 'openid email profile'),
            SessionTimeout: fc.integer({ min: 1, max: MAX_SESSION_SECONDS }),
            OnUnauthenticatedRequest: fc.constantFrom('deny', 'allow', 'authenticate')
          },
          { requiredKeys: [] }
        ),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (optional, secret) => {
          const config = { ...OIDC_CONFIG, ClientSecret: secret, ...optional }
          expect(
            parseSignIn(
              JSON.stringify({
                ...OIDC,
                Order: 1,
                AuthenticateOidcConfig: { ...config, UseExistingClientSecret: false }
              })
            )
          ).toEqual({
            signIn: { ...OIDC, AuthenticateOidcConfig: config }
          })
        }
      )
    )
  })
})
