// The load balancers of the AWS emulator, driven by the real ELBv2 and ECS SDK clients: the query
// protocol and its XML errors, the model's and the documentation's rules, IAM, and the link to
// ECS (tasks register in their target group and report the app's health).

import {
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  type CreateTargetGroupCommandInput
} from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand
} from '@aws-sdk/client-ecs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppServer } from '../support/app-server.js'
import { AwsEmulator } from '../support/aws-emulator.js'
import { ManualClock } from '../support/clock.js'
import { rejection } from '../support/http-emulator.js'

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }

let emu: AwsEmulator
/** The emulator's time: tests advance it, and run the health checker, instead of waiting. */
let clock: ManualClock
let app: AppServer
let elb: ElasticLoadBalancingV2Client
let ecs: ECSClient
let listener: string

beforeEach(async () => {
  clock = new ManualClock()
  ;[emu, app] = await Promise.all([
    AwsEmulator.start({ stabilizeMs: 20, clock }),
    AppServer.start()
  ])
  const options = { region: 'us-west-2', endpoint: emu.url, credentials, maxAttempts: 1 }
  elb = new ElasticLoadBalancingV2Client(options)
  ecs = new ECSClient(options)
  listener = emu.elb.addLoadBalancer()
})
afterEach(async () => {
  elb.destroy()
  ecs.destroy()
  await Promise.all([emu.stop(), app.stop()])
})

const failure = (call: Promise<unknown>) =>
  rejection<Error & { $metadata?: { httpStatusCode?: number } }>(call)

const group = (name: string, extra: Partial<CreateTargetGroupCommandInput> = {}) =>
  new CreateTargetGroupCommand({
    Name: name,
    TargetType: 'ip',
    Protocol: 'HTTP',
    Port: app.port,
    VpcId: 'vpc-0a1b2c3d4e5f60718',
    HealthCheckPath: '/health',
    Tags: [{ Key: 'repository', Value: 'apache/superset' }],
    ...extra
  })

async function targetGroup(name = 'st-c28b44-12-abc123f'): Promise<string> {
  const out = await elb.send(group(name))
  return out.TargetGroups?.[0]?.TargetGroupArn as string
}

const forward = (arn: string, weight = 1) => [
  {
    Type: 'forward' as const,
    ForwardConfig: { TargetGroups: [{ TargetGroupArn: arn, Weight: weight }] }
  }
]
const host = (value: string) => [{ Field: 'host-header', HostHeaderConfig: { Values: [value] } }]

