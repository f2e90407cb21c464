// The documented IAM policy is enough, and no more than enough: the whole lifecycle runs once under
// exactly that policy (read from docs/aws-setup.md) against an emulator that decides every authorization
// with an IAM simulator built from AWS's Service Authorization Reference. Every authorization the
// calls needed is checked again against the policy, every action the policy allows is needed by
// some call, and without one of the statements that matter the lifecycle fails with one line that
// names the permission. That calls on other owners' resources are refused is
// __tests__/emulator/iam-policy.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Authorization, decide } from '../support/aws-iam.js'
import {
  type Placement,
  type ReadmePolicy,
  type Step,
  allowedActions,
  lifecycle,
  readmeCognitoStatement,
  readmePolicy,
  without
} from '../support/iam-lifecycle.js'
import { World } from '../support/world.js'

let world: World
let policy: ReadmePolicy
const principal = 'arn:aws:sts::123456789012:assumed-role/showtime-ci/GitHubActions'

beforeAll(async () => {
  world = await World.start()
  policy = await readmePolicy({
    account: world.aws.accountId,
    region: world.aws.region,
    cluster: 'superset-ci',
    repository: world.github.fullName
  })
})
afterAll(() => world.stop())

/** `action on resource`, with the resource's ids and PR numbers made generic. */
const shape = (a: Authorization) =>
  `${a.action} on ${a.resource
    .replace(/task\/superset-ci\/[0-9a-f]+/g, 'task/superset-ci/{id}')
    .replace(/\/[0-9a-f]{16}/g, '/{id}')
    .replace(/pr-\d+-[0-9a-f]{7}/g, 'pr-{n}-{sha}')
    .replace(/st-[0-9a-f]{6}-\d+-[0-9a-f]{7}/g, 'st-{key}-{n}-{sha}')
    .replace(/(task-definition\/[\w-]+):\d+/g, '$1:{revision}')}`

describe('the documented IAM policy over the whole lifecycle', () => {
  let steps: Step[] = []
  let calls: Authorization[] = []
  beforeAll(async () => {
    world.aws.setIamPolicy(policy)
    world.aws.authorizations.length = 0
    try {
      steps = await lifecycle(world)
    } finally {
      world.aws.setIamPolicy(undefined)
    }
    calls = [...world.aws.authorizations]
    const kinds = [...new Set(calls.map(shape))].sort()
    console.log(`${calls.length} authorizations of ${kinds.length} kinds:\n${kinds.join('\n')}`)
  }, 180_000)

  it('lets every step through, at the address and behind the load balancer, and leaves nothing', () => {
    for (const step of steps) {
      expect(step.result.commands.errors.join('\n'), step.name).not.toContain('not authorized')
      expect(step.result.code, `${step.name}: ${step.result.stdout}`).toBe(
        step.name.startsWith('failed') ? 1 : 0
      )
    }
    expect(steps.map((s) => s.name)).toEqual([
      'first deploy at the address',
      'forced rebuild at the address',
      'failed roll-over at the address',
      'roll-over at the address',
      'stop at the address',
      'first deploy behind the load balancer',
      'forced rebuild behind the load balancer',
      'failed roll-over behind the load balancer',
      'roll-over behind the load balancer',
      'sleep behind the load balancer',
      'wake behind the load balancer',
      'close behind the load balancer',
      'cleanup'
    ])
    expect(world.activeServiceNames()).toEqual([])
    expect(world.aws.elb.ruleSummaries()).toEqual([])
    expect(world.aws.elb.targetGroupNames()).toEqual([])
    // The cleanup removed the image tags of the environments it tore down.
    expect(world.aws.ecr.tags('superset').filter((tag) => tag.startsWith('pr-'))).toEqual([])
  })

  it('allows every authorization the calls needed, checked again one by one', async () => {
    expect(calls.length).toBeGreaterThan(100)
    const refused: string[] = []
    for (const call of calls) {
      const { decision: _, ...permission } = call
      if ((await decide(policy, permission, principal)) !== 'Allowed') refused.push(shape(call))
    }
    expect(refused).toEqual([])
  })

  it('allows no action the lifecycle does not need, and the lifecycle needs no other', () => {
    expect([...new Set(calls.map((c) => c.action))].sort()).toEqual(allowedActions(policy))
  })
})

