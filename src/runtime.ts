// Everything a run needs except the AWS SDK, loaded by main.ts in one piece once the inputs are
// valid. This is the one place where the adapters are chosen: the real ones, or the dry-run ones
// that the dry-run-github, dry-run-aws and dry-run-docker inputs ask for. The modes never know.

import * as core from './runner/core.js'
import {
  readOnlyHost,
  readOnlyLoadBalancer,
  simulatedHost,
  simulatedLoadBalancer
} from './aws/dry-run.js'
import type { EnvironmentHost } from './aws/ecs.js'
import type { LoadBalancerHost } from './aws/load-balancer.js'
import type { TaskLogReader } from './aws/logs.js'
import type { ImageRegistry } from './aws/ecr.js'
import { scaledTiming, timeScale } from './config/defaults.js'
import { dockerBuilder, dryRunBuilder } from './docker/build.js'
import type { LiveEnvironment } from './domain/planner.js'
import { environmentsOf, recordedCommit } from './domain/ownership.js'
import { serviceName } from './domain/resources.js'
import { type TaskDefinitionTemplate, logLocation } from './domain/task-definition.js'
import { oneLine } from './errors.js'
import { createOctokit } from './github/client.js'
import { stickyComment } from './github/comments.js'
import { deployments } from './github/deployments.js'
import { dryRunGitHub } from './github/dry-run.js'
import { definitionWriter, labelWriter } from './github/labels.js'
import { pullRequestReader } from './github/pull-requests.js'
import { repositoryScanner } from './github/repository-scan.js'
import { dryRunProbe, httpProbe } from './http/health-probe.js'
import type { InFlight } from './run/in-flight.js'
import { type Inputs, addressingOf } from './config/inputs.js'
import { runCheck } from './modes/check.js'
import { runCleanup } from './modes/cleanup.js'
import { runSetState } from './modes/set-state.js'
import { runSync } from './modes/sync.js'
import { runWarmCache } from './modes/warm-cache.js'
import { Notifier, environmentName } from './run/notifier.js'
import { releaseInFlight } from './modes/post.js'
import { consoleLinks, repositoryLinks } from './presentation/links.js'
import { Context } from './runner/context.js'

const context = new Context()

