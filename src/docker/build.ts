// Builds and pushes the PR's image with docker buildx, through @actions/exec with an argv array
// (loaded when a build starts: it brings node:child_process and node:assert, which a run that
// builds nothing need not load).

import * as core from '../runner/core.js'
import type { Inputs } from '../config/inputs.js'

/** The docker inputs, with the full image reference in place of the repository. */
export type BuildSpec = Omit<Inputs['docker'], 'imageRepository'> & { readonly image: string }

export interface ImageBuilder {
  build(spec: BuildSpec): Promise<void>
}

/** `docker buildx build --push --load --platform … [--file …] [--target …] --build-arg K=V … -t image context` */
export function buildCommand(spec: BuildSpec): string[] {
  return [
    'buildx',
    'build',
    '--push',
    '--load',
    '--platform',
    spec.platform,
    ...(spec.dockerfile ? ['--file', spec.dockerfile] : []),
    ...(spec.target ? ['--target', spec.target] : []),
    ...spec.buildArgs.flatMap((arg) => ['--build-arg', `${arg.name}=${arg.value}`]),
    ...(spec.cacheFrom ? ['--cache-from', spec.cacheFrom] : []),
    ...(spec.cacheTo ? ['--cache-to', spec.cacheTo] : []),
    '-t',
    spec.image,
    spec.context
  ]
}

export const dockerBuilder: ImageBuilder = {
  async build(spec) {
    const args = buildCommand(spec)
    const { exec } = await import('@actions/exec')
    const code = await core.group(`docker ${args.join(' ')}`, () =>
      exec('docker', args, { ignoreReturnCode: true })
    )
    if (code !== 0) throw new Error(`docker build of ${spec.image} failed with exit code ${code}`)
  }
}

/** dry-run-docker: the build is printed, not run. */
export const dryRunBuilder: ImageBuilder = {
  async build(spec) {
    core.info(`[dry-run-docker] would build ${spec.image}`)
  }
}
