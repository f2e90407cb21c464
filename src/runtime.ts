// Everything a run needs except the AWS SDK, loaded by main.ts in one piece once the inputs are
// valid. The ECS/EC2 adapter, and with it the SDK, is loaded only when a run reaches AWS.

import { context } from '@actions/github'
import { loadTemplate } from './aws/template.js'
import { timeScale } from './defaults.js'
import { scaledTiming } from './deploy.js'
import { dockerBuilder } from './docker.js'
import { createOctokit } from './github/client.js'
import { stickyComment } from './github/comments.js'
import { deployments } from './github/deployments.js'
import { definitionWriter, labelWriter } from './github/labels.js'
import { pullRequestReader } from './github/pull-requests.js'
import { repositoryScanner } from './github/repository-scan.js'
import type { Inputs } from './inputs.js'
import { runCheck } from './modes/check.js'
import { runCleanup } from './modes/cleanup.js'
import { runSetState } from './modes/set-state.js'
import { runSync } from './modes/sync.js'
import { Notifier, environmentName } from './notifier.js'
import { releaseInFlight } from './post.js'
import type { InFlight } from './run-state.js'

export async function runMode(inputs: Inputs): Promise<void> {
  const github = githubRuntime(inputs.githubToken)
  const runner = { eventName: context.eventName, payload: context.payload, actor: context.actor }
  const now = Date.now
  switch (inputs.mode) {
    case 'check':
      return runCheck(inputs, { github: github.reader, runner, now })
    case 'set-state':
      return runSetState(inputs, { github: github.reader, labels: github.labels, runner, now })
    case 'sync':
      return runSync(inputs, {
        github: github.reader,
        labels: github.labels,
        runner,
        now,
        host: () => ecsHost(inputs),
        builder: dockerBuilder,
        template: () => loadTemplate(inputs.aws.taskDefinitionPath),
        timing: scaledTiming(timeScale(process.env)),
        repository: github.repository,
        notifier: notifierFactory(inputs, github)
      })
    case 'cleanup': {
      const notifier = notifierFactory(inputs, github)
      return runCleanup(inputs, {
        // The pulls list carries no comment count: look for the sticky comment every time.
        notifier: (pr) => notifier(pr, 1),
        scanner: repositoryScanner(github.octokit, github.repo),
        labels: labelWriter(github.octokit, github.repo, []),
        definitions: definitionWriter(github.octokit, github.repo),
        host: () => ecsHost(inputs),
        now
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
    host: () => ecsHost(inputs)
  })
}

type GitHubRuntime = ReturnType<typeof githubRuntime>

function githubRuntime(token: string) {
  const octokit = createOctokit(token)
  const repo = context.repo
  return {
    octokit,
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
  return (pr: number, commentCount: number) =>
    new Notifier({
      pr,
      commentCount,
      environment: environmentName(inputs.deploymentEnvironment, pr),
      facts: { repository: github.repository, serverUrl: github.serverUrl, runUrl: github.runUrl },
      ...(comments && { comments }),
      ...(records && { deployments: records }),
      dryRun: inputs.dryRun.github
    })
}

/** The ECS/EC2 adapter, loaded only when a run reaches AWS. */
async function ecsHost(inputs: Inputs) {
  return (await import('./aws/ecs.js')).ecsHost(inputs.aws.region, inputs.aws.cluster)
}
