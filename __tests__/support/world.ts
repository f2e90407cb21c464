// One test world: the GitHub and AWS emulators, a fake docker on PATH and the app that answers the
// health check, plus helpers to run the committed bundle against them as a runner would.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pullRequestEvent } from '../../__fixtures__/events.js'
import { AppServer } from './app-server.js'
import { AwsEmulator } from './aws-emulator.js'
import { GitHubEmulator } from './github-emulator.js'
import {
  type FakeDocker,
  type RunOptions,
  type RunResult,
  fakeDocker,
  runAction
} from './run-action.js'

export const START = '🎪 ⚡ showtime-trigger-start'
export const STOP = '🎪 🛑 showtime-trigger-stop'
export const FREEZE = '🎪 🧊 showtime-freeze'

/** Waits in the bundle, and the GitHub emulator's rate-limit windows, shrink by this factor. */
export const TIME_SCALE = 0.002

/**
 * The bundle's environment at TIME_SCALE: its waits shrink, and so does the 1 s it keeps between
 * GitHub writes, so a correctly paced run stays under 80 writes a (scaled) minute as it would for
 * real.
 */
export const FAST = {
  SHOWTIME_TIME_SCALE: String(TIME_SCALE),
  SHOWTIME_GITHUB_WRITE_INTERVAL_MS: String(1000 * TIME_SCALE)
}

/**
 * Inputs for a health check that is expected to see the app's own answer (`HTTP 503`): six
 * attempts 5 minutes apart, so that at TIME_SCALE a request may wait 600 ms. At the default
 * interval it may wait 10 ms, and a local answer that came later under load read as a timeout.
 */
export const ANSWERED_HEALTH_CHECK = { 'health-timeout': '30m', 'health-interval': '5m' }

export class World {
  private nextPr = 1000

  private constructor(
    readonly github: GitHubEmulator,
    readonly aws: AwsEmulator,
    readonly app: AppServer,
    readonly docker: FakeDocker
  ) {}

  static async start(): Promise<World> {
    const [github, aws, app, dir] = await Promise.all([
      GitHubEmulator.start({ timeScale: TIME_SCALE }),
      AwsEmulator.start({ stabilizeMs: 50 }),
      AppServer.start(),
      mkdtemp(join(tmpdir(), 'showtime-docker-'))
    ])
    github.setPermission('maintainer', 'maintain')
    github.setPermission('writer', 'write')
    github.setPermission('triager', 'triage')
    const docker = await fakeDocker(dir)
    app.tagOf = (image) =>
      docker.builds().find((build) => image.endsWith(`@${build.digest}`))?.image ?? image
    return new World(github, aws, app, docker)
  }

  async stop(): Promise<void> {
    await Promise.all([this.github.stop(), this.aws.stop(), this.app.stop()])
    await rm(this.docker.dir, { recursive: true, force: true })
  }

  /** A load balancer in the emulator, and the inputs that put previews behind it at `domain`. */
  behindLoadBalancer(domain: string): Record<string, string> {
    return {
      'load-balancer-listener-arn': this.aws.elb.addLoadBalancer(),
      'preview-domain': domain,
      'assign-public-ip': 'false'
    }
  }

  /** A fake docker that fails (or, for `npm run bench`, takes its time, or prints `output`). */
  async setDocker(options: {
    exitCode?: number
    delayMs?: number
    output?: readonly string[]
  }): Promise<void> {
    await fakeDocker(this.docker.dir, options)
  }

  newPr(
    labels: string[],
    headSha: string,
    options: { fork?: boolean; body?: string } = {}
  ): number {
    const number = this.nextPr++
    this.github.addPull({
      number,
      headSha,
      labels,
      ...(options.fork && { headRepo: 'contributor/superset' }),
      ...(options.body !== undefined && { body: options.body })
    })
    return number
  }

  /**
   * Runs the bundle for a pull_request_target event on PR `pr`. Its payload shows the PR as it is
   * now (its head, state, labels, description and comments), as GitHub's does for an event that
   * just happened; `eventHeadSha` and `eventLabels` make it an older event's, that shows another
   * head or other labels. Fails, naming them, when the run sent requests that GitHub or AWS would
   * refuse (a run that means to provoke them takes them with `world.github.violations.take()`
   * inside a try/finally instead).
   */
  async run(
    mode: string,
    pr: number,
    action: string,
    options: RunOptions & {
      label?: string
      sender?: string
      eventHeadSha?: string
      eventLabels?: string[]
    } = {}
  ): Promise<RunResult> {
    const pull = this.github.pull(pr)
    const { label, sender, inputs, eventHeadSha, eventLabels, ...rest } = options
    const result = await runAction({
      github: this.github,
      awsEndpoint: this.aws.url,
      pathPrepend: [this.docker.dir],
      eventName: 'pull_request_target',
      event: pullRequestEvent(action, {
        number: pr,
        headSha: eventHeadSha ?? pull.headSha,
        sender: sender ?? 'maintainer',
        labels: eventLabels ?? this.github.labelsOn(pr),
        state: pull.state,
        body: pull.body,
        comments: this.github.comments(pr).length,
        headRepo: pull.headRepo,
        ...(label && { label })
      }),
      ...rest,
      inputs: { mode, 'container-port': String(this.app.port), ...inputs },
      env: { ...FAST, ...rest.env }
    })
    this.github.violations.assertNone('GitHub')
    this.aws.violations.assertNone('AWS')
    return result
  }

  sync(pr: number, action: string, options: Parameters<World['run']>[3] = {}): Promise<RunResult> {
    return this.run('sync', pr, action, options)
  }

  labels(pr: number): string[] {
    return [...this.github.labelsOn(pr)].sort()
  }

  /** The services not deleted, sorted; with `pr`, only that PR's. */
  activeServiceNames(pr?: number): string[] {
    return this.aws
      .activeServices()
      .map((s) => s.serviceName)
      .filter((name) => pr === undefined || name.startsWith(`pr-${pr}-`))
      .sort()
  }
}