describe('target groups and rules', () => {
  it('round-trips target groups, rules and their tags through the query protocol', async () => {
    const arn = await targetGroup()
    expect(arn).toMatch(
      /^arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup\/st-c28b44-12-abc123f\/[0-9a-f]{16}$/
    )
    // The same name and settings: the same group.
    expect((await elb.send(group('st-c28b44-12-abc123f'))).TargetGroups?.[0]?.TargetGroupArn).toBe(
      arn
    )
    const duplicate = await failure(elb.send(group('st-c28b44-12-abc123f', { Port: 81 })))
    expect(duplicate.name).toBe('DuplicateTargetGroupNameException')

    const created = await elb.send(
      new CreateRuleCommand({
        ListenerArn: listener,
        Priority: 7,
        Conditions: host('pr-12.preview.example.com'),
        Actions: forward(arn),
        Tags: [{ Key: 'pr', Value: '12' }]
      })
    )
    const rule = created.Rules?.[0]?.RuleArn as string
    expect(rule).toMatch(
      /:listener-rule\/app\/showtime-previews\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/
    )
    const taken = await failure(
      elb.send(
        new CreateRuleCommand({
          ListenerArn: listener,
          Priority: 7,
          Conditions: host('x.io'),
          Actions: forward(arn)
        })
      )
    )
    expect([taken.name, taken.message]).toEqual([
      'PriorityInUseException',
      "Priority '7' is currently in use"
    ])

    const rules = await elb.send(new DescribeRulesCommand({ ListenerArn: listener }))
    expect(rules.Rules?.map((r) => [r.Priority, r.IsDefault])).toEqual([
      ['default', true],
      ['7', false]
    ])
    expect(rules.Rules?.[1]?.Conditions?.[0]?.HostHeaderConfig?.Values).toEqual([
      'pr-12.preview.example.com'
    ])
    const tags = await elb.send(new DescribeTagsCommand({ ResourceArns: [rule, arn] }))
    expect(tags.TagDescriptions?.map((d) => d.Tags)).toEqual([
      [{ Key: 'pr', Value: '12' }],
      [{ Key: 'repository', Value: 'apache/superset' }]
    ])

    const inUse = await failure(elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })))
    expect(inUse.name).toBe('ResourceInUseException')
    await elb.send(
      new ModifyRuleCommand({
        RuleArn: rule,
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }]
      })
    )
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }))
    const gone = await failure(
      elb.send(new DescribeTargetGroupsCommand({ Names: ['st-c28b44-12-abc123f'] }))
    )
    expect(gone.name).toBe('TargetGroupNotFoundException')
    await elb.send(new DeleteRuleCommand({ RuleArn: rule }))
    expect((await failure(elb.send(new DeleteRuleCommand({ RuleArn: rule })))).name).toBe(
      'RuleNotFoundException'
    )
    const described = await elb.send(new DescribeListenersCommand({ ListenerArns: [listener] }))
    expect(described.Listeners?.[0]?.Protocol).toBe('HTTPS')
  })

  it("sets a target group's deregistration delay and answers every attribute, as ELB does", async () => {
    const arn = await targetGroup()
    const out = await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]
      })
    )
    expect(out.Attributes).toContainEqual({
      Key: 'deregistration_delay.timeout_seconds',
      Value: '30'
    })
    expect(out.Attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'false' })
    expect(emu.elb.targetGroupConfig('st-c28b44-12-abc123f')?.attributes).toMatchObject({
      'deregistration_delay.timeout_seconds': '30'
    })
    const modify = (Key: string, Value: string) =>
      failure(
        elb.send(
          new ModifyTargetGroupAttributesCommand({
            TargetGroupArn: arn,
            Attributes: [{ Key, Value }]
          })
        )
      )
    expect((await modify('deregistration_delay.timeout_seconds', '3601')).name).toBe(
      'ValidationError'
    )
    expect((await modify('deregistration_delay.timeout_seconds', '-1')).name).toBe(
      'ValidationError'
    )
    expect((await modify('connection_termination.enabled', 'true')).name).toBe(
      'InvalidConfigurationRequestException'
    )
    const missing = await failure(
      elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn.replace(/[0-9a-f]{16}$/, '0'.repeat(16)),
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]
        })
      )
    )
    expect(missing.name).toBe('TargetGroupNotFoundException')
  })

  it.each([
    [
      'a health-check interval under 5 s',
      () => group('ok', { HealthCheckIntervalSeconds: 4, HealthCheckTimeoutSeconds: 2 })
    ],
    ['a healthy threshold under 2', () => group('ok', { HealthyThresholdCount: 1 })],
    [
      'an attribute key outside its pattern',
      () =>
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: 'arn:x',
          Attributes: [{ Key: 'deregistration delay', Value: '30' }]
        })
    ],
    [
      'attributes left out',
      () =>
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: 'arn:x'
        } as unknown as ConstructorParameters<typeof ModifyTargetGroupAttributesCommand>[0])
    ],
    ['a target group name over 32 characters', () => group('st-' + 'a'.repeat(30))],
    ['a target group name ending in a hyphen', () => group('st-')],
    [
      'a health-check timeout as long as its interval',
      () => group('ok', { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 5 })
    ],
    [
      'priority 0',
      () =>
        new CreateRuleCommand({
          ListenerArn: listener,
          Priority: 0,
          Conditions: host('a.io'),
          Actions: []
        })
    ],
    [
      'more than 20 resources to DescribeTags',
      () =>
        new DescribeTagsCommand({ ResourceArns: Array.from({ length: 21 }, (_, i) => `arn:${i}`) })
    ],
    [
      'a weight over 999',
      () =>
        new CreateRuleCommand({
          ListenerArn: listener,
          Priority: 1,
          Conditions: host('a.io'),
          Actions: forward('arn:x', 1000)
        })
    ]
  ])('refuses %s as ELB does, recording the violation', async (_, command) => {
    const error = await failure(elb.send(command() as CreateTargetGroupCommand))
    expect(error.$metadata?.httpStatusCode).toBe(400)
    expect(emu.violations.take()).toHaveLength(1)
  })
})

