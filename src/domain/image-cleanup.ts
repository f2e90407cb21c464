// What a teardown removes besides the service: the commit's image, when the registry is Amazon
// ECR (its tag only, named by the PR and the commit, never another), and the task-definition
// revision the environment ran, when it is of the template's own family (Showtime's families start
// with `showtime`, as the IAM policy fences them). The scheduled cleanup reads no template: there
// the revision is the one a service of this repository ran, of any of Showtime's families.

import { imageTag, parseServiceName } from './resources.js'

/** An image of a private ECR repository: `{account}.dkr.ecr.{region}.amazonaws.com/{name}`. */
export interface EcrImage {
  readonly registryId: string
  readonly region: string
  readonly repositoryName: string
  readonly tag: string
}

const ECR_REPOSITORY =
  /^(?<registryId>\d{12})\.dkr\.ecr(?:-fips)?\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/(?<repositoryName>[a-z0-9][a-z0-9._/-]*)$/
const TASK_DEFINITION_REVISION =
  /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/([A-Za-z0-9_-]+):\d+$/

/** The commit's image in ECR, when the image repository input is an ECR repository. */
export function ecrImage(imageRepository: string, pr: number, sha: string): EcrImage | undefined {
  const groups = ECR_REPOSITORY.exec(imageRepository.toLowerCase())?.groups
  if (!groups) return undefined
  // The expression's three groups are not optional: a match has them all.
  const { registryId, region, repositoryName } = groups as Record<keyof EcrImage, string>
  return { registryId, region, repositoryName, tag: imageTag(pr, sha) }
}

/** Which revisions a teardown may deregister: those of the template's family (a sync, which read
 * the template), or those of any of Showtime's families (the scheduled cleanup, which reads none;
 * the service that ran the revision was found to be this repository's right before). */
export type RevisionScope =
  | { readonly kind: 'template-family'; readonly family: string | undefined }
  | { readonly kind: 'showtime-families' }

/** The revision to deregister: the environment's own, when its family is a family of Showtime's
 * and, for a sync, the template's; undefined for anything else. */
export function ownRevision(
  taskDefinitionArn: string | undefined,
  scope: RevisionScope
): string | undefined {
  const family = TASK_DEFINITION_REVISION.exec(taskDefinitionArn ?? '')?.[1]
  if (family === undefined || !family.startsWith('showtime')) return undefined
  return scope.kind === 'showtime-families' || family === scope.family
    ? taskDefinitionArn
    : undefined
}

/** The commit whose artifacts go with a service the cleanup deletes, by its name
 * (`pr-{n}-{sha}-service`, which names the image tag `pr-{n}-{sha}-ci` too); undefined for a name
 * without a commit (the Python tool's `pr-{n}-service`) or not Showtime's. */
export function commitOfService(name: string): { pr: number; sha: string } | undefined {
  const parsed = parseServiceName(name)
  return parsed?.sha === undefined ? undefined : { pr: parsed.pr, sha: parsed.sha }
}
