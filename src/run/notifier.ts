// Tells people on the PR what happened: the sticky comment and the GitHub deployments of its
// commits. Neither may fail a run: a problem here is a warning, the environment matters more.

import * as core from '../runner/core.js'
import { type CommentEvent, type CommentFacts, renderComment } from '../presentation/comment.js'
import { deploymentTask } from '../domain/resources.js'
import { oneLine } from '../errors.js'
import type { StickyComment } from '../github/comments.js'
import type { DeploymentState, Deployments } from '../github/deployments.js'

export interface NotifierOptions {
  readonly pr: number
  /** The PR's comment count as read at the start (0 spares the search for the sticky comment). */
  readonly commentCount: number
  readonly environment: string
  readonly facts: Omit<CommentFacts, 'sha'>
  readonly comments?: StickyComment
  readonly deployments?: Deployments
  /** A deployment an earlier step of the run started (the post step finishes it). */
  readonly deploymentId?: number
}

/** The GitHub environment of a PR's deployments: `{pr}` in the input stands for its number. */
export function environmentName(template: string, pr: number): string {
  return template.replaceAll('{pr}', String(pr))
}

export class Notifier {
  private deploymentId: number | undefined

  constructor(private readonly options: NotifierOptions) {
    this.deploymentId = options.deploymentId
  }

  /** The deployment this run started, if it did. */
  get deployment(): number | undefined {
    return this.deploymentId
  }

  async comment(
    event: CommentEvent,
    sha: string,
    facts: Partial<CommentFacts> = {}
  ): Promise<void> {
    const { comments, pr, commentCount } = this.options
    if (!comments) return
    const body = renderComment(event, { ...this.options.facts, ...facts, sha })
    await this.quietly('update the PR comment', () => comments.upsert(pr, body, commentCount))
  }

  async deploymentStarted(sha: string): Promise<void> {
    const { deployments, environment, pr } = this.options
    if (!deployments) return
    await this.quietly('create the deployment', async () => {
      this.deploymentId = await deployments.start(
        sha,
        environment,
        deploymentTask(pr),
        `Showtime environment of PR #${pr} at ${sha.slice(0, 7)}`,
        this.status()
      )
    })
  }

  /** The post step of a run stopped while it started its deployment (created, its id not yet
   * recorded): that deployment, still in progress for the commit, is the run's to finish. */
  async findUnrecordedDeployment(sha: string): Promise<void> {
    const { deployments, environment, pr } = this.options
    if (!deployments || this.deploymentId !== undefined) return
    await this.quietly('read the deployments', async () => {
      const [id] = await deployments.inProgress(environment, deploymentTask(pr), sha)
      this.deploymentId = id
    })
  }

  async deploymentFinished(
    state: Extract<DeploymentState, 'success' | 'failure'>,
    environmentUrl?: string
  ): Promise<void> {
    const { deployments } = this.options
    const id = this.deploymentId
    if (!deployments || id === undefined) return
    await this.quietly(`set the deployment to ${state}`, () =>
      deployments.setStatus(id, state, this.status(environmentUrl))
    )
  }

  /** Every live deployment of the PR goes inactive ("destroyed"), but this run's own when it
   * serves: after a teardown, or once a roll-over has replaced the older commits. */
  async deploymentsGone(options: { keepOwn?: boolean } = {}): Promise<void> {
    const { deployments, environment, pr } = this.options
    if (!deployments) return
    const keep = options.keepOwn ? this.deploymentId : undefined
    await this.quietly('mark the deployments inactive', () =>
      deployments.deactivate(environment, deploymentTask(pr), this.status(), keep)
    )
  }

  private status(environmentUrl?: string) {
    const logUrl = this.options.facts.runUrl
    return { ...(environmentUrl && { environmentUrl }), ...(logUrl && { logUrl }) }
  }

  private async quietly(what: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call()
    } catch (error) {
      core.warning(`could not ${what}: ${oneLine(error)}`)
    }
  }
}
