// The bundle's stamp: a hash of what dist/ is built from (src/, the lock file, tsconfig.json),
// written by `npm run package` next to nothing that is committed (.tmp/dist-stamp). The test suite
// compares it with the sources before it starts, so that it never tests a dist/ older than src/.
//
//   tsx scripts/dist-stamp.ts write   after a build
//   tsx scripts/dist-stamp.ts check   exit 1 when dist/ is not what the sources build

import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const stampFile = join(root, '.tmp', 'dist-stamp')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? files(path) : [path]
  })
}

/** The hash of every file the bundle is built from. */
export function sourceHash(): string {
  const hash = createHash('sha256')
  const inputs = [
    ...files(join(root, 'src')),
    join(root, 'package-lock.json'),
    join(root, 'tsconfig.json')
  ]
  for (const file of inputs.map((f) => relative(root, f)).sort()) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(root, file)))
  }
  return hash.digest('hex')
}

export function stampIsCurrent(): boolean {
  try {
    return readFileSync(stampFile, 'utf8').trim() === sourceHash()
  } catch {
    return false
  }
}

export function writeStamp(): void {
  mkdirSync(dirname(stampFile), { recursive: true })
  writeFileSync(stampFile, `${sourceHash()}\n`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2]
  if (command === 'write') writeStamp()
  else if (command === 'check') process.exit(stampIsCurrent() ? 0 : 1)
  else {
    console.error('usage: tsx scripts/dist-stamp.ts write|check')
    process.exit(2)
  }
}
