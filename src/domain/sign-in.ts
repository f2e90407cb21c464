// Who may open a preview behind the load balancer, by signing in: the load-balancer-authentication
// input, one ELB action as the ELB API and CLI write it (`authenticate-oidc` with its
// AuthenticateOidcConfig, or `authenticate-cognito` with its AuthenticateCognitoConfig), which
// every listener rule Showtime writes carries before its forward action. ELB runs it on HTTPS
// listeners only. A bad value is refused with one line that names the field and what it takes,
// and never quotes a value: the value holds the OIDC client secret.

/** ELB's `authenticate-oidc` configuration (AuthenticateOidcActionConfig). */
export interface OidcConfig {
  readonly Issuer: string
  readonly AuthorizationEndpoint: string
  readonly TokenEndpoint: string
  readonly UserInfoEndpoint: string
  readonly ClientId: string
  readonly ClientSecret: string
  readonly SessionCookieName?: string
  readonly Scope?: string
  readonly SessionTimeout?: number
  readonly AuthenticationRequestExtraParams?: Readonly<Record<string, string>>
  readonly OnUnauthenticatedRequest?: UnauthenticatedBehaviour
}

/** ELB's `authenticate-cognito` configuration (AuthenticateCognitoActionConfig). */
export interface CognitoConfig {
  readonly UserPoolArn: string
  readonly UserPoolClientId: string
  readonly UserPoolDomain: string
  readonly SessionCookieName?: string
  readonly Scope?: string
  readonly SessionTimeout?: number
  readonly AuthenticationRequestExtraParams?: Readonly<Record<string, string>>
  readonly OnUnauthenticatedRequest?: UnauthenticatedBehaviour
}

export type UnauthenticatedBehaviour = 'deny' | 'allow' | 'authenticate'

/** The sign-in action, without its Order (the rule's writer puts it first). */
export type SignIn =
  | { readonly Type: 'authenticate-oidc'; readonly AuthenticateOidcConfig: OidcConfig }
  | { readonly Type: 'authenticate-cognito'; readonly AuthenticateCognitoConfig: CognitoConfig }

export type SignInInput = { readonly signIn: SignIn | undefined } | { readonly problem: string }

/** ELB's longest authentication session, and its default: 7 days. */
export const MAX_SESSION_SECONDS = 604_800
/** "The query parameters (up to 10) to include in the redirect request". */
export const MAX_EXTRA_PARAMS = 10
const BEHAVIOURS: readonly UnauthenticatedBehaviour[] = ['deny', 'allow', 'authenticate']

const OIDC = 'authenticate-oidc'
const COGNITO = 'authenticate-cognito'
const OIDC_CONFIG = 'AuthenticateOidcConfig'
const COGNITO_CONFIG = 'AuthenticateCognitoConfig'

const OIDC_ENDPOINTS = ['Issuer', 'AuthorizationEndpoint', 'TokenEndpoint', 'UserInfoEndpoint']
const OIDC_REQUIRED = [...OIDC_ENDPOINTS, 'ClientId', 'ClientSecret']
const COGNITO_REQUIRED = ['UserPoolArn', 'UserPoolClientId', 'UserPoolDomain']
const OPTIONAL = [
  'SessionCookieName',
  'Scope',
  'SessionTimeout',
  'AuthenticationRequestExtraParams',
  'OnUnauthenticatedRequest'
]
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/

type Json = Record<string, unknown>

/** The sign-in of the input (none when it is empty), or the one problem to report. */
export function parseSignIn(value: string): SignInInput {
  if (value.trim() === '') return { signIn: undefined }
  const parsed = parseJson(value)
  if (!isObject(parsed))
    return { problem: 'is not a JSON object such as {"Type": "authenticate-oidc", ...}' }
  const type = parsed.Type
  if (type !== OIDC && type !== COGNITO) return { problem: `needs "Type" ${OIDC} or ${COGNITO}` }
  const configKey = type === OIDC ? OIDC_CONFIG : COGNITO_CONFIG
  const unknown = unknownKey(parsed, ['Type', 'Order', configKey])
  if (unknown !== undefined) return { problem: `has ${unknown} for an ${type} action` }
  if (parsed.Order !== undefined && parsed.Order !== 1)
    return { problem: '"Order" must be 1 or left out: sign-in comes before the forward action' }
  const config = parsed[configKey]
  if (!isObject(config)) return { problem: `needs "${configKey}", an object` }
  const problem = type === OIDC ? oidcProblem(config) : cognitoProblem(config)
  if (problem !== undefined) return { problem: `${configKey}: ${problem}` }
  return {
    signIn:
      type === OIDC
        ? { Type: OIDC, AuthenticateOidcConfig: pick(config, [...OIDC_REQUIRED, ...OPTIONAL]) }
        : {
            Type: COGNITO,
            AuthenticateCognitoConfig: pick(config, [...COGNITO_REQUIRED, ...OPTIONAL])
          }
  }
}

