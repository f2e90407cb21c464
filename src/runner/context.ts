// The run's context as the runner describes it in GITHUB_* variables and the event file: what
// @actions/github's `context` reads, for the fields Showtime uses. @actions/github itself is not
// imported: its entry module loads undici (a megabyte of code) to make requests, and Showtime's
// GitHub client makes them with node:http (src/github/fetch.ts).

import { existsSync, readFileSync } from 'node:fs'
import { EOL } from 'node:os'
import type { Repository } from '../github/client.js'

export class Context {
  /** The webhook payload of the event that started the run. */
  readonly payload: Record<string, unknown>
  readonly eventName: string
  /** GITHUB_REF: the branch or tag the run is for, such as refs/heads/main. */
  readonly ref: string
  readonly actor: string
  readonly runId: number
  readonly serverUrl: string

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.env = env
    this.payload = {}
    const eventPath = env.GITHUB_EVENT_PATH
    if (eventPath) {
      if (existsSync(eventPath))
        this.payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>
      else process.stdout.write(`GITHUB_EVENT_PATH ${eventPath} does not exist${EOL}`)
    }
    this.eventName = env.GITHUB_EVENT_NAME ?? ''
    this.ref = env.GITHUB_REF ?? ''
    this.actor = env.GITHUB_ACTOR ?? ''
    this.runId = parseInt(env.GITHUB_RUN_ID ?? '', 10)
    this.serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com'
  }

  private readonly env: NodeJS.ProcessEnv

  /** The repository the workflow runs in: GITHUB_REPOSITORY, else the payload's repository. */
  get repo(): Repository {
    const repository = this.env.GITHUB_REPOSITORY
    if (repository) {
      const [owner = '', repo = ''] = repository.split('/')
      return { owner, repo }
    }
    const fromPayload = this.payload.repository as
      { owner?: { login?: string }; name?: string } | undefined
    if (fromPayload?.owner?.login && fromPayload.name)
      return { owner: fromPayload.owner.login, repo: fromPayload.name }
    throw new Error(
      "context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'"
    )
  }
}