export async function runMode(inputs: Inputs, template: TaskDefinitionTemplate): Promise<void> {
  // warm-cache only builds: no GitHub or AWS client.
  if (inputs.mode === 'warm-cache')
    return runWarmCache(inputs, {
      builder: inputs.dryRun.docker ? dryRunBuilder : dockerBuilder,
      runner: { eventName: context.eventName, payload: context.payload, ref: context.ref }
    })
  const github = githubRuntime(inputs)
  const runner = { eventName: context.eventName, payload: context.payload, actor: context.actor }
  const now = Date.now
  const summary = {
    links: repositoryLinks(github.serverUrl, github.repository),
    ...(inputs.aws.cluster && {
      console: consoleLinks(inputs.aws.region, inputs.aws.cluster, logLocation(template))
    }),
    addressing: addressingOf(inputs)
  }
  switch (inputs.mode) {
    case 'check': {
      // check may run before the AWS credentials are set up: then sync counts.
      const host = clusterHost(inputs, 'simulate')
      return runCheck(inputs, {
        github: github.reader,
        runner,
        now,
        summary,
        budget: github.budget,
        environments: async () => {
          try {
            return await environments(host, github.repository)
          } catch (error) {
            core.info(`the running environments could not be counted here: ${oneLine(error)}`)
            return undefined
          }
        },
        runningCommit: async (pr, sha) => {
          try {
            return await runningCommit(host, github.repository, pr, sha)
          } catch (error) {
            core.info(`the cluster could not be read here: ${oneLine(error)}`)
            return null
          }
        }
      })
    }
    case 'set-state':
      return runSetState(inputs, {
        github: github.reader,
        labels: github.labels,
        runner,
        now,
        summary
      })
    case 'sync': {
      const host = clusterHost(inputs, 'simulate')
      return runSync(inputs, {
        github: github.reader,
        labels: github.labels,
        runner,
        now,
        summary,
        budget: github.budget,
        environments: () => environments(host, github.repository),
        runningCommit: (pr, sha) => runningCommit(host, github.repository, pr, sha),
        host,
        ...balancerOf(inputs, 'simulate'),
        builder: inputs.dryRun.docker ? dryRunBuilder : dockerBuilder,
        probe: inputs.dryRun.aws ? dryRunProbe : httpProbe,
        template,
        timing: scaledTiming(timeScale(process.env), {
          timeoutSeconds: inputs.healthTimeoutSeconds,
          intervalSeconds: inputs.healthIntervalSeconds
        }),
        repository: github.repository,
        notifier: notifierFactory(inputs, github),
        logs: logsReader(inputs),
        registry: imageRegistry(inputs)
      })
    }
    case 'cleanup': {
      const notifier = notifierFactory(inputs, github)
      return runCleanup(inputs, {
        // The pulls list carries no comment count: look for the sticky comment every time.
        notifier: (pr) => notifier(pr, 1),
        scanner: repositoryScanner(github.octokit, github.repo),
        labels: github.cleanupLabels,
        definitions: github.definitions,
        host: clusterHost(inputs, 'read-only'),
        ...balancerOf(inputs, 'read-only'),
        registry: imageRegistry(inputs),
        imageRepository: inputs.docker.imageRepository,
        ...(inputs.loadBalancer &&
          inputs.sleepAfter.kind === 'idle' && {
            // A read: dry runs read the real metrics too.
            metrics: async () =>
              (await import('./aws/cloudwatch.js')).requestMetrics(inputs.aws.region)
          }),
        now,
        repository: github.repository,
        budget: github.budget,
        summary
      })
    }
  }
}

/** The post step: release what an interrupted sync held. */
export async function runPost(inputs: Inputs, inFlight: InFlight): Promise<void> {
  const github = githubRuntime(inputs)
  await releaseInFlight(inFlight, {
    github: github.reader,
    labels: github.labels,
    host: clusterHost(inputs, 'simulate'),
    ...balancerOf(inputs, 'simulate'),
    notifier: notifierFactory(inputs, github),
    ttl: inputs.ttl,
    repository: github.repository,
    adoptUntagged: inputs.aws.adoptUntaggedServices
  })
}

type GitHubRuntime = ReturnType<typeof githubRuntime>

