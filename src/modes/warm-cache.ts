// warm-cache: build the default branch and write the build cache that PR builds read. Only a
// trusted run may write it (a push to the default branch, or a dispatch on it): a PR's build reads
// this cache but writes only its own PR's (domain/build-cache.ts). No GitHub or AWS request.

import * as core from '../runner/core.js'
import type { Inputs } from '../config/inputs.js'
import type { ImageBuilder } from '../docker/build.js'
import { cacheScope, cacheWriterRefusal } from '../domain/build-cache.js'
import { InputError } from '../errors.js'
import { NOTHING_TO_WARM, cannotWarm, warmCacheLine } from '../presentation/warm-cache-report.js'
import { buildSpec } from '../run/build-spec.js'

export interface WarmCacheDependencies {
  readonly builder: ImageBuilder
  readonly runner: {
    readonly eventName: string
    readonly payload: Record<string, unknown>
    /** GITHUB_REF. */
    readonly ref: string
  }
}

export async function runWarmCache(inputs: Inputs, deps: WarmCacheDependencies): Promise<void> {
  const { eventName, payload, ref } = deps.runner
  const defaultBranch = (payload.repository as { default_branch?: unknown } | undefined)
    ?.default_branch
  const branch = typeof defaultBranch === 'string' ? defaultBranch : undefined
  const refusal = cacheWriterRefusal({
    eventName,
    ref,
    ...(branch !== undefined && { defaultBranch: branch })
  })
  if (refusal !== undefined) throw new InputError(`${refusal}.`)
  const spec = buildSpec(inputs.docker, { kind: 'default-branch' })
  if (spec.cacheTo.length === 0)
    throw new InputError(`${spec.cacheNote ? cannotWarm(spec.cacheNote) : NOTHING_TO_WARM}.`)
  await deps.builder.build(spec)
  core.info(
    warmCacheLine(
      inputs.docker.cache.backend,
      cacheScope(inputs.docker.cache.name, { kind: 'default-branch' }),
      branch ?? ref
    )
  )
}
