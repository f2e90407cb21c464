// A commit whose PR moved on while it built is not deployed: the run of the newer head deploys
// that one (Issue #21). Decided once the image is built, at the read of the PR right before the
// service is created or rolled forward, after the checkpoint (closed, stopped, a fork that moved
// on) has let the run go on. A fork's moved head stays the checkpoint's (it waits for a
// maintainer's approval); a commit the workflow named is deployed as it was asked.

import { sameCommit } from './planner.js'

/** The PR as the read after the build found it. */
export interface BuiltCommitPullRequest {
  readonly state: 'open' | 'closed'
  readonly headSha: string
  readonly isFork: boolean
}

export type AfterBuild =
  | { readonly kind: 'deploy' }
  /** The head moved on to `head`: the built commit is left as a failed run leaves it, so that
   * the newer head's run finds an environment on the PR and rolls it out. */
  | { readonly kind: 'skip'; readonly head: string }

export function afterBuild(
  fresh: BuiltCommitPullRequest,
  run: {
    /** The full commit the run built. */
    readonly commit: string
    /** The workflow named the commit (the sha input, a dispatch's sha) rather than the head. */
    readonly named: boolean
  }
): AfterBuild {
  if (fresh.state !== 'open' || fresh.isFork || run.named) return { kind: 'deploy' }
  return sameCommit(fresh.headSha, run.commit)
    ? { kind: 'deploy' }
    : { kind: 'skip', head: fresh.headSha }
}
