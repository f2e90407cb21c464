// The identity-based IAM policy the AWS emulator can be given: every call is evaluated against it
// as IAM does (an explicit Deny wins, otherwise an Allow is needed), with `*` and `?` wildcards in
// actions (case-insensitive) and resources. ECS also checks iam:PassRole for the roles a task
// definition names and ecs:TagResource for tags given on create.

export interface IamStatement {
  Effect: 'Allow' | 'Deny'
  Action: string | string[]
  Resource?: string | string[]
  Sid?: string
}

export interface IamPolicy {
  Version?: string
  Statement: IamStatement | IamStatement[]
}

/** One permission a call needs: the IAM action and the resource it acts on. */
export interface Permission {
  action: string
  resource: string
}

const asList = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v]

function wildcard(pattern: string, flags = ''): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`, flags)
}

function matches(statement: IamStatement, p: Permission): boolean {
  const action = asList(statement.Action).some((a) => wildcard(a, 'i').test(p.action))
  const resources = asList(statement.Resource ?? '*')
  return action && resources.some((r) => wildcard(r).test(p.resource))
}

export function isAllowed(policy: IamPolicy, p: Permission): boolean {
  const statements = asList(policy.Statement)
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, p))) return false
  return statements.some((s) => s.Effect === 'Allow' && matches(s, p))
}

/** AWS's wording for a denied call. */
export function deniedMessage(principal: string, p: Permission): string {
  return (
    `User: ${principal} is not authorized to perform: ${p.action} on resource: ${p.resource} ` +
    `because no identity-based policy allows the ${p.action} action`
  )
}
