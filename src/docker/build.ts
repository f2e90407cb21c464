// Builds and pushes the PR's image with docker buildx, through @actions/exec with an argv array
// (loaded when a build starts: it brings node:child_process and node:assert, which a run that
// builds nothing need not load). The build runs the PR's code: its output is fenced off from the
// runner's workflow commands, and the image is deployed by the digest buildx reports, not by its
// tag.

import * as core from '../runner/core.js'
import type { Inputs } from '../config/inputs.js'

/** The docker inputs, with the full image reference in place of the repository. */
export type BuildSpec = Omit<Inputs['docker'], 'imageRepository'> & { readonly image: string }

export interface BuiltImage {
  /** `sha256:…` of the pushed image; undefined when nothing was built (dry-run-docker). */
  readonly digest?: string
}

export interface ImageBuilder {
  build(spec: BuildSpec): Promise<BuiltImage>
}

/** `docker buildx build --push --load --platform … [--file …] [--target …] --build-arg K=V …
 * --metadata-file FILE -t image context` */
export function buildCommand(spec: BuildSpec, metadataFile: string): string[] {
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
    '--metadata-file',
    metadataFile,
    '-t',
    spec.image,
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

export const dockerBuilder: ImageBuilder = {
  async build(spec) {
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
      if (code !== 0) throw new Error(`docker build of ${spec.image} failed with exit code ${code}`)
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
    core.info(`[dry-run-docker] would build ${spec.image}`)
    return {}
  }
}
