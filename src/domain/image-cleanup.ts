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
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._/-]*)$/

/** The commit's image in ECR, when the image repository input is an ECR repository. */
export function ecrImage(imageRepository: string, pr: number, sha: string): EcrImage | undefined {
  const match = ECR_REPOSITORY.exec(imageRepository.toLowerCase())
  if (!match) return undefined
  const [, registryId = '', region = '', repositoryName = ''] = match
  return { registryId, region, repositoryName, tag: imageTag(pr, sha) }
}

/** The revision to deregister: the environment's own, when its family is the template's and a
 * family of Showtime's; undefined for anything else. */
export function ownRevision(
  taskDefinitionArn: string | undefined,
  templateFamily: string | undefined
): string | undefined {
  if (taskDefinitionArn === undefined || templateFamily === undefined) return undefined
  const match = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/([A-Za-z0-9_-]+):\d+$/.exec(
    taskDefinitionArn
  )
  if (!match || match[1] !== templateFamily || !templateFamily.startsWith('showtime'))
    return undefined
  return taskDefinitionArn
}
