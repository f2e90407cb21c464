// The documented IAM policy refuses what is not this repository's, whatever Showtime's code does:
// calls on other owners' services, task-definition families, listener rules and target groups,
// sent with the real SDK clients to the AWS emulator, which decides them with an IAM simulator built
// from AWS's Service Authorization Reference. The same calls on this repository's own resources are
// allowed (so each refusal is about whose the resource is), and the documented optional statement
// adopts untagged services without opening anything else.

import {
  CreateRuleCommand,
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand
} from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  TagResourceCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ownershipTags, targetGroupName } from '../../src/domain/resources.js'
import { decide, deniedMessage } from '../support/aws-iam.js'
import { AwsEmulator } from '../support/aws-emulator.js'
import { rejection } from '../support/http-emulator.js'
import { type ReadmePolicy, readmeAdoptStatement, readmePolicy } from '../support/iam-lifecycle.js'

const REPO = 'my-org/my-app'
const OTHER = 'other-org/other-app'
const cluster = 'superset-ci'
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }
const SHA = 'abc123f'

const ours = ownershipTags(REPO)
const theirs = ownershipTags(OTHER)
/** A team's own tagging: a generic `repository` tag, and no `showtime_managed`. */
const generic = { repository: REPO }

let emu: AwsEmulator
let ecs: ECSClient
let elb: ElasticLoadBalancingV2Client
let policy: ReadmePolicy
let listener: string
let otherListener: string
let showtimeDefinition: string
let foreignDefinition: string
const group: Record<string, string> = {}
const rule: Record<string, string> = {}

const ecsTags = (tags: Record<string, string>) =>
  Object.entries(tags).map(([key, value]) => ({ key, value }))
const elbTags = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))

const definition = (
  family: string,
  extra: Partial<RegisterTaskDefinitionCommandInput> = {}
): RegisterTaskDefinitionCommandInput => ({
  family,
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/showtime-task-execution',
  containerDefinitions: [{ name: 'app', image: 'app:1', essential: true }],
  tags: ecsTags(ours),
  ...extra
})

const service = (name: string, taskDefinition: string, tags: Record<string, string> = ours) =>
  new CreateServiceCommand({
    cluster,
    serviceName: name,
    taskDefinition,
    launchType: 'FARGATE',
    desiredCount: 1,
    networkConfiguration: {
      awsvpcConfiguration: { subnets: ['subnet-0e15a5034b4121710'], assignPublicIp: 'ENABLED' }
    },
    ...(Object.keys(tags).length > 0 && { tags: ecsTags(tags) })
  })

const targetGroup = (name: string, tags: Record<string, string> = ours) =>
  new CreateTargetGroupCommand({
    Name: name,
    TargetType: 'ip',
    Protocol: 'HTTP',
    Port: 8080,
    VpcId: 'vpc-0a1b2c3d4e5f60718',
    ...(Object.keys(tags).length > 0 && { Tags: elbTags(tags) })
  } satisfies CreateTargetGroupCommandInput)

const newRule = (on: string, pr: number, tags: Record<string, string> = { ...ours, pr: `${pr}` }) =>
  new CreateRuleCommand({
    ListenerArn: on,
    Priority: 100 + pr,
    Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [`pr-${pr}.preview.io`] } }],
    Actions: [{ Type: 'forward', TargetGroupArn: group.ours }],
    ...(Object.keys(tags).length > 0 && { Tags: elbTags(tags) })
  })

const updateTo = (name: string, taskDefinition: string) =>
  new UpdateServiceCommand({ cluster, service: name, taskDefinition, forceNewDeployment: true })
const deleteService = (name: string, inCluster = cluster) =>
  new DeleteServiceCommand({ cluster: inCluster, service: name, force: true })
const serviceArn = (name: string) => `arn:aws:ecs:us-west-2:123456789012:service/${cluster}/${name}`

