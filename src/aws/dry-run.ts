// dry-run-aws: what a run does instead of talking to AWS (the ECS cluster and the shared load
// balancer alike). sync simulates a cluster without reading
// AWS at all (no credentials needed): a task answers at 52.1.2.3 after aws-sleep seconds. cleanup
// reads the real cluster, since reads change nothing and its plan must be the real one, and prints
// every change instead of making it.

import * as core from '../runner/core.js'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EnvironmentHost } from './ecs.js'
import type { LoadBalancerHost } from './load-balancer.js'
import { describeRoute } from '../domain/load-balancer.js'
import type { Tags } from '../domain/resources.js'
import type { SignIn } from '../domain/sign-in.js'

/** The address dry-run-aws reports (the one the Python tool faked). */
export const DRY_RUN_IP = '52.1.2.3'

const would = (what: string) => core.info(`[dry-run-aws] would ${what}`)

/** What a dry run's cluster does with every change: it prints it. */
const printedChanges = {
  async createService(spec) {
    would(`create the service ${spec.name}`)
  },
  async updateService({ name }) {
    would(`roll ${name} to the new task definition`)
  },
  async deleteService({ name }) {
    would(`delete ${name}`)
    return 'deleted'
  },
  async scaleService({ name }, _taskDefinition, desiredCount) {
    would(`scale ${name} to ${desiredCount} tasks`)
  },
  async deregisterTaskDefinition(arn) {
    would(`deregister ${arn}`)
  }
} satisfies Pick<
  EnvironmentHost,
  'createService' | 'updateService' | 'deleteService' | 'scaleService' | 'deregisterTaskDefinition'
>

function registerPrinted(definition: Record<string, unknown>): Promise<string> {
  const family = String(definition.family)
  would(`register a revision of the task definition ${family}`)
  return Promise.resolve(`arn:aws:ecs:dry-run:000000000000:task-definition/${family}:1`)
}

export function simulatedHost(awsSleepSeconds: number): EnvironmentHost {
  // The simulated service runs one task of the task definition it was created or rolled with.
  let taskDefinition: string | undefined
  let waited = false
  return {
    ...printedChanges,
    async createService(spec) {
      taskDefinition = spec.taskDefinition
      await printedChanges.createService(spec)
    },
    async updateService(service, definition) {
      taskDefinition = definition
      await printedChanges.updateService(service)
    },
    registerTaskDefinition: registerPrinted,
    async listServices() {
      return []
    },
    async describeService() {
      return { status: 'MISSING', tags: {} }
    },
    async describeServices(names) {
      return new Map(names.map((name) => [name, { status: 'MISSING', tags: {} }]))
    },
    async serviceEvents() {
      return []
    },
    async serviceTasks(name) {
      if (taskDefinition === undefined) return []
      if (!waited) {
        would(`wait for the task of ${name} to run; waiting ${awsSleepSeconds} s instead`)
        await sleep(awsSleepSeconds * 1000)
        waited = true
      }
      return [
        {
          arn: `arn:aws:ecs:dry-run:000000000000:task/dry-run/${name}`,
          taskDefinition,
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          privateIp: DRY_RUN_IP,
          networkInterfaceId: 'eni-00000000000000000',
          containers: []
        }
      ]
    },
    async publicIpOf() {
      return DRY_RUN_IP
    }
  }
}

export function readOnlyHost(real: EnvironmentHost): EnvironmentHost {
  return {
    ...printedChanges,
    registerTaskDefinition: registerPrinted,
    listServices: () => real.listServices(),
    describeService: (name) => real.describeService(name),
    describeServices: (names) => real.describeServices(names),
    serviceEvents: (name) => real.serviceEvents(name),
    serviceTasks: (name) => real.serviceTasks(name),
    publicIpOf: (networkInterfaceId) => real.publicIpOf(networkInterfaceId)
  }
}

type RouteChanges = Pick<
  LoadBalancerHost,
  | 'createTargetGroup'
  | 'deleteTargetGroup'
  | 'setDeregistrationDelay'
  | 'createRule'
  | 'modifyRule'
  | 'deleteRule'
>

/** What a dry run's load balancer does with every change: it prints it (with the sign-in its
 * rules would carry, by its type). */
const printedRouteChanges = (signIn: SignIn | undefined): RouteChanges => ({
  async createTargetGroup(spec) {
    would(`create the target group ${spec.name}`)
    return `arn:aws:elasticloadbalancing:dry-run:000000000000:targetgroup/${spec.name}/0000000000000000`
  },
  async deleteTargetGroup({ name }) {
    would(`delete the target group ${name}`)
    return 'deleted'
  },
  async setDeregistrationDelay({ name }, seconds) {
    would(`set the deregistration delay of the target group ${name} to ${seconds} s`)
  },
  async createRule(route, priority) {
    would(
      `create the listener rule for ${route.host} (priority ${priority}) that ${describeRoute(route, signIn)}`
    )
    return `arn:aws:elasticloadbalancing:dry-run:000000000000:listener-rule/app/dry-run/0000000000000000/0000000000000000/${priority}`
  },
  async modifyRule(_rule, route) {
    would(`change the listener rule for ${route.host}: it ${describeRoute(route, signIn)}`)
  },
  async deleteRule({ name: host }) {
    would(`delete the listener rule for ${host}`)
    return 'deleted'
  }
})

/** sync's dry run behind a load balancer: an empty listener whose targets are healthy at once,
 * and which knows the tags of what it was asked to create. */
export function simulatedLoadBalancer(signIn?: SignIn): LoadBalancerHost {
  const created = new Map<string, Tags>()
  const printed = printedRouteChanges(signIn)
  return {
    ...printed,
    async createTargetGroup(spec) {
      const arn = await printed.createTargetGroup(spec)
      created.set(arn, spec.tags)
      return arn
    },
    async createRule(route, priority, tags) {
      const arn = await printed.createRule(route, priority, tags)
      created.set(arn, tags)
      return arn
    },
    async describeListener() {
      return { protocol: 'HTTPS', vpcId: 'vpc-dry-run', loadBalancerArn: 'dry-run' }
    },
    async listRules() {
      return []
    },
    async listenersOf() {
      return []
    },
    async accountLimits() {
      return new Map()
    },
    async tagsOf(arns) {
      return new Map(arns.flatMap((arn) => (created.has(arn) ? [[arn, created.get(arn)!]] : [])))
    },
    async resourceTags(arn) {
      return created.get(arn)
    },
    async findTargetGroup() {
      return undefined
    },
    async listTargetGroups() {
      return []
    },
    async targetHealth() {
      return [{ id: `${DRY_RUN_IP}:0`, state: 'healthy' }]
    }
  }
}

/** cleanup's dry run: the real listener and target groups are read, every change printed. */
export function readOnlyLoadBalancer(real: LoadBalancerHost, signIn?: SignIn): LoadBalancerHost {
  return {
    ...printedRouteChanges(signIn),
    describeListener: () => real.describeListener(),
    listRules: (listener) => real.listRules(listener),
    listenersOf: (balancer) => real.listenersOf(balancer),
    accountLimits: () => real.accountLimits(),
    tagsOf: (arns) => real.tagsOf(arns),
    resourceTags: (arn) => real.resourceTags(arn),
    findTargetGroup: (name) => real.findTargetGroup(name),
    listTargetGroups: (balancer) => real.listTargetGroups(balancer),
    targetHealth: (arn) => real.targetHealth(arn)
  }
}
