// Reads and validates every input into one typed value; an empty input takes its default from
// defaults.ts. Each mistake becomes one readable line naming the input and what it accepts.

import { type SignIn, parseSignIn } from '../domain/sign-in.js'
import { parseSourceCidrs } from '../domain/source-cidrs.js'
import { DEFAULT_AWS_REGION, INPUT_DEFAULTS } from './defaults.js'
import type { Addressing } from '../domain/address.js'
import {
  CACHE_BACKENDS,
  CACHE_NAME,
  type CacheBackend,
  type CacheSettings
} from '../domain/build-cache.js'
import { CAPACITY_PROVIDERS, type CapacityProvider } from '../domain/capacity.js'
import { WRITTEN_STATUSES, type WrittenStatus } from '../domain/labels.js'
import { PERMISSIONS, type Permission } from '../domain/pull-request.js'
import { type SleepAfter, parseSleepAfter } from '../domain/sleep.js'
import { type Ttl, parseTtl } from '../domain/ttl.js'
import { InputError } from '../errors.js'

export const MODES = ['check', 'sync', 'set-state', 'cleanup', 'warm-cache'] as const
export type Mode = (typeof MODES)[number]

export interface BuildArg {
  readonly name: string
  readonly value: string
}

export interface Inputs {
  readonly mode: Mode
  readonly githubToken: string
  readonly prNumber?: number
  /** Lower-case hex, 40 characters: a full commit SHA. */
  readonly sha?: string
  readonly state?: WrittenStatus
  readonly errorMessage: string
  readonly dryRun: { readonly github: boolean; readonly aws: boolean; readonly docker: boolean }
  readonly awsSleepSeconds: number
  /** Empty where the mode does not use them (see `NEEDED`). */
  readonly aws: {
    readonly region: string
    readonly cluster: string
    readonly subnets: readonly string[]
    readonly securityGroups: readonly string[]
    readonly taskDefinitionPath?: string
    readonly adoptUntaggedServices: boolean
    readonly assignPublicIp: boolean
    /** Where the tasks run: on-demand Fargate, or Fargate Spot (falling back to on-demand). */
    readonly capacityProvider: CapacityProvider
  }
  /** The shared load balancer's HTTPS listener and the previews' domain, when both are set. */
  readonly loadBalancer?: LoadBalancerInputs
  readonly docker: {
    /** Empty where the mode does not use it. */
    readonly imageRepository: string
    readonly target?: string
    readonly platform: string
    readonly buildArgs: readonly BuildArg[]
    readonly context: string
    /** docker's --file; unset: the Dockerfile at the context's root. */
    readonly dockerfile?: string
    readonly cache: CacheSettings
    /** The runner gave this step the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN). */
    readonly ghaCacheAvailable: boolean
  }
  /** With it, `FEATURE_<WORD>=true|false` lines of the PR body become `<prefix><WORD>` variables. */
  readonly featureFlagPrefix?: string
  readonly containerPort: number
  readonly healthPath: string
  /** How long the health check may take, and the pause between its attempts, in seconds. */
  readonly healthTimeoutSeconds: number
  readonly healthIntervalSeconds: number
  /** How long the load balancer drains a deregistered target, in seconds (0 to 3600). */
  readonly deregistrationDelaySeconds: number
  readonly ttl: Ttl
  readonly olderThan: Ttl
  readonly respectTtl: boolean
  /** For cleanup: how long an environment behind the load balancer may be idle before it sleeps. */
  readonly sleepAfter: SleepAfter
  readonly maxEnvironments: number
  readonly allowedPermissions: readonly Permission[]
  readonly comment: boolean
  readonly deployments: boolean
  /** With `{pr}` standing for the PR number. */
  readonly deploymentEnvironment: string
}

export interface LoadBalancerInputs {
  readonly listenerArn: string
  /** Lower case, such as preview.example.com. */
  readonly previewDomain: string
  /** Only these source addresses reach a preview (the rule's source-ip condition); empty: all. */
  readonly allowedSourceCidrs: readonly string[]
  /** The load-balancer-authentication input: the sign-in every rule runs before its forward. */
  readonly signIn?: SignIn
}

