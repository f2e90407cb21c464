// The task definition template and what Showtime fills in for one environment: the image, the
// container port, the environment's own variables, feature flags, and the ownership tags. The
// template comes from the task-definition input (trusted content, never the PR's checkout) or the
// bundled generic one; it is checked against what ECS and Fargate accept before anything runs.

import type { FeatureFlag } from './feature-flags.js'
import type { Tags } from './resources.js'

export interface TaskDefinitionTemplate {
  readonly family?: string
  readonly containerDefinitions?: readonly ContainerDefinition[]
  readonly [key: string]: unknown
}

interface ContainerDefinition {
  readonly name?: string
  readonly image?: string
  readonly portMappings?: readonly {
    containerPort?: number
    hostPort?: number
    protocol?: string
  }[]
  readonly environment?: readonly { name?: string; value?: string }[]
  readonly [key: string]: unknown
}

// ECS's rule for a family and a container name: up to 255 letters, numbers, hyphens, underscores.
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/

/** Fargate's task sizes: memory (MiB) allowed for each cpu (units of 1/1024 vCPU). */
const FARGATE_MEMORY: ReadonlyMap<number, { from: number; to: number; step: number } | number[]> =
  new Map<number, { from: number; to: number; step: number } | number[]>([
    [256, [512, 1024, 2048]],
    [512, { from: 1024, to: 4096, step: 1024 }],
    [1024, { from: 2048, to: 8192, step: 1024 }],
    [2048, { from: 4096, to: 16384, step: 1024 }],
    [4096, { from: 8192, to: 30720, step: 1024 }],
    [8192, { from: 16384, to: 61440, step: 4096 }],
    [16384, { from: 32768, to: 122880, step: 8192 }]
  ])

/** The variables every environment's app container gets. */
export const ENVIRONMENT_VARIABLES = {
  pr: 'SHOWTIME_PR',
  sha: 'SHOWTIME_SHA',
  repository: 'SHOWTIME_REPOSITORY',
  url: 'SHOWTIME_URL'
} as const

/** Checks what ECS and Fargate require of a template; returns the first problem, if any. */
export function templateProblem(template: unknown): string | undefined {
  if (template === null || typeof template !== 'object' || Array.isArray(template))
    return 'it is not a JSON object'
  const t = template as TaskDefinitionTemplate
  if (typeof t.family !== 'string' || t.family === '') return 'it has no "family"'
  if (!ECS_NAME.test(t.family))
    return `its "family" must be 1 to 255 letters, digits, - or _ (got "${t.family.slice(0, 40)}")`
  if (!Array.isArray(t.containerDefinitions) || t.containerDefinitions.length === 0) {
    return 'it has no "containerDefinitions"'
  }
  for (const [index, container] of t.containerDefinitions.entries()) {
    if (container === null || typeof container !== 'object' || Array.isArray(container))
      return `containerDefinitions[${index}] is not an object`
    if (typeof container.name !== 'string' || !ECS_NAME.test(container.name))
      return `containerDefinitions[${index}] needs a "name" of 1 to 255 letters, digits, - or _`
  }
  if (t.networkMode !== 'awsvpc')
    return `Fargate needs "networkMode": "awsvpc" (got ${JSON.stringify(t.networkMode ?? null)})`
  const compatibilities = t.requiresCompatibilities
  if (!Array.isArray(compatibilities) || !compatibilities.includes('FARGATE'))
    return '"requiresCompatibilities" must include "FARGATE"'
  return fargateSizeProblem(t.cpu, t.memory)
}

function fargateSizeProblem(cpuValue: unknown, memoryValue: unknown): string | undefined {
  const cpu = size(cpuValue, /^(\d+(?:\.\d+)?)\s*vcpu$/i, 1024)
  const memory = size(memoryValue, /^(\d+(?:\.\d+)?)\s*gb$/i, 1024)
  if (cpu === undefined || memory === undefined)
    return 'Fargate needs task-level "cpu" and "memory", such as "256" and "512"'
  const allowed = FARGATE_MEMORY.get(cpu)
  if (allowed === undefined)
    return `"cpu" ${cpu} is not a Fargate size (${[...FARGATE_MEMORY.keys()].join(', ')})`
  const fits = Array.isArray(allowed)
    ? allowed.includes(memory)
    : memory >= allowed.from && memory <= allowed.to && (memory - allowed.from) % allowed.step === 0
  if (fits) return undefined
  const range = Array.isArray(allowed)
    ? allowed.join(', ')
    : `${allowed.from} to ${allowed.to} in steps of ${allowed.step}`
  return `"memory" ${memory} does not fit "cpu" ${cpu} on Fargate (allowed: ${range})`
}

/** `"512"`, `512`, or the `"0.5 vCPU"` / `"1 GB"` forms ECS accepts; undefined otherwise. */
function size(value: unknown, unitForm: RegExp, unit: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value)
  const match = unitForm.exec(value.trim())
  if (!match) return undefined
  const n = Number(match[1]) * unit
  return Number.isInteger(n) ? n : undefined
}

export interface RenderOptions {
  readonly image: string
  readonly containerPort: number
  /** The environment's own variables (SHOWTIME_*), set over whatever the template says. */
  readonly variables: Readonly<Record<string, string>>
  readonly flags: readonly FeatureFlag[]
  /** Template variables starting with this are replaced by the PR's flags. */
  readonly flagPrefix?: string
  readonly tags: Tags
}

/** The first container runs the PR's image: its image, port and variables are set; others are
 * kept. The template's own tags are kept unless Showtime writes the same key. */
export function renderTaskDefinition(
  template: TaskDefinitionTemplate,
  options: RenderOptions
): TaskDefinitionTemplate {
  const [app, ...others] = template.containerDefinitions ?? []
  const { flagPrefix } = options
  const replaced = (name: string | undefined) =>
    name !== undefined &&
    (name in options.variables || (flagPrefix !== undefined && name.startsWith(flagPrefix)))
  const environment = [
    ...(app?.environment ?? []).filter((e) => !replaced(e.name)),
    ...Object.entries(options.variables).map(([name, value]) => ({ name, value })),
    ...options.flags.map((f) => ({ name: f.name, value: f.value }))
  ]
  const portMappings = [
    { containerPort: options.containerPort, hostPort: options.containerPort, protocol: 'tcp' },
    ...(app?.portMappings ?? []).slice(1)
  ]
  const templateTags = Array.isArray(template.tags)
    ? (template.tags as { key?: string; value?: string }[]).filter(
        (tag) => tag.key !== undefined && !(tag.key in options.tags)
      )
    : []
  return {
    ...template,
    containerDefinitions: [{ ...app, image: options.image, portMappings, environment }, ...others],
    tags: [...templateTags, ...Object.entries(options.tags).map(([key, value]) => ({ key, value }))]
  }
}

/** Where the app container sends its logs (the awslogs driver), for links to them. */
export interface LogLocation {
  readonly group: string
  readonly region?: string
  readonly streamPrefix?: string
  readonly container: string
}

export function logLocation(template: TaskDefinitionTemplate): LogLocation | undefined {
  const app = template.containerDefinitions?.[0]
  const config = app?.logConfiguration as
    { logDriver?: string; options?: Record<string, string> } | undefined
  const group = config?.options?.['awslogs-group']
  if (config?.logDriver !== 'awslogs' || !group || !app?.name) return undefined
  const region = config.options?.['awslogs-region']
  const streamPrefix = config.options?.['awslogs-stream-prefix']
  return {
    group,
    container: app.name,
    ...(region && { region }),
    ...(streamPrefix && { streamPrefix })
  }
}