describe('the documented IAM policy without one of its statements', () => {
  // A few statements whose absence must stop the lifecycle, each at its first step that needs it,
  // with one line naming what IAM refused.
  const otherOwner = (p: ReadmePolicy): ReadmePolicy =>
    JSON.parse(JSON.stringify(p).replaceAll(world.github.fullName, 'other-org/other-app'))
  const cases: {
    name: string
    narrow: (p: ReadmePolicy) => ReadmePolicy
    action: string
    placement: Placement
  }[] = [
    {
      name: 'without PassTheTaskRoles',
      narrow: (p) => without(p, 'PassTheTaskRoles'),
      action: 'iam:PassRole',
      placement: 'at the address'
    },
    {
      name: 'without TagOnCreate',
      narrow: (p) => without(p, 'TagOnCreate'),
      action: 'ecs:TagResource',
      placement: 'at the address'
    },
    {
      name: "with another repository's tags required",
      narrow: otherOwner,
      action: 'ecs:RegisterTaskDefinition',
      placement: 'at the address'
    },
    {
      name: 'without ChangeOwnServices',
      narrow: (p) => without(p, 'ChangeOwnServices'),
      action: 'ecs:UpdateService',
      placement: 'at the address'
    },
    {
      name: 'without LoadBalancerTagOnCreate',
      narrow: (p) => without(p, 'LoadBalancerTagOnCreate'),
      action: 'elasticloadbalancing:AddTags',
      placement: 'behind the load balancer'
    }
  ]
  it.each(cases)(
    '$name, the lifecycle fails naming $action',
    async ({ name, narrow, action, placement }) => {
      world.aws.setIamPolicy(narrow(policy))
      try {
        const steps = await lifecycle(world, [placement])
        const failed = steps.at(-1)
        expect(failed?.name).not.toBe('cleanup')
        const errors = failed?.result.commands.errors ?? []
        expect(errors, failed?.result.stdout).toHaveLength(1)
        expect(errors[0]).not.toContain('\n')
        expect(errors[0]).toContain(`not authorized to perform: ${action} on resource: arn:`)
        console.log(`${name}: ${failed?.name} fails: ${errors[0]}`)
      } finally {
        world.aws.setIamPolicy(undefined)
      }
    },
    60_000
  )
})

describe('Cognito sign-in behind the load balancer', () => {
  const COGNITO = JSON.stringify({
    Type: 'authenticate-cognito',
    AuthenticateCognitoConfig: {
      UserPoolArn: 'arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_Abc123',
      UserPoolClientId: '1example23456789',
      UserPoolDomain: 'showtime-previews'
    }
  })
  const signedIn = { 'load-balancer-authentication': COGNITO }

  it('needs the documented SignInWithCognito statement, and with it nothing more', async () => {
    const statement = await readmeCognitoStatement({
      account: world.aws.accountId,
      region: world.aws.region,
      cluster: 'superset-ci',
      repository: world.github.fullName
    })
    world.aws.setIamPolicy({ ...policy, Statement: [...policy.Statement, statement] })
    world.aws.authorizations.length = 0
    let steps: Step[]
    try {
      steps = await lifecycle(world, ['behind the load balancer'], signedIn)
    } finally {
      world.aws.setIamPolicy(undefined)
    }
    for (const step of steps)
      expect(step.result.commands.errors.join('\n'), step.name).not.toContain('not authorized')
    expect(steps.at(-1)?.name).toBe('cleanup')
    const reads = world.aws.authorizations.filter(
      (a) => a.action === 'cognito-idp:DescribeUserPoolClient'
    )
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every((a) => a.decision === 'Allowed')).toBe(true)

    world.aws.setIamPolicy(policy)
    try {
      const refused = await lifecycle(world, ['behind the load balancer'], signedIn)
      const errors = refused.at(-1)?.result.commands.errors ?? []
      expect(refused.at(-1)?.name).toBe('first deploy behind the load balancer')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(
        'not authorized to perform: cognito-idp:DescribeUserPoolClient on resource: arn:aws:cognito-idp:'
      )
    } finally {
      world.aws.setIamPolicy(undefined)
    }
  }, 120_000)
})
