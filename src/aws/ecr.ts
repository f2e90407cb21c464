// Amazon ECR: one call, the removal of one image tag. An image that is already gone is no error.

import { BatchDeleteImageCommand, ECRClient } from '@aws-sdk/client-ecr'
import type { EcrImage } from '../domain/image-cleanup.js'
import * as core from '../runner/core.js'
import { explainErrors } from './errors.js'

export interface ImageRegistry {
  /** Removes the image's tag; 'absent' when there was none. */
  deleteImage(image: EcrImage): Promise<'deleted' | 'absent'>
}

export function ecrRegistry(region: string): ImageRegistry {
  const client = new ECRClient({ region, maxAttempts: 5, customUserAgent: 'showtime' })
  explainErrors(client, { service: 'ecr', region })
  return {
    async deleteImage({ registryId, repositoryName, tag }) {
      const out = await client.send(
        new BatchDeleteImageCommand({
          registryId,
          repositoryName,
          imageIds: [{ imageTag: tag }]
        })
      )
      const failure = out.failures?.[0]
      if (failure && failure.failureCode !== 'ImageNotFound')
        throw new Error(
          `ECR did not delete ${repositoryName}:${tag}: ${failure.failureReason ?? failure.failureCode}`
        )
      if ((out.imageIds ?? []).length === 0) {
        core.info(`${repositoryName}:${tag} was already gone`)
        return 'absent'
      }
      core.info(`deleted the image ${repositoryName}:${tag}`)
      return 'deleted'
    }
  }
}

/** dry-run-aws: the removal is printed. */
export const printedRegistry: ImageRegistry = {
  async deleteImage({ repositoryName, tag }) {
    core.info(`[dry-run-aws] would delete the image ${repositoryName}:${tag}`)
    return 'deleted'
  }
}