beforeAll(async () => {
  emu = await AwsEmulator.start()
  const options = { region: 'us-west-2', endpoint: emu.url, credentials, maxAttempts: 1 }
  ecs = new ECSClient(options)
  elb = new ElasticLoadBalancingV2Client(options)
  policy = await readmePolicy({
    account: emu.accountId,
    region: emu.region,
    cluster,
    repository: REPO
  })

  // The account as other teams and repositories left it, seeded without a policy.
  const register = async (input: RegisterTaskDefinitionCommandInput) =>
    String(
      (await ecs.send(new RegisterTaskDefinitionCommand(input))).taskDefinition?.taskDefinitionArn
    )
  showtimeDefinition = await register(definition('showtime'))
  foreignDefinition = await register(definition('billing-api', { tags: ecsTags(generic) }))
  emu.addService({ serviceName: 'pr-1-abc123f-service', tags: ours })
  emu.addService({ serviceName: 'pr-7-abc123f-service', tags: theirs })
  emu.addService({ serviceName: 'pr-8-abc123f-service', tags: generic })
  emu.addService({ serviceName: 'billing-api', tags: generic })
  emu.addService({ serviceName: 'pr-9-abc123f-service' })
  emu.addService({ cluster: 'production', serviceName: 'pr-1-abc123f-service', tags: ours })
  listener = emu.elb.addLoadBalancer({ name: 'showtime-previews' })
  otherListener = emu.elb.addLoadBalancer({ name: 'billing-alb' })
  group.ours = emu.elb.addTargetGroup(targetGroupName(REPO, 1, SHA), ours)
  group.theirs = emu.elb.addTargetGroup(targetGroupName(OTHER, 7, SHA), theirs)
  // A target group with the name Showtime gives this repository's PR 12, tagged for another.
  group.ourNameTheirTags = emu.elb.addTargetGroup(targetGroupName(REPO, 12, SHA), theirs)
  const seedRule = (pr: number, targetGroupArn: string, tags: Record<string, string>) =>
    emu.elb.addRule(listener, {
      host: `pr-${pr}.preview.io`,
      priority: pr,
      targetGroupArns: [targetGroupArn],
      tags
    })
  rule.ours = seedRule(1, group.ours, { ...ours, pr: '1' })
  rule.theirs = seedRule(7, group.theirs, { ...theirs, pr: '7' })
  // An untagged rule for the host of this repository's PR 12.
  rule.untagged = seedRule(12, group.ours, {})
})
afterAll(async () => {
  ecs.destroy()
  elb.destroy()
  await emu.stop()
})
beforeEach(() => emu.setIamPolicy(policy))

/** What IAM protects, as it stands: a refused call must leave it as it was. */
const state = () =>
  JSON.stringify([
    emu.activeServices().map((s) => [s.cluster, s.serviceName, s.taskDefinition, s.tags]),
    emu.taskDefinitions().length,
    emu.elb.ruleSummaries(),
    emu.elb.targetGroupNames()
  ])

const send = (command: unknown) =>
  (command instanceof CreateTargetGroupCommand ||
  command instanceof CreateRuleCommand ||
  command instanceof ModifyRuleCommand ||
  command instanceof DeleteRuleCommand ||
  command instanceof DeleteTargetGroupCommand
    ? elb.send(command as never)
    : ecs.send(command as never)) as Promise<unknown>

const modify = (arn: string) =>
  new ModifyRuleCommand({
    RuleArn: arn,
    Actions: [{ Type: 'forward', TargetGroupArn: group.ours }]
  })

