// Reads and validates every input into one typed value; an empty input takes its default from
// defaults.ts. Each mistake becomes one readable line naming the input and what it accepts.

import { DEFAULT_AWS_REGION, INPUT_DEFAULTS } from './defaults.js'
import { WRITTEN_STATUSES, type WrittenStatus } from './domain/labels.js'
import { PERMISSIONS, type Permission } from './domain/pull-request.js'
import { type Ttl, parseTtl } from './domain/ttl.js'
import { InputError } from './errors.js'

export const MODES = ['check', 'sync', 'set-state', 'cleanup'] as const
export type Mode = (typeof MODES)[number]

export interface BuildArg {
  readonly name: string
  readonly value: string
}

export interface Inputs {
  readonly mode: Mode
  readonly githubToken: string
  readonly prNumber?: number
  /** Lower-case hex, 7 to 40 characters. */
  readonly sha?: string
  readonly state?: WrittenStatus
  readonly errorMessage: string
  readonly dryRun: { readonly github: boolean; readonly aws: boolean; readonly docker: boolean }
  readonly awsSleepSeconds: number
  readonly aws: {
    readonly region: string
    readonly cluster: string
    readonly subnets: readonly string[]
    readonly securityGroups: readonly string[]
    readonly taskDefinitionPath?: string
  }
  readonly docker: {
    readonly imageRepository: string
    readonly target: string
    readonly platform: string
    readonly buildArgs: readonly BuildArg[]
    readonly context: string
    readonly cacheFrom?: string
    readonly cacheTo?: string
  }
  readonly containerPort: number
  readonly healthPath: string
  readonly ttl: Ttl
  readonly olderThan: Ttl
  readonly respectTtl: boolean
  readonly maxEnvironments: number
  readonly allowedPermissions: readonly Permission[]
  readonly comment: boolean
  readonly deployments: boolean
  /** With `{pr}` standing for the PR number. */
  readonly deploymentEnvironment: string
}

export type InputReader = (name: string) => string

const SHA = /^[0-9a-fA-F]{7,40}$/
const PR_NUMBER = /^[1-9]\d{0,9}$/
const WHOLE_NUMBER = /^\d{1,10}$/
const SECONDS = /^\d{1,5}(?:\.\d{1,3})?$/
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/
const CLUSTER =
  /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/
const SUBNET = /^subnet-[0-9a-f]{8,17}$/
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/
const REPOSITORY_PART = '[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?'
const IMAGE_REPOSITORY = new RegExp(`^${REPOSITORY_PART}(?::\\d{1,5})?(?:/${REPOSITORY_PART})*$`)
const DOCKER_TARGET = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/
const PLATFORM =
  /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?(?:,[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?)*$/
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const HEALTH_PATH = /^\/[^\s]*$/
const ENVIRONMENT = /^[A-Za-z0-9_.{}-]{1,200}$/

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
    dryRun: {
      github: boolean(get, 'dry-run-github'),
      aws: boolean(get, 'dry-run-aws'),
      docker: boolean(get, 'dry-run-docker')
    },
    awsSleepSeconds: seconds(get, 'aws-sleep'),
    aws: {
      region: matching(
        () => get('aws-region') || env.AWS_REGION || DEFAULT_AWS_REGION,
        'aws-region',
        REGION,
        'an AWS region such as us-west-2'
      ),
      cluster: matching(get, 'ecs-cluster', CLUSTER, 'an ECS cluster name or ARN'),
      subnets: list(get, 'subnets', SUBNET, 'subnet IDs such as subnet-0e15a5034b4121710'),
      securityGroups: list(
        get,
        'security-groups',
        SECURITY_GROUP,
        'security group IDs such as sg-092ff3a6ae0574d91'
      ),
      ...optionalField('taskDefinitionPath', get('task-definition') || undefined)
    },
    docker: {
      imageRepository: matching(
        get,
        'image-repository',
        IMAGE_REPOSITORY,
        'an image repository without a tag, such as apache/superset'
      ),
      target: matching(get, 'docker-target', DOCKER_TARGET, 'a Dockerfile stage name'),
      platform: matching(get, 'docker-platform', PLATFORM, 'platforms such as linux/amd64'),
      buildArgs: buildArgs(get('build-args')),
      context: required(get, 'docker-context', 'a directory'),
      ...optionalField(
        'cacheFrom',
        optional(get, 'cache-from', (v) => singleLine(v, 'cache-from'))
      ),
      ...optionalField(
        'cacheTo',
        optional(get, 'cache-to', (v) => singleLine(v, 'cache-to'))
      )
    },
    containerPort: port(get, 'container-port'),
    healthPath: matching(get, 'health-path', HEALTH_PATH, 'a path starting with /'),
    ttl: ttl(get, 'ttl', true),
    olderThan: ttl(get, 'older-than', false),
    respectTtl: boolean(get, 'respect-ttl'),
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

export function prNumber(value: string, name: string): number {
  if (PR_NUMBER.test(value) && Number(value) <= 2_147_483_647) return Number(value)
  throw new InputError(
    `Input "${name}" must be a pull request number (a positive whole number); got ${quote(value)}.`
  )
}

export function commitSha(value: string, name: string): string {
  if (SHA.test(value)) return value.toLowerCase()
  throw new InputError(
    `Input "${name}" must be a commit SHA of 7 to 40 hex characters; got ${quote(value)}.`
  )
}

function singleLine(value: string, name: string): string {
  if (!/[\r\n]/.test(value)) return value
  throw new InputError(`Input "${name}" must be one line; got ${quote(value)}.`)
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
