// What warm-cache says: the cache it wrote, or why it had none to write.

import type { CacheBackend } from '../domain/build-cache.js'

export function warmCacheLine(backend: CacheBackend, scope: string, branch: string): string {
  const where =
    backend === 'registry' ? `the registry tag ${scope}` : `the ${backend} scope ${scope}`
  return `wrote the build cache of ${branch} to ${where}: PR builds read it`
}

export const NOTHING_TO_WARM =
  'mode warm-cache has no cache to write: set build-cache to gha or registry, or give cache-to'

export function cannotWarm(why: string): string {
  return `mode warm-cache cannot write the build cache: ${why}`
}
