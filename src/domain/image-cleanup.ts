// What a teardown removes besides the service: the commit's image, when the registry is Amazon
// ECR (its tag only, named by the PR and the commit, never another), and the task-definition
// revision the environment ran, when it is of the template's own family (Showtime's families start
// with `showtime`, as the IAM policy fences them).

import { imageTag } from './resources.js'

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

/** The revision to deregister: the environment's own, when its family is the template's and a
 * family of Showtime's; undefined for anything else. */
export function ownRevision(
  taskDefinitionArn: string | undefined,
  templateFamily: string | undefined
): string | undefined {
  const family = TASK_DEFINITION_REVISION.exec(taskDefinitionArn ?? '')?.[1]
  return family !== undefined && family === templateFamily && family.startsWith('showtime')
    ? taskDefinitionArn
    : undefined
}
