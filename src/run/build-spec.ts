// What one image build is: the docker inputs, the image it pushes (or none, for a cache-only build
// of the default branch) and the caches it reads and writes (domain/build-cache.ts).

import type { Inputs } from '../config/inputs.js'
import type { BuildSpec } from '../docker/build.js'
import { type CacheOwner, cacheArguments } from '../domain/build-cache.js'

/** A PR's build pushes its image; the default branch's build only writes the cache. */
export function buildSpec(docker: Inputs['docker'], owner: CacheOwner, image?: string): BuildSpec {
  const cache = cacheArguments(docker.cache, owner, {
    imageRepository: docker.imageRepository,
    ghaAvailable: docker.ghaCacheAvailable
  })
  return {
    platform: docker.platform,
    ...(docker.dockerfile !== undefined && { dockerfile: docker.dockerfile }),
    ...(docker.target !== undefined && { target: docker.target }),
    buildArgs: docker.buildArgs,
    context: docker.context,
    cacheFrom: cache.from,
    cacheTo: cache.to,
    ...(cache.note !== undefined && { cacheNote: cache.note }),
    output: image === undefined ? { kind: 'cache-only' } : { kind: 'push', image }
  }
}
