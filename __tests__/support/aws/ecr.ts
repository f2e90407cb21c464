// Amazon ECR (JSON 1.1, `x-amz-target: AmazonEC2ContainerRegistry_V20150921.<Action>`): private
// repositories with their tagged images, and BatchDeleteImage. A test seeds the images (the fake
// docker pushes nowhere); a tag that is not there is a failure of the answer, not an error, as ECR
// reports it.

import { AwsError } from '../aws-model.js'
import { hexOf } from '../http-emulator.js'
import { type Json, records, str } from './records.js'

export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.'

export class EcrState {
  /** Repository → tag → digest. */
  private readonly repositories = new Map<string, Map<string, string>>()

  constructor(
    readonly region: string,
    readonly accountId: string
  ) {}

  createRepository(name: string): void {
    if (!this.repositories.has(name)) this.repositories.set(name, new Map())
  }

  /** A tagged image in the repository (created if needed). */
  putImage(repository: string, tag: string): void {
    this.createRepository(repository)
    this.repositories.get(repository)?.set(tag, `sha256:${hexOf(`${repository}:${tag}`, 64)}`)
  }

  /** The repository's tags, sorted. */
  tags(repository: string): string[] {
    return [...(this.repositories.get(repository)?.keys() ?? [])].sort()
  }

  repositoryArn(name: string): string {
    return `arn:aws:ecr:${this.region}:${this.accountId}:repository/${name}`
  }

  batchDeleteImage(input: Json): Json {
    const registry = str(input.registryId)
    const name = str(input.repositoryName) ?? ''
    const images = this.repositories.get(name)
    if ((registry !== undefined && registry !== this.accountId) || !images)
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${registry ?? this.accountId}'`
      )
    const imageIds: Json[] = []
    const failures: Json[] = []
    for (const id of records(input.imageIds)) {
      const tag = str(id.imageTag)
      if (id.imageDigest !== undefined)
        throw new Error('BatchDeleteImage by digest is not emulated')
      const digest = tag === undefined ? undefined : images.get(tag)
      if (tag === undefined || digest === undefined) {
        failures.push({
          imageId: { ...(tag !== undefined && { imageTag: tag }) },
          failureCode: tag === undefined ? 'MissingDigestAndTag' : 'ImageNotFound',
          failureReason: 'Requested image not found'
        })
        continue
      }
      images.delete(tag)
      imageIds.push({ imageDigest: digest, imageTag: tag })
    }
    return { imageIds, failures }
  }
}
