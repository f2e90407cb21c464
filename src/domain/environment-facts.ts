// What the PR's labels say about one environment, for people and for its AWS tags: who asked for
// it, when it was created, and until when it lives under the PR's TTL (or the ttl input); and
// which environment a notice on the PR leaves described.

import { type Addressing, showUrl } from './address.js'
import { type LabelState, activeShow } from './label-state.js'
import type { EnvironmentTagFacts } from './resources.js'
import { createdAtMs, shortSha, statusClass } from './show.js'
import { type Ttl, ttlMilliseconds } from './ttl.js'

export interface EnvironmentFacts {
  readonly requester?: string
  readonly createdAt?: number
  /** The TTL's text (`48h`, `close`). */
  readonly ttl: string
  /** Undefined when the environment is kept until the PR closes, or its creation is unknown. */
  readonly expiresAt?: number
}

/** When an environment created at `createdMs` expires: never under a `close` TTL. */
export function expiryOf(
  labels: LabelState,
  defaultTtl: Ttl,
  createdMs: number
): number | undefined {
  const lifetime = ttlMilliseconds(labels.ttl ?? defaultTtl)
  return Number.isFinite(lifetime) ? createdMs + lifetime : undefined
}

export function environmentFacts(
  labels: LabelState,
  sha: string,
  defaultTtl: Ttl
): EnvironmentFacts {
  const show = labels.shows.find((s) => s.sha === sha)
  const created = show && createdAtMs(show)
  const expiresAt = created === undefined ? undefined : expiryOf(labels, defaultTtl, created)
  return {
    ...(show?.requester && { requester: show.requester }),
    ...(created !== undefined && { createdAt: created }),
    ttl: (labels.ttl ?? defaultTtl).text,
    ...(expiresAt !== undefined && { expiresAt })
  }
}

/** The facts an environment deployed now is tagged with in AWS. */
export function deployTagFacts(
  labels: LabelState,
  deploy: {
    readonly repository: string
    readonly pr: number
    /** The full commit, which the `sha` tag records. */
    readonly sha: string
    readonly now: number
  },
  defaultTtl: Ttl
): EnvironmentTagFacts {
  return {
    repository: deploy.repository,
    pr: deploy.pr,
    sha: deploy.sha,
    requester: labels.shows.find((s) => s.sha === shortSha(deploy.sha))?.requester ?? 'unknown',
    createdMs: deploy.now,
    expiresMs: expiryOf(labels, defaultTtl, deploy.now)
  }
}

/** The environment a notice leaves described in the comment: the one that serves (with its
 * address), else one being built, else none. */
export type NoticeSubject =
  | { readonly status: 'running'; readonly sha: string; readonly url?: string }
  | { readonly status: 'building'; readonly sha: string }

export function noticeSubject(
  pr: number,
  labels: LabelState,
  addressing: Addressing
): NoticeSubject | undefined {
  const serving = activeShow(labels)
  if (serving) {
    const url = showUrl(pr, labels, serving, addressing)
    return { status: 'running', sha: serving.sha, ...(url && { url }) }
  }
  const building = labels.shows.find((s) => statusClass(s.status) === 'in-progress')
  return building && { status: 'building', sha: building.sha }
}