export type InputReader = (name: string) => string

/** Where the environments of this run answer. */
export function addressingOf(inputs: Pick<Inputs, 'loadBalancer' | 'containerPort'>): Addressing {
  return inputs.loadBalancer
    ? {
        kind: 'load-balancer',
        previewDomain: inputs.loadBalancer.previewDomain,
        containerPort: inputs.containerPort
      }
    : { kind: 'task', containerPort: inputs.containerPort }
}

// A full commit: approvals, targets and the environments' records compare all 40 characters (a
// 7-character prefix can be forged by a fork in seconds).
const SHA = /^[0-9a-fA-F]{40}$/
const PR_NUMBER = /^[1-9]\d{0,9}$/
const WHOLE_NUMBER = /^\d{1,10}$/
const SECONDS = /^\d{1,5}(?:\.\d{1,3})?$/
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/
const CLUSTER =
  /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/
const SUBNET = /^subnet-[0-9a-f]{8,17}$/
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/
// Docker's reference grammar: a registry host (letters of any case, digits, dots, hyphens, an
// optional port) only when the first component looks like one, then lower-case path components
// joined by `.`, `_`, `__` or runs of `-`.
const REGISTRY_HOST =
  /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+:\d+)(?::\d{1,5})?$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOCKER_TARGET = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/
