// The identity-based IAM policy the AWS emulator can be given: every call is evaluated against it
// as IAM does (an explicit Deny wins, otherwise an Allow is needed), with `*` and `?` wildcards in
// actions (case-insensitive) and resources, and the condition operators Showtime's policy uses
// (StringEquals, StringLike, ArnEquals, ArnLike) on the keys the call sets. ECS also checks
// iam:PassRole for the roles a task definition names and ecs:TagResource for tags given on create.

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

/** One permission a call needs: the IAM action and the resource it acts on. */
export interface Permission {
  action: string
  resource: string
  /** The condition keys the request carries (`ecs:cluster`, `iam:PassedToService`, ...). */
  context?: Record<string, string>
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

const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (pattern, value) => pattern === value,
  StringLike: (pattern, value) => wildcard(pattern).test(value),
  ArnEquals: (pattern, value) => pattern === value,
  ArnLike: (pattern, value) => wildcard(pattern).test(value)
}

/** Every operator's every key must hold; a key the request does not carry fails its test. */
function conditionsHold(statement: IamStatement, p: Permission): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) => {
    const test = OPERATORS[operator]
    if (!test) throw new Error(`emulator IAM: condition operator ${operator} is not modelled`)
    return Object.entries(keys).every(([key, patterns]) => {
      const value = p.context?.[key]
      return value !== undefined && asList(patterns).some((pattern) => test(pattern, value))
    })
  })
}

function matches(statement: IamStatement, p: Permission): boolean {
  const action = asList(statement.Action).some((a) => wildcard(a, 'i').test(p.action))
  const resources = asList(statement.Resource ?? '*')
  return (
    action && resources.some((r) => wildcard(r).test(p.resource)) && conditionsHold(statement, p)
  )
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