/** [the call, the IAM action refused, the request] */
const crossOwner: [string, string, () => unknown][] = [
  // Services
  [
    "DeleteService of another repository's service",
    'ecs:DeleteService',
    () => deleteService('pr-7-abc123f-service')
  ],
  [
    "UpdateService of another repository's service",
    'ecs:UpdateService',
    () => updateTo('pr-7-abc123f-service', showtimeDefinition)
  ],
  [
    "DeleteService of a team's pr- service tagged repository= without showtime_managed",
    'ecs:DeleteService',
    () => deleteService('pr-8-abc123f-service')
  ],
  [
    'UpdateService of the same',
    'ecs:UpdateService',
    () => updateTo('pr-8-abc123f-service', showtimeDefinition)
  ],
  [
    "DeleteService of a team's billing-api tagged repository=",
    'ecs:DeleteService',
    () => deleteService('billing-api')
  ],
  [
    "DeleteService of the Python tool's untagged service",
    'ecs:DeleteService',
    () => deleteService('pr-9-abc123f-service')
  ],
  [
    "UpdateService of the Python tool's untagged service",
    'ecs:UpdateService',
    () => updateTo('pr-9-abc123f-service', showtimeDefinition)
  ],
  [
    'DeleteService of a service of ours in another cluster',
    'ecs:DeleteService',
    () => deleteService('pr-1-abc123f-service', 'production')
  ],
  [
    'CreateService without ownership tags',
    'ecs:CreateService',
    () => service('pr-2-abc123f-service', showtimeDefinition, {})
  ],
  [
    "CreateService with another repository's tags",
    'ecs:CreateService',
    () => service('pr-2-abc123f-service', showtimeDefinition, theirs)
  ],
  [
    'CreateService with a tag key Showtime does not write',
    'ecs:CreateService',
    () => service('pr-2-abc123f-service', showtimeDefinition, { ...ours, owner: 'billing' })
  ],
  [
    'CreateService of a name Showtime does not use',
    'ecs:CreateService',
    () => service('billing-api-2', showtimeDefinition)
  ],
  [
    "CreateService running another family's task definition",
    'ecs:CreateService',
    () => service('pr-2-abc123f-service', foreignDefinition)
  ],
  [
    "UpdateService of our own service to another family's task definition",
    'ecs:UpdateService',
    () => updateTo('pr-1-abc123f-service', foreignDefinition)
  ],
  [
    "TagResource adding our tags to another repository's service",
    'ecs:TagResource',
    () =>
      new TagResourceCommand({
        resourceArn: serviceArn('pr-7-abc123f-service'),
        tags: ecsTags(ours)
      })
  ],
  [
    "TagResource adding our tags to the Python tool's untagged service",
    'ecs:TagResource',
    () =>
      new TagResourceCommand({
        resourceArn: serviceArn('pr-9-abc123f-service'),
        tags: ecsTags(ours)
      })
  ],
  // Task definitions
  [
    'RegisterTaskDefinition of a family outside showtime*',
    'ecs:RegisterTaskDefinition',
    () => new RegisterTaskDefinitionCommand(definition('billing-api'))
  ],
  [
    'RegisterTaskDefinition without ownership tags',
    'ecs:RegisterTaskDefinition',
    () => new RegisterTaskDefinitionCommand(definition('showtime', { tags: undefined }))
  ],
  [
    "RegisterTaskDefinition with another repository's tags",
    'ecs:RegisterTaskDefinition',
    () => new RegisterTaskDefinitionCommand(definition('showtime', { tags: ecsTags(theirs) }))
  ],
  [
    "RegisterTaskDefinition passing a role other than the template's",
    'iam:PassRole',
    () =>
      new RegisterTaskDefinitionCommand(
        definition('showtime', { taskRoleArn: 'arn:aws:iam::123456789012:role/billing-admin' })
      )
  ],
  // Load balancer
  [
    'CreateTargetGroup without tags',
    'elasticloadbalancing:CreateTargetGroup',
    () => targetGroup(targetGroupName(REPO, 2, SHA), {})
  ],
  [
    "CreateTargetGroup with another repository's tags",
    'elasticloadbalancing:CreateTargetGroup',
    () => targetGroup(targetGroupName(REPO, 2, SHA), theirs)
  ],
  [
    'CreateTargetGroup of a name Showtime does not use',
    'elasticloadbalancing:CreateTargetGroup',
    () => targetGroup('billing-api-blue')
  ],
  [
    'CreateTargetGroup reusing a target group of our name tagged for another repository',
    'elasticloadbalancing:CreateTargetGroup',
    () => targetGroup(targetGroupName(REPO, 12, SHA))
  ],
  ['CreateRule without tags', 'elasticloadbalancing:CreateRule', () => newRule(listener, 2, {})],
  [
    "CreateRule with another repository's tags",
    'elasticloadbalancing:CreateRule',
    () => newRule(listener, 2, { ...theirs, pr: '2' })
  ],
  [
    "CreateRule on another load balancer's listener",
    'elasticloadbalancing:CreateRule',
    () => newRule(otherListener, 2)
  ],
  [
    "ModifyRule of another repository's rule",
    'elasticloadbalancing:ModifyRule',
    () => modify(rule.theirs!)
  ],
  [
    "DeleteRule of another repository's rule",
    'elasticloadbalancing:DeleteRule',
    () => new DeleteRuleCommand({ RuleArn: rule.theirs })
  ],
  [
    "ModifyRule of an untagged rule on our PR's host",
    'elasticloadbalancing:ModifyRule',
    () => modify(rule.untagged!)
  ],
  [
    "DeleteRule of an untagged rule on our PR's host",
    'elasticloadbalancing:DeleteRule',
    () => new DeleteRuleCommand({ RuleArn: rule.untagged })
  ],
  [
    "DeleteTargetGroup of another repository's target group",
    'elasticloadbalancing:DeleteTargetGroup',
    () => new DeleteTargetGroupCommand({ TargetGroupArn: group.theirs })
  ],
  [
    'DeleteTargetGroup of a target group of our name tagged for another repository',
    'elasticloadbalancing:DeleteTargetGroup',
    () => new DeleteTargetGroupCommand({ TargetGroupArn: group.ourNameTheirTags })
  ]
]

