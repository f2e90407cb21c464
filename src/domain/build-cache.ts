// The build cache: which caches a build reads and which one it writes. The default branch's cache
// is written only by a trusted run of the default branch (mode warm-cache); a PR's build reads it
// and its own PR's cache, and writes only its own PR's. Under pull_request_target every PR's
// build runs on the base branch's ref, where GitHub's cache has no per-PR isolation: the scope (a
// registry tag for the registry cache) is what keeps one PR's layers out of what the default
// branch and the other PRs read.

export const CACHE_BACKENDS = ['gha', 'registry', 'none'] as const
export type CacheBackend = (typeof CACHE_BACKENDS)[number]

/** The inputs that choose the cache. */
export interface CacheSettings {
  readonly backend: CacheBackend
  /** The default branch's scope (gha) or tag (registry); a PR's adds `-pr-{number}`. */
  readonly name: string
  /** cache-from values given explicitly: they replace the generated reads. */
  readonly from?: readonly string[]
  /** cache-to values given explicitly: they replace the generated write. */
  readonly to?: readonly string[]
}

/** Whose build it is: a PR's (untrusted code), or the default branch's (trusted). */
export type CacheOwner =
  { readonly kind: 'pull-request'; readonly pr: number } | { readonly kind: 'default-branch' }

export interface CacheFacts {
  /** Where the registry cache lives: the image repository, without a tag. */
  readonly imageRepository: string
  /** The runner gave this process the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN and
   * a cache URL), which the docker child inherits. */
  readonly ghaAvailable: boolean
}

export interface CacheArguments {
  /** One `--cache-from` each, in order. */
  readonly from: readonly string[]
  /** One `--cache-to` each. */
  readonly to: readonly string[]
  /** Why the build has none of the cache it was asked for, when it has none. */
  readonly note?: string
}

/** A scope or tag name: a Docker tag (which also fits a gha scope), short enough for the PR
 * suffix, and without the commas and `=` of buildx's CSV values. */
export const CACHE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/

/** The scope (gha) or tag (registry) the owner's build writes. */
export function cacheScope(name: string, owner: CacheOwner): string {
  return owner.kind === 'pull-request' ? `${name}-pr-${owner.pr}` : name
}

/** The scopes the owner's build reads: a PR's own first, then the default branch's. */
export function readScopes(name: string, owner: CacheOwner): string[] {
  return owner.kind === 'pull-request' ? [cacheScope(name, owner), name] : [name]
}

/** The `--cache-from` and `--cache-to` values of one build. */
export function cacheArguments(
  settings: CacheSettings,
  owner: CacheOwner,
  facts: CacheFacts
): CacheArguments {
  const generated = generatedArguments(settings, owner, facts)
  return {
    from: settings.from ?? generated.from,
    to: settings.to ?? generated.to,
    ...(generated.note !== undefined &&
      (settings.from === undefined || settings.to === undefined) && { note: generated.note })
  }
}

function generatedArguments(
  { backend, name }: CacheSettings,
  owner: CacheOwner,
  { imageRepository, ghaAvailable }: CacheFacts
): CacheArguments {
  const written = cacheScope(name, owner)
  switch (backend) {
    case 'none':
      return { from: [], to: [] }
    case 'gha':
      if (!ghaAvailable)
        return {
          from: [],
          to: [],
          note: 'the GitHub Actions cache service is not available to this step (no ACTIONS_RUNTIME_TOKEN)'
        }
      return {
        from: readScopes(name, owner).map((scope) => `type=gha,scope=${scope}`),
        to: [`type=gha,scope=${written},mode=max,ignore-error=true`]
      }
    case 'registry': {
      const ref = (tag: string) => `${imageRepository}:${tag}`
      return {
        from: readScopes(name, owner).map((tag) => `type=registry,ref=${ref(tag)}`),
        // ECR needs an image manifest in OCI media types; Docker Hub and GHCR take it too.
        to: [
          `type=registry,ref=${ref(written)},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`
        ]
      }
    }
  }
}

/** The run that asks to write the default branch's cache, as the runner describes it. */
export interface CacheWriterRun {
  readonly eventName: string
  /** GITHUB_REF, such as refs/heads/main. */
  readonly ref: string
  /** The repository's default branch, from the event's payload. */
  readonly defaultBranch?: string
}

/** Events whose runs execute the default branch's own workflow and code. */
const TRUSTED_EVENTS = ['push', 'workflow_dispatch']

/** Why this run may not write the default branch's cache, or undefined when it may: only a push
 * to the default branch (or a dispatch on it) runs code that every PR may then build on. */
export function cacheWriterRefusal(run: CacheWriterRun): string | undefined {
  if (!TRUSTED_EVENTS.includes(run.eventName))
    return `mode warm-cache writes the cache every PR reads: it runs only on ${TRUSTED_EVENTS.join(' or ')} of the default branch, not on ${run.eventName || 'an unknown event'}`
  if (!run.defaultBranch)
    return `mode warm-cache cannot tell the repository's default branch: the ${run.eventName} event names none`
  if (run.ref !== `refs/heads/${run.defaultBranch}`)
    return `mode warm-cache writes the default branch's cache: it runs on ${run.defaultBranch}, not on ${run.ref || 'an unknown ref'}`
  return undefined
}
