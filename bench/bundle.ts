// What the committed bundle weighs, which chunk carries the AWS SDK, and which chunks a run
// actually loads (Node's NODE_DEBUG=esm log names every module it translates).

import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { REPO_ROOT } from '../__tests__/support/run-action.js'

const DIST = join(REPO_ROOT, 'dist')
const ENTRY_FILE = 'index.js'

export interface Chunk {
  readonly file: string
  readonly bytes: number
  readonly hasAwsSdk: boolean
  /** Loaded by dist/index.js or a chunk it loads, when the code path needs it. */
  readonly referenced: boolean
}

export interface Bundle {
  readonly entryBytes: number
  readonly entrySha256: string
  readonly chunks: readonly Chunk[]
}

/** Chunk ids a file asks the webpack runtime for, as in `__nccwpck_require__.e(661)` (the entry)
 * or `__webpack_require__.e(260)` with an import() comment before the id (a chunk). */
function chunkIdsIn(source: string): string[] {
  return [
    ...source.matchAll(
      /(?:__nccwpck_require__|__webpack_require__)\.e\((?:\/\*[^*]*\*\/\s*)?(\d+)\)/g
    )
  ].map((m) => m[1] as string)
}

function reachableChunks(read: (file: string) => string): Set<string> {
  const seen = new Set<string>()
  const queue = [ENTRY_FILE]
  while (queue.length > 0) {
    const file = queue.pop() as string
    for (const id of chunkIdsIn(read(file))) {
      const chunk = `${id}.index.js`
      if (!seen.has(chunk)) {
        seen.add(chunk)
        queue.push(chunk)
      }
    }
  }
  return seen
}

export function inspectBundle(): Bundle {
  const read = (file: string) => readFileSync(join(DIST, file), 'utf8')
  const reachable = reachableChunks(read)
  const entrySource = read(ENTRY_FILE)
  const files = readdirSync(DIST)
    .filter((f) => /\.c?js$/.test(f))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
  const chunks = files.map((file) => {
    const source = read(file)
    return {
      file,
      bytes: Buffer.byteLength(source),
      hasAwsSdk: source.includes('@aws-sdk/'),
      // A chunk through the loader; a file like sourcemap-register.cjs by its name.
      referenced: file === ENTRY_FILE || reachable.has(file) || entrySource.includes(`./${file}`)
    }
  })
  return {
    entryBytes: statSync(join(DIST, ENTRY_FILE)).size,
    entrySha256: entryDigest(),
    chunks
  }
}

/** index.js first, then chunks by number. */
function order(file: string): number {
  return file === ENTRY_FILE ? -1 : Number.parseInt(file, 10) || Number.MAX_SAFE_INTEGER
}

/** The dist/ files a run compiled, in load order, from its NODE_DEBUG=esm stderr. */
export function loadedChunks(stderr: string): string[] {
  const loaded: string[] = []
  for (const m of stderr.matchAll(/Translating \w+ (file:\/\/\S+)/g)) {
    const path = decodeURIComponent(new URL(m[1] as string).pathname)
    const file = basename(path)
    if (path === join(DIST, file) && !loaded.includes(file)) loaded.push(file)
  }
  return loaded
}

/** The sha256 of dist/index.js, to tell whether the bundle changed while the bench ran. */
export function entryDigest(): string {
  return createHash('sha256')
    .update(readFileSync(join(DIST, ENTRY_FILE)))
    .digest('hex')
}
