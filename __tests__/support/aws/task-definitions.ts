// RegisterTaskDefinition: revisions per family, the answer as ECS gives it (its ARN, revision,
// compatibilities, who registered it), tags kept for the tasks that propagate them.

import { AwsError } from '../aws-model.js'
import {
  type EcsState,
  type EmulatedTaskDefinition,
  type Json,
  epoch,
  invalid,
  records,
  str,
  strList,
  tagList,
  tagsFrom
} from './records.js'

export const PRINCIPAL_ROLE = 'showtime-ci/GitHubActions'

export function registerTaskDefinition(ecs: EcsState, body: Json): Json {
  const family = str(body.family) as string
  if (records(body.containerDefinitions).length === 0)
    throw new AwsError('ClientException', 'Container list cannot be empty.')
  const revs = ecs.taskDefs.get(family) ?? []
  const revision = nextRevision(ecs, family)
  const td: EmulatedTaskDefinition = {
    arn: ecs.arn(`task-definition/${family}:${revision}`),
    family,
    revision,
    body: structuredClone(body),
    tags: tagsFrom(body.tags),
    registeredAtMs: ecs.clock.now()
  }
  ecs.taskDefs.set(family, [...revs, td])
  const fargate =
    body.networkMode === 'awsvpc' || strList(body.requiresCompatibilities).includes('FARGATE')
  const { tags: _tags, ...sent } = body
  return {
    taskDefinition: {
      ...sent,
      taskDefinitionArn: td.arn,
      revision,
      status: 'ACTIVE',
      networkMode: body.networkMode ?? 'bridge',
      compatibilities: fargate ? ['EC2', 'FARGATE'] : ['EC2'],
      requiresAttributes: [],
      registeredAt: epoch(td.registeredAtMs),
      registeredBy: `arn:aws:sts::${ecs.accountId}:assumed-role/${PRINCIPAL_ROLE}`
    },
    tags: tagList(td.tags)
  }
}

/** The revision the family's next RegisterTaskDefinition registers. */
export function nextRevision(ecs: EcsState, family: string): number {
  return (ecs.taskDefs.get(family)?.at(-1)?.revision ?? 0) + 1
}

export function resolveTaskDefinition(
  ecs: EcsState,
  ref: string | undefined
): EmulatedTaskDefinition {
  if (!ref) throw invalid('TaskDefinition must be specified.')
  const td = ecs.findTaskDef(ref)
  if (!td) throw new AwsError('ClientException', 'TaskDefinition not found.')
  return td
}

/** DeregisterTaskDefinition: the revision (family:revision or ARN; ECS needs the revision) goes
 * INACTIVE; running tasks keep it. */
export function deregisterTaskDefinition(ecs: EcsState, body: Json): Json {
  const ref = str(body.taskDefinition) ?? ''
  const [, revision] = ref.split('/').pop()?.split(':') ?? []
  const td = revision === undefined ? undefined : ecs.findTaskDef(ref)
  if (!td) throw new AwsError('ClientException', 'The specified task definition does not exist.')
  td.deregisteredAtMs ??= ecs.clock.now()
  const { tags: _tags, ...sent } = td.body
  return {
    taskDefinition: {
      ...sent,
      taskDefinitionArn: td.arn,
      revision: td.revision,
      status: 'INACTIVE',
      registeredAt: epoch(td.registeredAtMs),
      deregisteredAt: epoch(td.deregisteredAtMs)
    }
  }
}
