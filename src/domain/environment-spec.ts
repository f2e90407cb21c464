// What one environment is deployed as: the task definition rendered from the template (the PR's
// image and port, its SHOWTIME_* variables, the address behind the shared load balancer, the
// feature flags of the PR's description when a prefix is set) and its AWS tags.

import { type FeatureFlag, parseFeatureFlags } from './feature-flags.js'
import { type EnvironmentTagFacts, type Tags, environmentTags } from './resources.js'
import {
  ENVIRONMENT_VARIABLES,
  type TaskDefinitionTemplate,
  renderTaskDefinition
} from './task-definition.js'

export interface EnvironmentSpecFacts {
  readonly template: TaskDefinitionTemplate
  readonly image: string
  readonly containerPort: number
  readonly pr: number
  readonly sha: string
  readonly repository: string
  /** The PR's description. */
  readonly body: string
  /** The feature-flag-prefix input: without one, no flag reaches the container. */
  readonly flagPrefix?: string
  /** The PR's address behind the shared load balancer (a task's own is known only once it
   * runs). */
  readonly url?: string
  readonly tags: EnvironmentTagFacts
}

export interface EnvironmentSpec {
  readonly taskDefinition: TaskDefinitionTemplate
  readonly tags: Tags
  readonly flags: readonly FeatureFlag[]
  /** Flags neither true nor false: reported, not passed on. */
  readonly skippedFlags: readonly string[]
  /** The container the target group sends requests to: the template's first. */
  readonly containerName: string
}

export function environmentSpec(facts: EnvironmentSpecFacts): EnvironmentSpec {
  const prefix = facts.flagPrefix || undefined
  const { flags, skipped } = prefix
    ? parseFeatureFlags(facts.body, prefix)
    : { flags: [], skipped: [] }
  const tags = environmentTags(facts.tags)
  const taskDefinition = renderTaskDefinition(facts.template, {
    image: facts.image,
    containerPort: facts.containerPort,
    variables: {
      [ENVIRONMENT_VARIABLES.pr]: String(facts.pr),
      [ENVIRONMENT_VARIABLES.sha]: facts.sha,
      [ENVIRONMENT_VARIABLES.repository]: facts.repository,
      ...(facts.url !== undefined && { [ENVIRONMENT_VARIABLES.url]: facts.url })
    },
    flags,
    ...(prefix && { flagPrefix: prefix }),
    tags
  })
  return {
    taskDefinition,
    tags,
    flags,
    skippedFlags: skipped,
    // Stryker disable next-line OptionalChaining: a rendered definition always has a first container
    containerName: String(taskDefinition.containerDefinitions?.[0]?.name)
  }
}