describe("the documented IAM policy refuses every call on what is not this repository's", () => {
  it.each(crossOwner)('%s', async (_, action, request) => {
    const before = state()
    const denied = await rejection<Error>(send(request()))
    expect(['AccessDeniedException', 'AccessDenied']).toContain(denied.name)
    expect(denied.message).toContain(`is not authorized to perform: ${action} on resource: `)
    expect(state()).toBe(before)
  })

  it("allows the same calls on this repository's own resources", async () => {
    emu.authorizations.length = 0
    await ecs.send(updateTo('pr-1-abc123f-service', showtimeDefinition))
    await ecs.send(new RegisterTaskDefinitionCommand(definition('showtime-superset-ci')))
    await ecs.send(service('pr-2-abc123f-service', showtimeDefinition))
    await ecs.send(deleteService('pr-2-abc123f-service'))
    const created = await elb.send(targetGroup(targetGroupName(REPO, 2, SHA)))
    const arn = created.TargetGroups?.[0]?.TargetGroupArn
    const reused = await elb.send(targetGroup(targetGroupName(REPO, 2, SHA)))
    expect(reused.TargetGroups?.[0]?.TargetGroupArn).toBe(arn)
    const routed = await elb.send(newRule(listener, 2))
    await elb.send(modify(routed.Rules?.[0]?.RuleArn as string))
    await elb.send(new DeleteRuleCommand({ RuleArn: routed.Rules?.[0]?.RuleArn }))
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }))
    expect(emu.authorizations.length).toBeGreaterThan(10)
    expect(new Set(emu.authorizations.map((a) => a.decision))).toEqual(new Set(['Allowed']))
  })

  it('with the optional statement, adopts untagged pr- services and nothing else', async () => {
    emu.setIamPolicy({
      ...policy,
      Statement: [
        ...policy.Statement,
        await readmeAdoptStatement({
          account: emu.accountId,
          region: emu.region,
          cluster,
          repository: REPO
        })
      ]
    })
    for (const [name, request] of [
      ['another repository', () => deleteService('pr-7-abc123f-service')],
      ['billing-api', () => deleteService('billing-api')],
      ['another family', () => updateTo('pr-9-abc123f-service', foreignDefinition)]
    ] as const) {
      const denied = await rejection<Error>(ecs.send(request()))
      expect(denied.name, name).toBe('AccessDeniedException')
    }
    await ecs.send(updateTo('pr-9-abc123f-service', showtimeDefinition))
    await ecs.send(deleteService('pr-9-abc123f-service'))
    expect(emu.activeServices().map((s) => s.serviceName)).not.toContain('pr-9-abc123f-service')
  })
})

describe('the evaluator the emulator uses (aws-iam.ts)', () => {
  const principal = 'arn:aws:sts::123456789012:assumed-role/showtime-ci/GitHubActions'
  const allowAll = { Statement: [{ Effect: 'Allow' as const, Action: '*', Resource: '*' }] }
  const elbArn = 'arn:aws:elasticloadbalancing:us-west-2:123456789012'

  it("evaluates ELBv2's AddTags on target groups and rules, and Classic's on its load balancers", async () => {
    for (const resource of [
      `${elbArn}:targetgroup/st-c28b44-12-abc123f/0123456789abcdef`,
      `${elbArn}:listener-rule/app/showtime-previews/0123456789abcdef/0123456789abcdef/0123456789abcdef`,
      `${elbArn}:loadbalancer/classic-one`
    ]) {
      const permission = { action: 'elasticloadbalancing:AddTags', resource }
      expect(await decide(allowAll, permission, principal), resource).toBe('Allowed')
    }
  })

  it('refuses to evaluate what AWS never would: a resource of another type, a key the action lacks', async () => {
    const service = 'arn:aws:ecs:us-west-2:123456789012:service/superset-ci/pr-1-abc123f-service'
    await expect(
      decide(
        allowAll,
        { action: 'ecs:DeleteService', resource: `${service.replace('service/', 'task/')}` },
        principal
      )
    ).rejects.toThrow(/IAM cannot evaluate ecs:DeleteService .*no\.resource\.types/)
    await expect(
      decide(
        allowAll,
        {
          action: 'ecs:DeleteService',
          resource: service,
          context: { 'ecs:CreateAction': 'CreateService' }
        },
        principal
      )
    ).rejects.toThrow(/IAM does not set ecs:CreateAction for ecs:DeleteService/)
  })

  it('words an explicit deny as AWS does', () => {
    const p = {
      action: 'ecs:DeleteService',
      resource: 'arn:x',
      decision: 'ExplicitlyDenied' as const
    }
    expect(deniedMessage(principal, p)).toBe(
      `User: ${principal} is not authorized to perform: ecs:DeleteService on resource: arn:x with an explicit deny in an identity-based policy`
    )
  })
})