describe('sign-in actions', () => {
  const SECRET = 'idp-secret'
  const oidc = (config: Record<string, unknown> = {}, order = 1) => ({
    Type: 'authenticate-oidc' as const,
    Order: order,
    AuthenticateOidcConfig: {
      Issuer: 'https://idp.example.com',
      AuthorizationEndpoint: 'https://idp.example.com/authorize',
      TokenEndpoint: 'https://idp.example.com/token',
      UserInfoEndpoint: 'https://idp.example.com/userinfo',
      ClientId: 'client',
      ClientSecret: SECRET,
      AuthenticationRequestExtraParams: { prompt: 'login', hd: 'example.com' },
      ...config
    }
  })
  const ordered = (arn: string) => [{ ...forward(arn)[0]!, Order: 2 }]
  const create = (actions: unknown[], listenerArn = listener, priority = 1) =>
    elb.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: priority,
        Conditions: host('a.io'),
        Actions: actions as never
      })
    )

  it('stores the sign-in before the forward, and never describes its client secret', async () => {
    const arn = await targetGroup()
    const created = await create([oidc(), ...ordered(arn)])
    const rule = created.Rules?.[0]
    const [signIn, forwarding] = rule?.Actions ?? []
    expect(signIn).toMatchObject({ Type: 'authenticate-oidc', Order: 1 })
    expect(signIn?.AuthenticateOidcConfig?.ClientSecret).toBeUndefined()
    expect(signIn?.AuthenticateOidcConfig?.AuthenticationRequestExtraParams).toEqual({
      prompt: 'login',
      hd: 'example.com'
    })
    expect(forwarding).toMatchObject({ Type: 'forward', Order: 2 })
    const described = await elb.send(new DescribeRulesCommand({ ListenerArn: listener }))
    expect(JSON.stringify(described.Rules)).not.toContain(SECRET)

    // A modify may keep the secret it has (UseExistingClientSecret) or send it again.
    const ruleArn = rule?.RuleArn as string
    const { ClientSecret: _s, ...kept } = oidc().AuthenticateOidcConfig
    await elb.send(
      new ModifyRuleCommand({
        RuleArn: ruleArn,
        Actions: [
          { ...oidc(), AuthenticateOidcConfig: { ...kept, UseExistingClientSecret: true } },
          ...ordered(arn)
        ]
      })
    )
    await elb.send(new ModifyRuleCommand({ RuleArn: ruleArn, Actions: [oidc(), ...ordered(arn)] }))
    expect(emu.violations.take()).toEqual([])
  })

  it.each([
    [
      'sign-in on an HTTP listener',
      'InvalidLoadBalancerAction',
      (arn: string) => [oidc(), ...ordered(arn)],
      'HTTP'
    ],
    [
      'an OIDC rule created without its secret',
      'InvalidLoadBalancerAction',
      (arn: string) => {
        const { ClientSecret: _s, ...config } = oidc().AuthenticateOidcConfig
        return [
          { ...oidc(), AuthenticateOidcConfig: { ...config, UseExistingClientSecret: true } },
          ...ordered(arn)
        ]
      }
    ],
    [
      'a secret and UseExistingClientSecret',
      'InvalidLoadBalancerAction',
      (arn: string) => [oidc({ UseExistingClientSecret: true }), ...ordered(arn)]
    ],
    [
      'two actions without an order',
      'InvalidLoadBalancerAction',
      (arn: string) => [{ ...oidc(), Order: undefined }, ...forward(arn)]
    ],
    [
      'the forward before the sign-in',
      'InvalidLoadBalancerAction',
      (arn: string) => [oidc({}, 3), ...ordered(arn)]
    ],
    [
      'two forward actions',
      'InvalidLoadBalancerAction',
      (arn: string) => [{ ...forward(arn)[0]!, Order: 1 }, ...ordered(arn)]
    ],
    [
      'a Cognito config on an OIDC action',
      'InvalidLoadBalancerAction',
      (arn: string) => [
        {
          ...oidc(),
          AuthenticateCognitoConfig: {
            UserPoolArn: 'a',
            UserPoolClientId: 'b',
            UserPoolDomain: 'c'
          }
        },
        ...ordered(arn)
      ]
    ],
    [
      'an OIDC action without its issuer',
      'ValidationError',
      (arn: string) => [oidc({ Issuer: undefined }), ...ordered(arn)]
    ]
  ])('refuses %s as ELB does', async (_, code, actions, protocol?: string) => {
    const arn = await targetGroup()
    const on =
      protocol === 'HTTP' ? emu.elb.addLoadBalancer({ name: 'plain', protocol: 'HTTP' }) : listener
    const error = await failure(create(actions(arn), on))
    expect(error.name).toBe(`${code}${code === 'ValidationError' ? '' : 'Exception'}`)
    expect(emu.elb.ruleSummaries()).toEqual([])
    emu.violations.take()
  })
})