/** GitHub's adapters; with dry-run-github, reads are real and writes are printed. */
function githubRuntime(inputs: Inputs) {
  const { octokit, budget } = createOctokit(inputs.githubToken)
  const repo = context.repo
  const real = pullRequestReader(octokit, repo)
  const dry = inputs.dryRun.github ? dryRunGitHub(real) : undefined
  return {
    octokit,
    budget,
    repo,
    reader: dry?.reader ?? real,
    labels: (known: readonly string[]) => dry?.labels ?? labelWriter(octokit, repo, known),
    // Cleanup plans the definitions it creates: its writer never creates one on its own.
    cleanupLabels: dry?.labels ?? labelWriter(octokit, repo, [], { createDefinitions: false }),
    definitions: dry?.definitions ?? definitionWriter(octokit, repo),
    comments: dry?.comments ?? stickyComment(octokit, repo),
    deployments: dry?.deployments ?? deployments(octokit, repo),
    repository: `${repo.owner}/${repo.repo}`,
    serverUrl: context.serverUrl,
    runUrl: `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
  }
}

/** The sticky comment and the deployments of a PR, as the comment and deployments inputs ask. */
function notifierFactory(inputs: Inputs, github: GitHubRuntime) {
  return (pr: number, commentCount: number, deploymentId?: number) =>
    new Notifier({
      pr,
      commentCount,
      environment: environmentName(inputs.deploymentEnvironment, pr),
      facts: { repository: github.repository, serverUrl: github.serverUrl, runUrl: github.runUrl },
      ...(inputs.comment && { comments: github.comments }),
      ...(inputs.deployments && { deployments: github.deployments }),
      ...(deploymentId !== undefined && { deploymentId })
    })
}

/**
 * The cluster, loaded (with the AWS SDK) only when a run reaches it. With dry-run-aws, sync and the
 * post step simulate it without any AWS request, while cleanup reads the real one and prints what
 * it would change (its plan must be the real one).
 */
function clusterHost(
  inputs: Inputs,
  dryRun: 'simulate' | 'read-only'
): () => Promise<EnvironmentHost> {
  let host: Promise<EnvironmentHost> | undefined
  const real = async () =>
    (await import('./aws/ecs.js')).ecsHost(inputs.aws.region, inputs.aws.cluster)
  const make = async (): Promise<EnvironmentHost> => {
    if (!inputs.dryRun.aws) return real()
    return dryRun === 'simulate'
      ? simulatedHost(inputs.awsSleepSeconds)
      : readOnlyHost(await real())
  }
  return () => (host ??= make())
}

/**
 * The shared load balancer, when the inputs name one; its SDK is loaded only when a run reaches
 * it. Dry runs as for the cluster: sync simulates it, cleanup reads the real one.
 */
function balancerOf(
  inputs: Inputs,
  dryRun: 'simulate' | 'read-only'
): { balancer?: () => Promise<LoadBalancerHost> } {
  const settings = inputs.loadBalancer
  if (!settings) return {}
  let balancer: Promise<LoadBalancerHost> | undefined
  const real = async () =>
    (await import('./aws/load-balancer.js')).loadBalancerHost(
      inputs.aws.region,
      settings.listenerArn,
      settings.signIn
    )
  const make = async (): Promise<LoadBalancerHost> => {
    if (!inputs.dryRun.aws) return real()
    return dryRun === 'simulate'
      ? simulatedLoadBalancer(settings.signIn)
      : readOnlyLoadBalancer(await real(), settings.signIn)
  }
  return { balancer: () => (balancer ??= make()) }
}

/** CloudWatch Logs in a region (the awslogs one, else the aws-region input), its SDK loaded at the
 * first failed task; with dry-run-aws nothing is read. */
function logsReader(inputs: Inputs): (region?: string) => Promise<TaskLogReader> {
  return async (region) => {
    if (inputs.dryRun.aws) return (await import('./aws/logs.js')).simulatedLogs
    return (await import('./aws/logs.js')).cloudWatchLogs(region ?? inputs.aws.region)
  }
}

/** ECR in a region, its SDK loaded at the first image a teardown removes; with dry-run-aws the
 * removal is printed. */
function imageRegistry(inputs: Inputs): (region: string) => Promise<ImageRegistry> {
  // One client a region: a cleanup removes the images of many environments.
  const clients = new Map<string, Promise<ImageRegistry>>()
  const make = async (region: string) => {
    const ecr = await import('./aws/ecr.js')
    return inputs.dryRun.aws ? ecr.printedRegistry : ecr.ecrRegistry(region)
  }
  return (region) => {
    const client = clients.get(region) ?? make(region)
    clients.set(region, client)
    return client
  }
}

/** The full commit that this repository's service of a PR's commit records, if it records one. */
async function runningCommit(
  host: () => Promise<EnvironmentHost>,
  repository: string,
  pr: number,
  sha: string
): Promise<string | null> {
  return recordedCommit(await (await host()).describeService(serviceName(pr, sha)), repository)
}

/** This repository's environments in the cluster, by their ownership tags. */
async function environments(
  host: () => Promise<EnvironmentHost>,
  repository: string
): Promise<readonly LiveEnvironment[]> {
  return environmentsOf(await (await host()).listServices(), repository)
}
