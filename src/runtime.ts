// Everything a run needs except the AWS SDK, loaded by main.ts in one piece once the inputs are
// valid. The ECS/EC2 adapter, and with it the SDK, is loaded only when a run reaches AWS.

import * as core from '@actions/core'
import { context } from '@actions/github'
import { timeScale } from './defaults.js'
import { scaledTiming } from './deploy.js'
import { dockerBuilder } from './docker.js'
import type { LiveEnvironment } from './domain/planner.js'
import { environmentsOf } from './domain/resources.js'
import type { TaskDefinitionTemplate } from './domain/task-definition.js'
import { oneLine } from './errors.js'
import { createOctokit } from './github/client.js'
import { stickyComment } from './github/comments.js'
import { deployments } from './github/deployments.js'
import { definitionWriter, labelWriter } from './github/labels.js'
import { pullRequestReader } from './github/pull-requests.js'
import { dryRunProbe, httpProbe } from './http/health-probe.js'
import { repositoryScanner } from './github/repository-scan.js'
import type { InFlight } from './in-flight.js'
import type { Inputs } from './inputs.js'
import { runCheck } from './modes/check.js'
import { runCleanup } from './modes/cleanup.js'
import { runSetState } from './modes/set-state.js'
import { runSync } from './modes/sync.js'
import { Notifier, environmentName } from './notifier.js'
import { releaseInFlight } from './post.js'

export async function runMode(inputs: Inputs, template: TaskDefinitionTemplate): Promise<void> {
  const github = githubRuntime(inputs.githubToken)
  const runner = { eventName: context.eventName, payload: context.payload, actor: context.actor }
  const now = Date.now
  const host = () => ecsHost(inputs)
  switch (inputs.mode) {
    case 'check':
      return runCheck(inputs, {
        github: github.reader,
        runner,
        now,
        budget: github.budget,
        // check may run before the AWS credentials are set up: then sync counts.
        environments: async () => {
          try {
            return await environments(inputs, host, github.repository)
          } catch (error) {
            core.info(`the running environments could not be counted here: ${oneLine(error)}`)
            return undefined
          }
        }
      })
    case 'set-state':
      return runSetState(inputs, { github: github.reader, labels: github.labels, runner, now })
    case 'sync':
      return runSync(inputs, {
        github: github.reader,
        labels: github.labels,
        runner,
        now,
        budget: github.budget,
        environments: () => environments(inputs, host, github.repository),
        host,
        builder: dockerBuilder,
        template,
        probe: inputs.dryRun.aws ? dryRunProbe : httpProbe,
        timing: scaledTiming(timeScale(process.env), {
          timeoutSeconds: inputs.healthTimeoutSeconds,
          intervalSeconds: inputs.healthIntervalSeconds
        }),
        repository: github.repository,
        notifier: notifierFactory(inputs, github)
      })
    case 'cleanup': {
      const notifier = notifierFactory(inputs, github)
      return runCleanup(inputs, {
        // The pulls list carries no comment count: look for the sticky comment every time.
        notifier: (pr) => notifier(pr, 1),
        scanner: repositoryScanner(github.octokit, github.repo),
        // Cleanup plans the definitions it creates: its writer never creates one on its own.
        labels: labelWriter(github.octokit, github.repo, [], { createDefinitions: false }),
        definitions: definitionWriter(github.octokit, github.repo),
        host,
        now,
        repository: github.repository,
        budget: github.budget
      })
    }
  }
}

/** The post step: release what an interrupted sync held. */
export async function runPost(inputs: Inputs, inFlight: InFlight): Promise<void> {
  const github = githubRuntime(inputs.githubToken)
  await releaseInFlight(inFlight, {
    github: github.reader,
    labels: github.labels,
    host: () => ecsHost(inputs),
    notifier: notifierFactory(inputs, github)
  })
}

type GitHubRuntime = ReturnType<typeof githubRuntime>

function githubRuntime(token: string) {
  const { octokit, budget } = createOctokit(token)
  const repo = context.repo
  return {
    octokit,
    budget,
    repo,
    reader: pullRequestReader(octokit, repo),
    labels: (known: readonly string[]) => labelWriter(octokit, repo, known),
    repository: `${repo.owner}/${repo.repo}`,
    serverUrl: context.serverUrl,
    runUrl: `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
  }
}

/** The sticky comment and the deployments of a PR, as the comment and deployments inputs ask. */
function notifierFactory(inputs: Inputs, github: GitHubRuntime) {
  const comments = inputs.comment ? stickyComment(github.octokit, github.repo) : undefined
  const records = inputs.deployments ? deployments(github.octokit, github.repo) : undefined
  return (pr: number, commentCount: number, deploymentId?: number) =>
    new Notifier({
      pr,
      commentCount,
      environment: environmentName(inputs.deploymentEnvironment, pr),
      facts: { repository: github.repository, serverUrl: github.serverUrl, runUrl: github.runUrl },
      ...(comments && { comments }),
      ...(records && { deployments: records }),
      ...(deploymentId !== undefined && { deploymentId }),
      dryRun: inputs.dryRun.github
    })
}

/** This repository's environments in the cluster, by their ownership tags; none are counted with
 * dry-run-aws, which never reaches AWS. */
async function environments(
  inputs: Inputs,
  host: () => Promise<Awaited<ReturnType<typeof ecsHost>>>,
  repository: string
): Promise<readonly LiveEnvironment[] | undefined> {
  if (inputs.dryRun.aws) return undefined
  return environmentsOf(await (await host()).listServices(), repository)
}

/** The ECS/EC2 adapter, loaded only when a run reaches AWS. */
async function ecsHost(inputs: Inputs) {
  return (await import('./aws/ecs.js')).ecsHost(inputs.aws.region, inputs.aws.cluster)
}