describe('the link to ECS', () => {
  async function service(targetGroupArn: string, name = 'pr-12-abc123f-service') {
    const definition = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'showtime',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image: 'apache/superset:pr-12-abc123f-ci',
            portMappings: [{ containerPort: app.port }]
          }
        ]
      })
    )
    return ecs.send(
      new CreateServiceCommand({
        cluster: 'superset-ci',
        serviceName: name,
        taskDefinition: definition.taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], assignPublicIp: 'DISABLED' }
        },
        loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: app.port }]
      })
    )
  }
  const states = async (arn: string) =>
    (
      await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))
    ).TargetHealthDescriptions?.map((d) => d.TargetHealth?.State)

  it('refuses a service whose target group no load balancer uses', async () => {
    const arn = await targetGroup()
    const error = await failure(service(arn))
    expect(error.message).toBe(
      `The target group with targetGroupArn ${arn} does not have an associated load balancer.`
    )
    expect(emu.violations.take()).toHaveLength(1)
  })

  it("registers the service's task, health-checks the app, and drains the target when the service goes", async () => {
    const arn = await targetGroup()
    emu.elb.addRule(listener, {
      host: 'pr-12.preview.example.com',
      priority: 1,
      targetGroupArns: [arn]
    })
    await service(arn)
    expect(await states(arn)).toEqual([])
    clock.advance(20)
    expect(await states(arn)).toEqual(['initial'])
    await emu.elb.checkHealth()
    expect(await states(arn)).toEqual(['healthy'])
    expect(emu.activeServices()[0]?.tasks[0]?.publicIp).toBeNull()
    expect(emu.elb.servedBy('pr-12.preview.example.com')?.targetGroups[0]).toMatchObject({
      healthy: 1
    })

    app.failingCommits.add('abc123f')
    await emu.elb.checkHealth()
    expect(await states(arn)).toEqual(['healthy'])
    await emu.elb.checkHealth()
    expect(await states(arn)).toEqual(['unhealthy'])
    const described = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))
    expect(described.TargetHealthDescriptions?.[0]?.TargetHealth?.Reason).toBe(
      'Target.ResponseCodeMismatch'
    )

    await ecs.send(
      new DeleteServiceCommand({
        cluster: 'superset-ci',
        service: 'pr-12-abc123f-service',
        force: true
      })
    )
    expect(await states(arn)).toEqual(['draining'])
    clock.advance(50)
    await emu.elb.checkHealth()
    expect(await states(arn)).toEqual([])
  })
})

describe('IAM', () => {
  it('needs elasticloadbalancing:AddTags, on create only, to tag what it creates', async () => {
    emu.setIamPolicy({
      Statement: [
        { Effect: 'Allow', Action: 'elasticloadbalancing:CreateTargetGroup', Resource: '*' }
      ]
    })
    const denied = await failure(elb.send(group('st-c28b44-12-abc123f')))
    expect(denied.$metadata?.httpStatusCode).toBe(403)
    expect(denied.message).toContain(
      'not authorized to perform: elasticloadbalancing:AddTags on resource: arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/st-c28b44-12-abc123f/'
    )
    emu.setIamPolicy({
      Statement: [
        { Effect: 'Allow', Action: 'elasticloadbalancing:CreateTargetGroup', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'elasticloadbalancing:AddTags',
          Resource: '*',
          Condition: { StringEquals: { 'elasticloadbalancing:CreateAction': 'CreateTargetGroup' } }
        }
      ]
    })
    expect(await targetGroup()).toContain(':targetgroup/st-c28b44-12-abc123f/')
  })
})
