// The AWS resources of an environment: their names and their tags. Names are byte-compatible with
// the Python tool, so that the services it created stay manageable; the tags say which repository
// created a resource, because clusters are shared between teams (whose it is: ownership.ts).

import { shortSha } from './show.js'

export function serviceBaseName(pr: number, sha: string): string {
  return `pr-${pr}-${shortSha(sha)}`
}

export function serviceName(pr: number, sha: string): string {
  return `${serviceBaseName(pr, sha)}-service`
}

export function imageTag(pr: number, sha: string): string {
  return `${serviceBaseName(pr, sha)}-ci`
}

export function imageReference(repository: string, pr: number, sha: string): string {
  return `${repository}:${imageTag(pr, sha)}`
}

/** FNV-1a (32 bit) of the text's UTF-8 bytes: short, stable values derived from a longer text. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** Six hex characters that stand for `owner/repo` (GitHub's names ignore case) in names that
 * are unique per account and region, where two repositories' PR 12 must not collide. */
export function repositoryKey(repository: string): string {
  return fnv1a(repository.toLowerCase()).toString(16).padStart(8, '0').slice(0, 6)
}

/** `st-{repository key}-{pr}-{sha}`: at most 28 characters, within ELB's 32 for a target group. */
export function targetGroupName(repository: string, pr: number, sha: string): string {
  return `st-${repositoryKey(repository)}-${pr}-${shortSha(sha)}`
}

const TARGET_GROUP = /^st-([0-9a-f]{6})-(\d+)-([0-9a-f]{7})$/

/** A target group named like Showtime's, with the repository key it carries. */
export function parseTargetGroupName(
  name: string
): { repositoryKey: string; pr: number; sha: string } | undefined {
  const match = TARGET_GROUP.exec(name)
  return match ? { repositoryKey: match[1]!, pr: Number(match[2]), sha: match[3]! } : undefined
}

/** `arn:…:targetgroup/{name}/{id}` → its name. */
export function targetGroupNameOfArn(arn: string): string {
  return arn.split(':').slice(5).join(':').split('/')[1] ?? ''
}

/** The PR's stable host behind the shared load balancer. */
export function previewHost(pr: number, previewDomain: string): string {
  return `pr-${pr}.${previewDomain}`.toLowerCase()
}

export function previewUrl(pr: number, previewDomain: string): string {
  return `https://${previewHost(pr, previewDomain)}`
}

/** The PR a host of the preview domain stands for. */
export function parsePreviewHost(host: string, previewDomain: string): number | undefined {
  const suffix = `.${previewDomain}`.toLowerCase()
  const lower = host.toLowerCase()
  if (!lower.endsWith(suffix)) return undefined
  const match = /^pr-([1-9]\d{0,9})$/.exec(lower.slice(0, -suffix.length))
  return match ? Number(match[1]) : undefined
}

/** While no commit of the PR has gone live, its listener rule also asks for this header (with the
 * commit as its value): the rule exists, so its target group is attached to the load balancer as
 * ECS requires, yet it answers no ordinary request. */
export const PENDING_HEADER = 'X-Showtime-Pending'

/** The task of a PR's GitHub deployments: it tells one PR's deployments from another's in an
 * environment that all previews share. */
export function deploymentTask(pr: number): string {
  return `deploy:pr-${pr}`
}

const SERVICE = /^pr-(\d+)-([0-9a-f]{7})-service$/
const LEGACY_SERVICE = /^pr-(\d+)-service$/

/** `pr-{n}-{sha}-service`, or the legacy `pr-{n}-service`; anything else is not named like ours. */
export function parseServiceName(name: string): { pr: number; sha?: string } | undefined {
  const current = SERVICE.exec(name)
  if (current) return { pr: Number(current[1]), sha: current[2] }
  const legacy = LEGACY_SERVICE.exec(name)
  return legacy ? { pr: Number(legacy[1]) } : undefined
}

/** The tag keys Showtime writes. `showtime_managed` and `repository` say whose a resource is. */
export const TAG = {
  managed: 'showtime_managed',
  repository: 'repository',
  pr: 'pr',
  sha: 'sha',
  requester: 'requester',
  created: 'created',
  expiresAt: 'expires-at'
} as const

export type Tags = Readonly<Record<string, string>>

/** The tags of a PR's listener rule, which serves its commits one after the other. */
export function ruleTags(repository: string, pr: number): Tags {
  return { [TAG.pr]: String(pr), ...ownershipTags(repository) }
}

/** Every resource Showtime creates carries these two tags. */
export function ownershipTags(repository: string): Tags {
  return { [TAG.managed]: 'true', [TAG.repository]: awsTagValue(repository) }
}

export interface EnvironmentTagFacts {
  readonly repository: string
  readonly pr: number
  /** The full commit: the `sha` tag is what proves which commit an environment runs. */
  readonly sha: string
  readonly requester: string
  readonly createdMs: number
  /** When the environment expires; undefined when it lives until the PR closes. */
  readonly expiresMs: number | undefined
}

/**
 * The image an environment runs: `{repository}@sha256:…`, the one its build produced, by its
 * digest, which no one can move as they can move a tag. Only a build that was a dry run (no
 * digest) leaves the tag. A digest that is not sha256 hex fails the run.
 */
export function deployedImage(tagged: string, repository: string, digest?: string): string {
  if (digest === undefined) return tagged
  if (!/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new Error(`the build reported the image digest "${digest}", not a sha256 digest`)
  return `${repository}@${digest}`
}

/** The tags of an environment's service, task definition and target group. */
export function environmentTags(facts: EnvironmentTagFacts): Tags {
  const seconds = (ms: number) => String(Math.floor(ms / 1000))
  return {
    [TAG.pr]: String(facts.pr),
    [TAG.sha]: facts.sha,
    [TAG.requester]: awsTagValue(facts.requester),
    [TAG.created]: seconds(facts.createdMs),
    [TAG.expiresAt]: facts.expiresMs === undefined ? 'never' : seconds(facts.expiresMs),
    ...ownershipTags(facts.repository)
  }
}

// AWS's published constraint on tag values (ECS `TagValue`): letters, separators, numbers and
// `_ . : / = + - @`, at most 256 characters. `dependabot[bot]` or a login cut with `…` break it.
const TAG_VALUE_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u
const MAX_TAG_VALUE = 256

/** A value AWS accepts as a tag value: every other character becomes `_`. */
export function awsTagValue(text: string): string {
  return [...text]
    .map((character) => (TAG_VALUE_CHARACTER.test(character) ? character : '_'))
    .slice(0, MAX_TAG_VALUE)
    .join('')
}

export interface ServiceFacts {
  readonly name: string
  readonly createdAt?: number
  readonly tags: Tags
}

/**
 * The `AWS/ApplicationELB` metric dimensions of a target group behind a load balancer, as AWS
 * documents them: `LoadBalancer` is the final portion of the load balancer's ARN (`app/name/id`,
 * read here from the listener's, `listener/app/name/id/listener-id`), `TargetGroup` the final
 * portion of the target group's (`targetgroup/name/id`). Undefined for an ARN of another form.
 */
export function requestMetricDimensions(
  listenerArn: string,
  targetGroupArn: string
): { readonly LoadBalancer: string; readonly TargetGroup: string } | undefined {
  const listener =
    /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:listener\/(app\/[^/]+\/[^/]+)\/[^/]+$/.exec(
      listenerArn
    )
  const group = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:(targetgroup\/[^/]+\/[^/]+)$/.exec(
    targetGroupArn
  )
  if (!listener || !group) return undefined
  return { LoadBalancer: listener[1]!, TargetGroup: group[1]! }
}
