// Whose a resource is: the one rule by which every path that changes or deletes goes (teardown on
// stop, close, expiry and roll-over, a failed or interrupted run's release, the cleanup, and the
// load balancer's rules and target groups). A resource is this repository's only when
// - it carries both ownership tags, showtime_managed=true and repository=<owner>/<repo>, and a
//   name Showtime gives (a service pr-{n}-{sha}-service or the legacy pr-{n}-service, a listener
//   rule for a host pr-{n}.{domain}, a target group st-{key}-{pr}-{sha}); or
// - it is a service of such a name without a repository tag (the Python tool's) that this
//   repository's own labels name, and adopt-untagged-services allows adopting it.
// A repository tag alone proves nothing: it is a generic key (Terraform's default_tags use it).
//
// What the rule finds ours comes as an Owned value, which nothing else makes: every adapter method
// that changes or deletes an existing resource takes one, so the compiler proves that no such call
// skips the rule.

import { shortSha } from './show.js'
import {
  type ServiceFacts,
  TAG,
  type Tags,
  awsTagValue,
  parseServiceName,
  parseTargetGroupName
} from './resources.js'

export type ResourceKind = 'service' | 'listener-rule' | 'target-group'

declare const proof: unique symbol

/** A resource the ownership rule found to be this repository's. */
export interface Owned<K extends ResourceKind> {
  readonly kind: K
  /** The service's name, the listener rule's host, the target group's name. */
  readonly name: string
  /** What AWS calls it by: the service's name in its cluster, the rule's or group's ARN. */
  readonly id: string
  /** A service without a repository tag, adopted under adopt-untagged-services. */
  readonly adopted: boolean
  readonly [proof]: K
}

/** A resource as it was just read: what it is called, and its tags. */
export interface SeenResource<K extends ResourceKind> {
  readonly kind: K
  readonly name: string
  readonly id: string
  readonly tags: Tags
}

export interface Claimant {
  /** owner/repo. */
  readonly repository: string
  /** adopt-untagged-services: a service without a repository tag that the labels name is ours. */
  readonly adoptUntagged: boolean
}

export type Claim<K extends ResourceKind> =
  | { readonly ours: true; readonly owned: Owned<K> }
  /** `reason`: why it is not ours; `why`: one line naming it, the reason, and that it is left
   * alone. */
  | { readonly ours: false; readonly reason: string; readonly why: string }

/** What the ownership tags alone say: both of this repository's; another repository's; this
 * repository's name without showtime_managed (a generic tag, someone else's); none. */
export type TagOwner = 'ours' | 'other-repository' | 'unmanaged' | 'untagged'

export function tagOwner(tags: Tags, repository: string): TagOwner {
  const owner = tags[TAG.repository]
  if (owner === undefined || owner === '') return 'untagged'
  if (owner !== awsTagValue(repository)) return 'other-repository'
  return tags[TAG.managed] === 'true' ? 'ours' : 'unmanaged'
}

/** The tags say another owner's: another repository, or a generic tag without Showtime's. */
export function taggedForAnother(tags: Tags, repository: string): boolean {
  const owner = tagOwner(tags, repository)
  return owner === 'other-repository' || owner === 'unmanaged'
}

const PREVIEW_HOST = /^pr-[1-9]\d{0,9}\./

/** Named as Showtime names resources of its kind. */
export function showtimeName(kind: ResourceKind, name: string): boolean {
  switch (kind) {
    case 'service':
      return parseServiceName(name) !== undefined
    case 'listener-rule':
      return PREVIEW_HOST.test(name.toLowerCase())
    case 'target-group':
      return parseTargetGroupName(name) !== undefined
  }
}

/** How a line names the resource. */
export function resourceLabel(kind: ResourceKind, name: string): string {
  switch (kind) {
    case 'service':
      return name
    case 'listener-rule':
      return `the listener rule for ${name}`
    case 'target-group':
      return `the target group ${name}`
  }
}

/**
 * The rule. `namedByLabels`: this repository's labels name the resource (a service of one of its
 * PR's commits), which only an untagged service's adoption needs.
 */
export function claim<K extends ResourceKind>(
  resource: SeenResource<K>,
  claimant: Claimant,
  { namedByLabels }: { readonly namedByLabels: boolean }
): Claim<K> {
  const refuse = (reason: string): Claim<K> => ({
    ours: false,
    reason,
    why: `${resourceLabel(resource.kind, resource.name)} ${reason}: it is left alone`
  })
  const { tags } = resource
  const owner = tagOwner(tags, claimant.repository)
  switch (owner) {
    case 'other-repository':
      return refuse(`belongs to ${tags[TAG.repository]}, not ${claimant.repository}`)
    case 'unmanaged':
      return refuse(
        `is tagged ${TAG.repository}=${tags[TAG.repository]} without ${TAG.managed}=true, which Showtime's own carry`
      )
    case 'untagged':
      if (resource.kind !== 'service') return refuse(`has no ${TAG.repository} tag`)
      if (!namedByLabels)
        return refuse(`has no ${TAG.repository} tag, and no label of this repository names it`)
      if (!claimant.adoptUntagged)
        return refuse(`has no ${TAG.repository} tag (adopt-untagged-services adopts it)`)
      break
    case 'ours':
      break
  }
  if (!showtimeName(resource.kind, resource.name)) return refuse("is not named like Showtime's")
  const owned = {
    kind: resource.kind,
    name: resource.name,
    id: resource.id,
    adopted: owner === 'untagged'
  } as Owned<K>
  return { ours: true, owned }
}

/** This repository's environments among a cluster's services, by their ownership tags. */
export function environmentsOf(
  services: readonly ServiceFacts[],
  repository: string
): { pr: number; sha: string }[] {
  return services.flatMap((service) => {
    if (tagOwner(service.tags, repository) !== 'ours') return []
    const named = parseServiceName(service.name)
    const pr = Number(service.tags[TAG.pr] ?? named?.pr)
    const sha = shortSha(service.tags[TAG.sha] ?? named?.sha ?? '')
    return Number.isInteger(pr) && pr > 0 ? [{ pr, sha }] : []
  })
}

/** The full commit an active service of this repository records in its `sha` tag; null when it
 * records none (older services and the Python tool's hold 7 characters or nothing), and for a
 * service that is not this repository's or not active. */
export function recordedCommit(
  service: { readonly status: string; readonly tags: Tags },
  repository: string
): string | null {
  if (service.status !== 'ACTIVE' || tagOwner(service.tags, repository) !== 'ours') return null
  const sha = service.tags[TAG.sha]
  return sha !== undefined && /^[0-9a-f]{40}$/.test(sha) ? sha : null
}
