// Fills a task definition template for one environment: the image, the container port and the
// feature flags from the PR body. Pure; the template comes from the task-definition input or the
// bundled Superset template.

import type { FeatureFlag } from './feature-flags.js'

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

const FLAG_PREFIX = 'SUPERSET_FEATURE_'

/** Checks the shape a template must have; returns a reason when it does not. */
export function templateProblem(template: unknown): string | undefined {
  if (template === null || typeof template !== 'object' || Array.isArray(template))
    return 'it is not a JSON object'
  const t = template as TaskDefinitionTemplate
  if (typeof t.family !== 'string' || t.family === '') return 'it has no "family"'
  if (!Array.isArray(t.containerDefinitions) || t.containerDefinitions.length === 0) {
    return 'it has no "containerDefinitions"'
  }
  return undefined
}

/** The first container runs the PR's image: its image, port and flags are set; others are kept. */
export function renderTaskDefinition(
  template: TaskDefinitionTemplate,
  options: { image: string; containerPort: number; flags: readonly FeatureFlag[] }
): TaskDefinitionTemplate {
  const [app, ...others] = template.containerDefinitions ?? []
  const environment = [
    ...(app?.environment ?? []).filter((e) => !e.name?.startsWith(FLAG_PREFIX)),
    ...options.flags.map((f) => ({ name: f.name, value: f.value }))
  ]
  const portMappings = [
    { containerPort: options.containerPort, hostPort: options.containerPort, protocol: 'tcp' },
    ...(app?.portMappings ?? []).slice(1)
  ]
  return {
    ...template,
    containerDefinitions: [{ ...app, image: options.image, portMappings, environment }, ...others]
  }
}
