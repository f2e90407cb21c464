// At a commit's teardown (a sync's, or the scheduled cleanup's), after its service: its image in
// ECR (the commit's tag only) and the task-definition revision the environment ran
// (domain/image-cleanup.ts decides which). Neither
// may fail the teardown: a problem is a warning, and the registry's lifecycle policy is the
// backstop (docs/image-cleanup.md).

import type { ImageRegistry } from '../aws/ecr.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import { type RevisionScope, ecrImage, ownRevision } from '../domain/image-cleanup.js'
import { oneLine } from '../errors.js'
import * as core from '../runner/core.js'

export interface ArtifactSystems {
  readonly host: () => Promise<EnvironmentHost>
  /** ECR in a region. */
  readonly registry?: (region: string) => Promise<ImageRegistry>
  /** The image-repository input, when the run has one. */
  readonly imageRepository?: string
  /** Which revisions may be deregistered (the template's family, or any of Showtime's). */
  readonly revisions: RevisionScope
}

export async function removeCommitArtifacts(
  systems: ArtifactSystems,
  commit: { readonly pr: number; readonly sha: string; readonly taskDefinition?: string }
): Promise<void> {
  const revision = ownRevision(commit.taskDefinition, systems.revisions)
  if (revision !== undefined) {
    try {
      await (await systems.host()).deregisterTaskDefinition(revision)
    } catch (error) {
      core.warning(`could not deregister ${revision}: ${oneLine(error)}`)
    }
  }
  const image =
    systems.imageRepository === undefined
      ? undefined
      : ecrImage(systems.imageRepository, commit.pr, commit.sha)
  if (image === undefined || systems.registry === undefined) return
  try {
    await (await systems.registry(image.region)).deleteImage(image)
  } catch (error) {
    core.warning(
      `could not delete the image ${image.repositoryName}:${image.tag}: ${oneLine(error)} (the repository's lifecycle policy removes it)`
    )
  }
}
