// dry-run-aws: what a run does instead of talking to AWS. sync simulates a cluster without reading
// AWS at all (no credentials needed): a task answers at 52.1.2.3 after aws-sleep seconds. cleanup
// reads the real cluster, since reads change nothing and its plan must be the real one, and prints
// every change instead of making it.

import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EnvironmentHost } from './ecs.js'

/** The address dry-run-aws reports (the one the Python tool faked). */
export const DRY_RUN_IP = '52.1.2.3'

const would = (what: string) => core.info(`[dry-run-aws] would ${what}`)

export function simulatedHost(awsSleepSeconds: number): EnvironmentHost {
  return {
    async listServices() {
      return []
    },
    async registerTaskDefinition(definition) {
      const family = String(definition.family)
      would(`register a revision of the task definition ${family}`)
      return `arn:aws:ecs:dry-run:000000000000:task-definition/${family}:1`
    },
    async describeService() {
      return { status: 'MISSING', tags: {} }
    },
    async createService(spec) {
      would(`create the service ${spec.name}`)
    },
    async updateService(name) {
      would(`roll ${name} to the new task definition`)
    },
    async deleteService(name) {
      would(`delete ${name}`)
      return 'deleted'
    },
    async waitUntilStable(name) {
      would(`wait for ${name} to be stable; waiting ${awsSleepSeconds} s instead`)
      await sleep(awsSleepSeconds * 1000)
    },
    async publicIp() {
      return DRY_RUN_IP
    }
  }
}

export function readOnlyHost(real: EnvironmentHost): EnvironmentHost {
  return {
    listServices: () => real.listServices(),
    describeService: (name) => real.describeService(name),
    publicIp: (name, taskDefinition) => real.publicIp(name, taskDefinition),
    async registerTaskDefinition(definition) {
      would(`register a revision of the task definition ${String(definition.family)}`)
      return 'arn:aws:ecs:dry-run:000000000000:task-definition/dry-run:1'
    },
    async createService(spec) {
      would(`create the service ${spec.name}`)
    },
    async updateService(name) {
      would(`roll ${name} to the new task definition`)
    },
    async deleteService(name) {
      would(`delete ${name}`)
      return 'deleted'
    },
    async waitUntilStable(name) {
      would(`wait for ${name} to be stable`)
    }
  }
}
