// Tells people on the PR what happened: the sticky comment and the GitHub deployment of the
// commit. Neither may fail a run: a problem here is a warning, the environment matters more.

import * as core from '@actions/core'
import { type CommentEvent, type CommentFacts, renderComment } from './domain/comment.js'
import { oneLine } from './errors.js'
import type { StickyComment } from './github/comments.js'
import type { DeploymentState, Deployments } from './github/deployments.js'

export interface NotifierOptions {
  readonly pr: number
  /** The PR's comment count as read at the start (0 spares the search for the sticky comment). */
  readonly commentCount: number
  readonly environment: string
  readonly facts: Omit<CommentFacts, 'sha'>
  readonly comments?: StickyComment
  readonly deployments?: Deployments
  readonly dryRun: boolean
  /** A deployment an earlier step of the run started (the post step finishes it). */
  readonly deploymentId?: number
}

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
    const { comments, dryRun, pr, commentCount } = this.options
    if (!comments) return
    const body = renderComment(event, { ...this.options.facts, ...facts, sha })
    if (dryRun) {
      core.info(`[dry-run-github] would set the PR comment to:\n${body}`)
      return
    }
    await this.quietly('update the PR comment', () => comments.upsert(pr, body, commentCount))
  }

  async deploymentStarted(sha: string): Promise<void> {
    const { deployments, dryRun, environment } = this.options
    if (!deployments) return
    if (dryRun) {
      core.info(
        `[dry-run-github] would create a deployment of ${sha} in ${environment}, in progress`
      )
      return
    }
    await this.quietly('create the deployment', async () => {
      this.deploymentId = await deployments.start(
        sha,
        environment,
        `Showtime environment of ${sha.slice(0, 7)}`,
        this.status()
      )
    })
  }

  async deploymentFinished(
    state: Extract<DeploymentState, 'success' | 'failure'>,
    environmentUrl?: string
  ): Promise<void> {
    const { deployments, dryRun } = this.options
    const id = this.deploymentId
    if (!deployments || (id === undefined && !dryRun)) return
    if (dryRun) {
      core.info(
        `[dry-run-github] would set the deployment to ${state}${environmentUrl ? ` at ${environmentUrl}` : ''}`
      )
      return
    }
    await this.quietly(`set the deployment to ${state}`, () =>
      deployments.setStatus(id as number, state, this.status(environmentUrl))
    )
  }

  async deploymentsGone(): Promise<void> {
    const { deployments, dryRun, environment } = this.options
    if (!deployments) return
    if (dryRun) {
      core.info(`[dry-run-github] would mark the deployment in ${environment} inactive`)
      return
    }
    await this.quietly('mark the deployment inactive', () =>
      deployments.deactivate(environment, this.status())
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