/** The OIDC client secret in the input, when it has one, to mask in the log before anything else
 * reads the input. */
export function clientSecretOf(value: string): string | undefined {
  const parsed = parseJson(value)
  const config = isObject(parsed) ? parsed[OIDC_CONFIG] : undefined
  const secret = isObject(config) ? config.ClientSecret : undefined
  return typeof secret === 'string' && secret !== '' ? secret : undefined
}

/** The sign-in's name for the log, such as `authenticate-oidc`: never its configuration. */
export function describeSignIn(signIn: SignIn): string {
  return signIn.Type
}

function oidcProblem(config: Json): string | undefined {
  const unknown = unknownKey(config, [...OIDC_REQUIRED, ...OPTIONAL, 'UseExistingClientSecret'])
  if (unknown !== undefined) return `has ${unknown}`
  const missing = missingString(config, OIDC_REQUIRED)
  if (missing !== undefined) return missing
  const insecure = OIDC_ENDPOINTS.find((key) => !isHttpsUrl(config[key] as string))
  if (insecure !== undefined)
    return `"${insecure}" must be an https:// URL with the domain and path of the identity provider`
  // ELB needs the secret to create a rule, and Showtime creates one for each PR: an input that
  // asks ELB to keep an existing secret instead could never create one.
  if (config.UseExistingClientSecret !== undefined && config.UseExistingClientSecret !== false)
    return '"UseExistingClientSecret" must be false or left out: every new PR\'s rule needs the secret'
  return optionalProblem(config)
}

function cognitoProblem(config: Json): string | undefined {
  const unknown = unknownKey(config, [...COGNITO_REQUIRED, ...OPTIONAL])
  if (unknown !== undefined) return `has ${unknown}`
  const missing = missingString(config, COGNITO_REQUIRED)
  if (missing !== undefined) return missing
  if (!USER_POOL_ARN.test(config.UserPoolArn as string))
    return '"UserPoolArn" must be a user pool ARN such as arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123'
  return optionalProblem(config)
}

/** What is wrong with the members both configurations take, or undefined. */
function optionalProblem(config: Json): string | undefined {
  for (const key of ['SessionCookieName', 'Scope'])
    if (config[key] !== undefined && !nonEmptyString(config[key]))
      return `"${key}" must be a non-empty string`
  const timeout = config.SessionTimeout
  if (
    timeout !== undefined &&
    !(
      Number.isInteger(timeout) &&
      (timeout as number) >= 1 &&
      (timeout as number) <= MAX_SESSION_SECONDS
    )
  )
    return `"SessionTimeout" must be a whole number of seconds from 1 to ${MAX_SESSION_SECONDS} (7 days)`
  const behaviour = config.OnUnauthenticatedRequest
  if (behaviour !== undefined && !BEHAVIOURS.includes(behaviour as UnauthenticatedBehaviour))
    return `"OnUnauthenticatedRequest" must be ${BEHAVIOURS.join(', ')} or left out`
  const params = config.AuthenticationRequestExtraParams
  if (params !== undefined) {
    if (!isObject(params) || Object.values(params).some((v) => typeof v !== 'string'))
      return '"AuthenticationRequestExtraParams" must be an object of strings'
    if (Object.keys(params).length > MAX_EXTRA_PARAMS)
      return `"AuthenticationRequestExtraParams" takes at most ${MAX_EXTRA_PARAMS} parameters`
  }
  return undefined
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

/** The first key that is not one of `known`, quoted for the message (a key is no secret, but a
 * long one is cut), or undefined. */
function unknownKey(object: Json, known: readonly string[]): string | undefined {
  const key = Object.keys(object).find((k) => !known.includes(k))
  if (key === undefined) return undefined
  const chars = [...key]
  return `an unknown key "${chars.slice(0, 40).join('')}${chars.length > 40 ? '…' : ''}"`
}

function missingString(config: Json, keys: readonly string[]): string | undefined {
  const missing = keys.find((key) => !nonEmptyString(config[key]))
  return missing === undefined ? undefined : `needs "${missing}", a non-empty string`
}

function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false
  try {
    const url = new URL(value)
    // An https URL always has a host (WHATWG URL refuses one without); credentials are refused.
    return url.protocol === 'https:' && url.username === '' && url.password === ''
  } catch {
    return false
  }
}

function pick<T>(config: Json, keys: readonly string[]): T {
  return Object.fromEntries(
    keys.filter((k) => config[k] !== undefined).map((k) => [k, config[k]])
  ) as T
}
