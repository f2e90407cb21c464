import * as core from '@actions/core'
import { oneLine } from './errors.js'
import { type Inputs, readInputs } from './inputs.js'
import { runState } from './run-state.js'

const POST_MARKER = 'showtime-post'

/** The action's entry point, for the main step and the post step: every failure ends here as one
 * readable line. */
export async function run(): Promise<void> {
  try {
    if (core.getState(POST_MARKER) === 'true') {
      await post()
      return
    }
    core.saveState(POST_MARKER, 'true')
    const inputs = readInputs((name) => core.getInput(name), process.env)
    core.setSecret(inputs.githubToken)
    await runMode(inputs)
  } catch (error) {
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(oneLine(error))
  }
}

// Each mode is loaded on demand, so that check does not pay for the AWS SDK's start-up.
async function runMode(inputs: Inputs): Promise<void> {
  const { github, runner, now } = await githubRuntime(inputs.githubToken)
  switch (inputs.mode) {
    case 'check': {
      const { runCheck } = await import('./modes/check.js')
      return runCheck(inputs, { github: github.reader, runner, now })
    }
    case 'set-state': {
      const { runSetState } = await import('./modes/set-state.js')
      return runSetState(inputs, { github: github.reader, labels: github.labels, runner, now })
    }
    case 'sync': {
      const [{ runSync }, { dockerBuilder }, { scaledTiming }, { loadTemplate }, { timeScale }] =
        await Promise.all([
          import('./modes/sync.js'),
          import('./docker.js'),
          import('./deploy.js'),
          import('./aws/template.js'),
          import('./defaults.js')
        ])
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
        notifier: await notifierFactory(inputs, github)
      })
    }
    case 'cleanup': {
      const [{ runCleanup }, { repositoryScanner }, { definitionWriter, labelWriter }] =
        await Promise.all([
          import('./modes/cleanup.js'),
          import('./github/repository-scan.js'),
          import('./github/labels.js')
        ])
      const notifier = await notifierFactory(inputs, github)
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

/** The sticky comment and the deployments of a PR, as the comment and deployments inputs ask. */
async function notifierFactory(
  inputs: Inputs,
  github: Awaited<ReturnType<typeof githubRuntime>>['github']
) {
  const [{ Notifier, environmentName }, { stickyComment }, { deployments }] = await Promise.all([
    import('./notifier.js'),
    import('./github/comments.js'),
    import('./github/deployments.js')
  ])
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

async function githubRuntime(token: string) {
  const [{ context }, { createOctokit }, { pullRequestReader }, { labelWriter }] =
    await Promise.all([
      import('@actions/github'),
      import('./github/client.js'),
      import('./github/pull-requests.js'),
      import('./github/labels.js')
    ])
  const octokit = createOctokit(token)
  const repo = context.repo
  return {
    github: {
      octokit,
      repo,
      reader: pullRequestReader(octokit, repo),
      labels: (known: readonly string[]) => labelWriter(octokit, repo, known),
      repository: `${repo.owner}/${repo.repo}`,
      serverUrl: context.serverUrl,
      runUrl: `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
    },
    runner: { eventName: context.eventName, payload: context.payload, actor: context.actor },
    now: Date.now
  }
}

/** The post step: release what an interrupted sync held. Costs nothing when there is nothing. */
async function post(): Promise<void> {
  const inFlight = runState.read()
  if (!inFlight) return
  const inputs = readInputs((name) => core.getInput(name), process.env)
  const [{ releaseInFlight }, { github }] = await Promise.all([
    import('./post.js'),
    githubRuntime(inputs.githubToken)
  ])
  await releaseInFlight(inFlight, {
    github: github.reader,
    labels: github.labels,
    host: () => ecsHost(inputs)
  })
  runState.clear()
}
