// Builds and pushes the PR's image with docker buildx, through @actions/exec with an argv array
// (loaded when a build starts: it brings node:child_process and node:assert, which a run that
// builds nothing need not load). The build runs the PR's code: its output is fenced off from the
// runner's workflow commands, and the image is deployed by the digest buildx reports, not by its
// tag. The docker child inherits this step's environment, which carries the GitHub Actions cache
// service's token and URLs for the gha cache: no token on argv.

import * as core from '../runner/core.js'

/** What the build leaves: the image pushed to its registry, or only the cache it writes. */
export type BuildOutput =
  { readonly kind: 'push'; readonly image: string } | { readonly kind: 'cache-only' }

export interface BuildSpec {
  readonly platform: string
  /** docker's --file; unset: the Dockerfile at the context's root. */
  readonly dockerfile?: string
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

export interface BuiltImage {
  /** `sha256:…` of the pushed image; undefined when no image was pushed (dry-run-docker, or a
   * cache-only build). */
  readonly digest?: string
}

export interface ImageBuilder {
  build(spec: BuildSpec): Promise<BuiltImage>
}

/** `docker buildx build --push --platform … [--file …] [--target …] --build-arg K=V …
 * --cache-from … --cache-to … --metadata-file FILE -t image context`; a cache-only build has
 * `--output type=cacheonly`, and no metadata file or tag. */
export function buildCommand(spec: BuildSpec, metadataFile?: string): string[] {
  const push = spec.output.kind === 'push'
  return [
    'buildx',
    'build',
    ...(push ? ['--push'] : ['--output', 'type=cacheonly']),
    '--platform',
    spec.platform,
    ...(spec.dockerfile ? ['--file', spec.dockerfile] : []),
    ...(spec.target ? ['--target', spec.target] : []),
    ...spec.buildArgs.flatMap((arg) => ['--build-arg', `${arg.name}=${arg.value}`]),
    ...spec.cacheFrom.flatMap((value) => ['--cache-from', value]),
    ...spec.cacheTo.flatMap((value) => ['--cache-to', value]),
    ...(push && metadataFile !== undefined ? ['--metadata-file', metadataFile] : []),
    ...(spec.output.kind === 'push' ? ['-t', spec.output.image] : []),
    spec.context
  ]
}

/** The image digest buildx writes to its metadata file (`containerimage.digest`). */
export function digestOf(metadata: string): string | undefined {
  try {
    const digest = (JSON.parse(metadata) as Record<string, unknown>)['containerimage.digest']
    return typeof digest === 'string' ? digest : undefined
  } catch {
    return undefined
  }
}

/** What the build makes, for a log line. */
function product(spec: BuildSpec): string {
  return spec.output.kind === 'push' ? spec.output.image : `the build cache of ${spec.context}`
}

export const dockerBuilder: ImageBuilder = {
  async build(spec) {
    if (spec.cacheNote !== undefined) core.warning(`${spec.cacheNote}: building without a cache`)
    const [{ exec }, { randomBytes }, { mkdtemp, readFile, rm }, { tmpdir }, { join }] =
      await Promise.all([
        import('@actions/exec'),
        import('node:crypto'),
        import('node:fs/promises'),
        import('node:os'),
        import('node:path')
      ])
    const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'showtime-build-'))
    const metadataFile = join(dir, 'metadata.json')
    const args = buildCommand(spec, metadataFile)
    // The PR's build prints what it likes: no line of it may be taken for a workflow command
    // (::add-mask::, ::error::, ::stop-commands:: …) until the token, which it cannot know, ends
    // the fence.
    const token = randomBytes(16).toString('hex')
    try {
      const code = await core.group(`docker ${args.join(' ')}`, async () => {
        core.issueCommand('stop-commands', {}, token)
        try {
          return await exec('docker', args, { ignoreReturnCode: true })
        } finally {
          core.issueCommand(token)
        }
      })
      if (code !== 0)
        throw new Error(`docker build of ${product(spec)} failed with exit code ${code}`)
      if (spec.output.kind === 'cache-only') return {}
      const digest = digestOf(await readFile(metadataFile, 'utf8').catch(() => ''))
      if (digest === undefined)
        throw new Error(
          `docker buildx wrote no image digest (containerimage.digest) to ${metadataFile}: Showtime deploys the image it built by its digest`
        )
      return { digest }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** dry-run-docker: the build is printed, not run. */
export const dryRunBuilder: ImageBuilder = {
  async build(spec) {
    core.info(`[dry-run-docker] would build ${product(spec)}`)
    return {}
  }
}
