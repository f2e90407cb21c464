// Builds and pushes the PR's image with docker buildx, through @actions/exec with an argv array
// (loaded when a build starts: it brings node:child_process and node:assert, which a run that
// builds nothing need not load). The docker child inherits this step's environment, which carries
// the GitHub Actions cache service's token and URLs for the gha cache: no token on argv.

import * as core from '../runner/core.js'

/** What the build leaves: the image pushed to its registry, or only the cache it writes. */
export type BuildOutput =
  { readonly kind: 'push'; readonly image: string } | { readonly kind: 'cache-only' }

export interface BuildSpec {
  readonly platform: string
  readonly target?: string
  readonly buildArgs: readonly { readonly name: string; readonly value: string }[]
  readonly context: string
  /** One `--cache-from` each. */
  readonly cacheFrom: readonly string[]
  /** One `--cache-to` each. */
  readonly cacheTo: readonly string[]
  /** Why the build runs without the cache it was asked for, when it does. */
  readonly cacheNote?: string
  readonly output: BuildOutput
}

export interface ImageBuilder {
  build(spec: BuildSpec): Promise<void>
}

/** `docker buildx build --push --platform … [--target …] --build-arg K=V … --cache-from … --cache-to
 * … -t image context`; a cache-only build has `--output type=cacheonly` and no tag. */
export function buildCommand(spec: BuildSpec): string[] {
  return [
    'buildx',
    'build',
    ...(spec.output.kind === 'push' ? ['--push'] : ['--output', 'type=cacheonly']),
    '--platform',
    spec.platform,
    ...(spec.target ? ['--target', spec.target] : []),
    ...spec.buildArgs.flatMap((arg) => ['--build-arg', `${arg.name}=${arg.value}`]),
    ...spec.cacheFrom.flatMap((value) => ['--cache-from', value]),
    ...spec.cacheTo.flatMap((value) => ['--cache-to', value]),
    ...(spec.output.kind === 'push' ? ['-t', spec.output.image] : []),
    spec.context
  ]
}

/** What the build makes, for a log line. */
function product(spec: BuildSpec): string {
  return spec.output.kind === 'push' ? spec.output.image : `the build cache of ${spec.context}`
}

export const dockerBuilder: ImageBuilder = {
  async build(spec) {
    if (spec.cacheNote !== undefined) core.warning(`${spec.cacheNote}: building without a cache`)
    const args = buildCommand(spec)
    const { exec } = await import('@actions/exec')
    const code = await core.group(`docker ${args.join(' ')}`, () =>
      exec('docker', args, { ignoreReturnCode: true })
    )
    if (code !== 0)
      throw new Error(`docker build of ${product(spec)} failed with exit code ${code}`)
  }
}

/** dry-run-docker: the build is printed, not run. */
export const dryRunBuilder: ImageBuilder = {
  async build(spec) {
    core.info(`[dry-run-docker] would build ${product(spec)}`)
  }
}