const PLATFORM =
  /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?(?:,[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?)*$/
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const FLAG_PREFIX = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/
const HEALTH_PATH = /^\/[^\s]*$/
const ENVIRONMENT = /^[A-Za-z0-9_.{}-]{1,200}$/
const LISTENER_ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}\/[0-9a-f]{16}$/
// DNS labels of letters, digits and inner hyphens; at most 100 characters, so that the host
// pr-{n}.{domain} stays within the 128 characters of a listener rule's host condition.
const DOMAIN =
  /^(?=.{1,100}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * The inputs without a default that a mode needs. They name things only the adopting repository
 * knows (its cluster, network and registry), so an empty one fails before any request; AWS's
 * are not needed when dry-run-aws skips AWS. check asks for what sync will need, so that nothing
 * is built for a sync that cannot run.
 */
function neededInputs(
  mode: Mode,
  dryRunAws: boolean,
  cacheBackend: CacheBackend
): ReadonlySet<string> {
  const aws = dryRunAws ? [] : ['ecs-cluster', 'subnets', 'security-groups']
  switch (mode) {
    case 'warm-cache':
      return new Set(cacheBackend === 'registry' ? ['image-repository'] : [])
    case 'check':
    case 'sync':
      return new Set([...aws, 'image-repository'])
    case 'cleanup':
      return new Set(['ecs-cluster'])
    case 'set-state':
      return new Set()
  }
}

/** Reads the mode first, so that `mode: bogus` fails before anything else is looked at. */
export function readInputs(read: InputReader, env: NodeJS.ProcessEnv = {}): Inputs {
  const get = (name: string): string =>
    read(name).trim() || (INPUT_DEFAULTS as Record<string, string>)[name] || ''
  const mode = oneOf(get, 'mode', MODES)
  const state = optional(get, 'state', (v) => oneOf(() => v, 'state', WRITTEN_STATUSES))
  if (mode === 'set-state' && state === undefined) {
    throw new InputError(
      `Input "state" is required with mode set-state: one of ${WRITTEN_STATUSES.join(', ')}.`
    )
  }
  const githubToken = required(
    get,
    'github-token',
    'a GitHub token (the default, github.token, is right)'
  )
  const dryRun = {
    github: boolean(get, 'dry-run-github'),
    aws: boolean(get, 'dry-run-aws'),
    docker: boolean(get, 'dry-run-docker')
  }
  const cacheBackend = oneOf(get, 'build-cache', CACHE_BACKENDS)
  const needed = neededInputs(mode, dryRun.aws, cacheBackend)
  const needs = <T>(name: string, parse: () => T, empty: T): T => {
    if (get(name) !== '') return parse()
    if (!needed.has(name)) return empty
    throw new InputError(
      `Input "${name}" is required by mode ${mode}${dryRun.aws ? '' : ' (unless dry-run-aws)'}: set it to ${NEEDED_WHAT[name] ?? 'a value'}.`
    )
  }
  return {
    mode,
    githubToken,
    ...optionalField(
      'prNumber',
      optional(get, 'pr-number', (v) => prNumber(v, 'pr-number'))
    ),
    ...optionalField(
      'sha',
      optional(get, 'sha', (v) => commitSha(v, 'sha'))
    ),
    ...optionalField('state', state),
    errorMessage: get('error-message'),
    dryRun,
    awsSleepSeconds: seconds(get, 'aws-sleep'),
    aws: {
      region: matching(
        () => get('aws-region') || env.AWS_REGION || DEFAULT_AWS_REGION,
        'aws-region',
        REGION,
        'an AWS region such as us-west-2'
      ),
      cluster: needs(
        'ecs-cluster',
        () => matching(get, 'ecs-cluster', CLUSTER, NEEDED_WHAT['ecs-cluster']!),
        ''
      ),
      subnets: needs(
        'subnets',
        () => list(get, 'subnets', SUBNET, NEEDED_WHAT.subnets!),
        [] as string[]
      ),
      securityGroups: needs(
        'security-groups',
        () => list(get, 'security-groups', SECURITY_GROUP, NEEDED_WHAT['security-groups']!),
        [] as string[]
      ),
      ...optionalField('taskDefinitionPath', get('task-definition') || undefined),
      adoptUntaggedServices: boolean(get, 'adopt-untagged-services'),
      assignPublicIp: publicIp(get),
      capacityProvider: oneOf(get, 'capacity-provider', CAPACITY_PROVIDERS)
    },
    ...optionalField('loadBalancer', loadBalancer(get)),
    docker: {
      imageRepository: needs(
        'image-repository',
        () => imageRepository(get('image-repository')),
        ''
      ),
      ...optionalField(
        'target',
        optional(get, 'docker-target', (v) =>
          matching(() => v, 'docker-target', DOCKER_TARGET, 'a Dockerfile stage name')
        )
      ),
      platform: matching(get, 'docker-platform', PLATFORM, 'platforms such as linux/amd64'),
      buildArgs: buildArgs(get('build-args')),
      context: required(get, 'docker-context', 'a directory'),
      ...optionalField(
        'dockerfile',
        optional(get, 'dockerfile', (v) => dockerfilePath(v))
      ),
      cache: {
        backend: cacheBackend,
        name: matching(
          get,
          'build-cache-name',
          CACHE_NAME,
          'a name of letters, digits, _ . and - (at most 100), such as showtime-cache'
        ),
        ...optionalField(
          'from',
          optional(get, 'cache-from', (v) => cacheValues(v, 'cache-from'))
        ),
        ...optionalField(
          'to',
          optional(get, 'cache-to', (v) => cacheValues(v, 'cache-to'))
        )
      },
      ghaCacheAvailable: Boolean(env.ACTIONS_RUNTIME_TOKEN)
    },
    ...optionalField(
      'featureFlagPrefix',
      optional(get, 'feature-flag-prefix', (v) =>
        matching(
          () => v,
          'feature-flag-prefix',
          FLAG_PREFIX,
          'an environment variable prefix such as SUPERSET_FEATURE_'
        )
      )
    ),
    containerPort: port(get, 'container-port'),
    healthPath: matching(get, 'health-path', HEALTH_PATH, 'a path starting with /'),
    ...healthWindow(get),
    deregistrationDelaySeconds: deregistrationDelay(get),
    ttl: ttl(get, 'ttl', true),
    olderThan: ttl(get, 'older-than', false),
    respectTtl: boolean(get, 'respect-ttl'),
    sleepAfter: sleepAfter(get),
    maxEnvironments: wholeNumber(get, 'max-environments'),
    allowedPermissions: permissions(get, 'allowed-permissions'),
    comment: boolean(get, 'comment'),
    deployments: boolean(get, 'deployments'),
    deploymentEnvironment: matching(
      get,
      'deployment-environment',
      ENVIRONMENT,
      'an environment name (letters, digits, - _ . and {pr})'
    )
  }
}

const NEEDED_WHAT: Record<string, string> = {
  'ecs-cluster': 'an ECS cluster name or ARN',
  subnets: 'subnet IDs such as subnet-0123456789abcdef0, separated by commas',
  'security-groups': 'security group IDs such as sg-0123456789abcdef0, separated by commas',
  'image-repository':
    'the image repository the build pushes to, such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app or ghcr.io/my-org/my-app'
}

function optionalField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

function optional<T>(get: InputReader, name: string, parse: (value: string) => T): T | undefined {
  const value = get(name)
  return value === '' ? undefined : parse(value)
}

function required(get: InputReader, name: string, accepted: string): string {
  const value = get(name)
  if (value === '') throw new InputError(`Input "${name}" is empty: expected ${accepted}.`)
  return value
}

function oneOf<T extends string>(get: InputReader, name: string, values: readonly T[]): T {
  const value = get(name)
  if ((values as readonly string[]).includes(value)) return value as T
  throw new InputError(`Input "${name}" must be one of ${values.join(', ')}; got ${quote(value)}.`)
}

function matching(get: InputReader, name: string, pattern: RegExp, accepted: string): string {
  const value = get(name)
  if (pattern.test(value)) return value
  throw new InputError(`Input "${name}" must be ${accepted}; got ${quote(value)}.`)
}

/** The image repository the build pushes to: one line that says what is wrong when it is not. */
export function imageRepository(value: string): string {
  const bad = (why: string) =>
    new InputError(`Input "image-repository" ${why}; got ${quote(value)}.`)
  if (/\s/.test(value)) throw bad('must not contain spaces or new lines')
  if (value.includes('@')) throw bad('must not carry a digest (@sha256:…)')
  if (value.length > 255) throw bad('must be at most 255 characters')
  const components = value.split('/')
  const host =
    components.length > 1 && REGISTRY_HOST.test(components[0]!) ? components[0] : undefined
  const path = host === undefined ? components : components.slice(1)
  const last = path.at(-1) ?? ''
  if (last.includes(':'))
    throw bad(
      `must not carry a tag (":${last.split(':').pop()}"): Showtime tags each image pr-{pr}-{sha}-ci`
    )
  for (const component of path) {
    if (component === '') throw bad('has an empty path component (a leading, trailing or double /)')
    if (/[A-Z]/.test(component))
      throw bad(
        `must be lower case after the registry host ("${component}"): Docker rejects upper-case repository names`
      )
    if (!PATH_COMPONENT.test(component))
      throw bad(
        `has an invalid path component "${component}": use lower-case letters and digits, separated by ., _, __ or -`
      )
  }
  return value
}

export function prNumber(value: string, name: string): number {
  if (PR_NUMBER.test(value) && Number(value) <= 2_147_483_647) return Number(value)
  throw new InputError(
    `Input "${name}" must be a pull request number (a positive whole number); got ${quote(value)}.`
  )
}

export function commitSha(value: string, name: string): string {
  if (SHA.test(value)) return value.toLowerCase()
  throw new InputError(
    `Input "${name}" must be a full commit SHA of 40 hex characters; got ${quote(value)}.`
  )
}

/** buildx cache values, one a line (as docker/build-push-action takes them). */
function dockerfilePath(value: string): string {
  if (/[\r\n]/.test(value))
    throw new InputError(
      `Input "dockerfile" must be one path, such as docker/Dockerfile.preview; got ${quote(value)}.`
    )
  return value
}

function cacheValues(value: string, name: string): string[] {
  const lines = value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const bad = lines.find((line) => !/^\S+$/.test(line))
  if (bad !== undefined)
    throw new InputError(
      `Input "${name}" must hold buildx cache values such as type=gha,scope=x, one a line, without spaces; got ${quote(bad)}.`
    )
  return lines
}

function boolean(get: InputReader, name: string): boolean {
  const value = get(name)
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input "${name}" must be true or false; got ${quote(value)}.`)
}

function wholeNumber(get: InputReader, name: string): number {
  const value = get(name)
  if (WHOLE_NUMBER.test(value)) return Number(value)
  throw new InputError(`Input "${name}" must be a whole number, 0 or more; got ${quote(value)}.`)
}

function seconds(get: InputReader, name: string): number {
  const value = get(name)
  if (SECONDS.test(value)) return Number(value)
  throw new InputError(
    `Input "${name}" must be a number of seconds, 0 or more; got ${quote(value)}.`
  )
}

function port(get: InputReader, name: string): number {
  const value = get(name)
  const n = Number(value)
  if (WHOLE_NUMBER.test(value) && n >= 1 && n <= 65535) return n
  throw new InputError(`Input "${name}" must be a port from 1 to 65535; got ${quote(value)}.`)
}

const DURATION = /^(\d{1,5})(s|m|h)$/
const DURATION_SECONDS = { s: 1, m: 60, h: 3600 } as const

/** `90s`, `10m`, `1h`: seconds, from 1 s to 2 h. */
function duration(get: InputReader, name: string): number {
  const value = get(name)
  const m = DURATION.exec(value)
  const seconds = m ? Number(m[1]) * DURATION_SECONDS[m[2] as 's' | 'm' | 'h'] : NaN
  if (seconds >= 1 && seconds <= 7200) return seconds
  throw new InputError(
    `Input "${name}" must be a duration from 1s to 2h such as 30s, 10m or 1h; got ${quote(value)}.`
  )
}

/** Both inputs or neither: a listener needs the domain its rules answer, and the other way. */
function loadBalancer(get: InputReader): LoadBalancerInputs | undefined {
  const listener = get('load-balancer-listener-arn')
  const domain = get('preview-domain').toLowerCase()
  const allowedSourceCidrs = sourceCidrs(get)
  const signIn = authentication(get)
  if (listener === '' && domain === '') {
    if (allowedSourceCidrs.length > 0)
      throw new InputError(
        'Input "allowed-source-cidrs" needs load-balancer-listener-arn: only the load balancer\'s rules can restrict who reaches a preview.'
      )
    if (signIn !== undefined)
      throw new InputError(
        'Input "load-balancer-authentication" needs load-balancer-listener-arn: only the load balancer\'s rules can sign users in.'
      )
    return undefined
  }
  if (domain === '')
    throw new InputError(
      'Input "preview-domain" is required with load-balancer-listener-arn: set it to the domain of the wildcard DNS record, such as preview.example.com.'
    )
  if (listener === '')
    throw new InputError(
      'Input "load-balancer-listener-arn" is required with preview-domain: set it to the ARN of the shared HTTPS listener.'
    )
  return {
    listenerArn: matching(
      () => listener,
      'load-balancer-listener-arn',
      LISTENER_ARN,
      "the ARN of an Application Load Balancer's listener"
    ),
    previewDomain: matching(
      () => domain,
      'preview-domain',
      DOMAIN,
      'a domain name such as preview.example.com (at most 100 characters)'
    ),
    allowedSourceCidrs,
    ...optionalField('signIn', signIn)
  }
}

/** The load-balancer-authentication input: one ELB authenticate action as JSON. Its refusal
 * never quotes the value, which holds the client secret. */
function authentication(get: InputReader): SignIn | undefined {
  const parsed = parseSignIn(get('load-balancer-authentication'))
  if ('problem' in parsed)
    throw new InputError(`Input "load-balancer-authentication" is refused: ${parsed.problem}.`)
  return parsed.signIn
}

/** The allowed-source-cidrs input: at most MAX_SOURCE_CIDRS network CIDRs. */
function sourceCidrs(get: InputReader): readonly string[] {
  const parsed = parseSourceCidrs(get('allowed-source-cidrs'))
  if ('problem' in parsed)
    throw new InputError(`Input "allowed-source-cidrs" is refused: ${parsed.problem}.`)
  return parsed.cidrs
}

/** Tasks without a public IP are reachable only through the load balancer. */
function publicIp(get: InputReader): boolean {
  const assign = boolean(get, 'assign-public-ip')
  if (!assign && get('load-balancer-listener-arn') === '')
    throw new InputError(
      'Input "assign-public-ip" may be false only with load-balancer-listener-arn: without a load balancer, the task is reached at its public IP.'
    )
  return assign
}

function healthWindow(get: InputReader) {
  const healthTimeoutSeconds = duration(get, 'health-timeout')
  const healthIntervalSeconds = duration(get, 'health-interval')
  if (healthIntervalSeconds > healthTimeoutSeconds) {
    throw new InputError(
      `Input "health-interval" (${get('health-interval')}) must not be longer than health-timeout (${get('health-timeout')}).`
    )
  }
  return { healthTimeoutSeconds, healthIntervalSeconds }
}

/** ELB's `deregistration_delay.timeout_seconds`: 0 s to 1 h. */
function deregistrationDelay(get: InputReader): number {
  const name = 'deregistration-delay'
  const value = get(name)
  const m = DURATION.exec(value)
  const seconds = m ? Number(m[1]) * DURATION_SECONDS[m[2] as 's' | 'm' | 'h'] : NaN
  if (seconds >= 0 && seconds <= 3600) return seconds
  throw new InputError(
    `Input "${name}" must be a duration from 0s to 1h such as 30s; got ${quote(value)}.`
  )
}

function sleepAfter(get: InputReader): SleepAfter {
  const value = get('sleep-after')
  const parsed = parseSleepAfter(value)
  if (parsed) return parsed
  throw new InputError(
    `Input "sleep-after" must be never or an idle time from 5m to 14d such as 30m, 2h or 1d; got ${quote(value)}.`
  )
}

function ttl(get: InputReader, name: string, allowClose: boolean): Ttl {
  const value = get(name)
  const parsed = parseTtl(value)
  if (parsed && (allowClose || parsed.kind !== 'close')) return parsed
  const accepted = allowClose
    ? 'a lifetime such as 24h, 2d, 1w, or close'
    : 'an age such as 24h, 2d or 1w'
  throw new InputError(`Input "${name}" must be ${accepted}; got ${quote(value)}.`)
}

function list(get: InputReader, name: string, pattern: RegExp, accepted: string): string[] {
  const items = splitList(get(name))
  const bad = items.find((item) => !pattern.test(item))
  if (items.length === 0 || bad !== undefined) {
    throw new InputError(`Input "${name}" must list ${accepted}; got ${quote(bad ?? '')}.`)
  }
  return items
}

function permissions(get: InputReader, name: string): Permission[] {
  const allowed = PERMISSIONS.filter((p) => p !== 'none')
  const items = splitList(get(name))
  const bad = items.find((item) => !(allowed as readonly string[]).includes(item))
  if (items.length === 0 || bad !== undefined) {
    throw new InputError(
      `Input "${name}" must list roles from ${allowed.join(', ')}; got ${quote(bad ?? '')}.`
    )
  }
  return [...new Set(items)] as Permission[]
}

function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function buildArgs(value: string): BuildArg[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=')
      const name = eq === -1 ? line : line.slice(0, eq)
      if (eq === -1 || !BUILD_ARG_NAME.test(name)) {
        throw new InputError(
          `Input "build-args" must hold one KEY=VALUE per line; got ${quote(line)}.`
        )
      }
      return { name, value: line.slice(eq + 1) }
    })
}

/** Quote a value for an error line: one line, at most 60 characters, control characters escaped;
 * cut between characters, never inside one. */
function quote(value: string): string {
  const json = [...JSON.stringify(value)]
  return json.length > 62 ? `${json.slice(0, 59).join('')}…"` : json.join('')
}
