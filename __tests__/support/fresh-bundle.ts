// Vitest global setup: the end-to-end tests run dist/, so a dist/ older than src/ is rebuilt first
// (and said so), never tested silently.

import { execFileSync } from 'node:child_process'
import { stampIsCurrent } from '../../scripts/dist-stamp.js'

export default function setup(): void {
  if (stampIsCurrent()) return
  console.log('dist/ is not what src/ builds (or was built by hand): npm run package first')
  execFileSync('npm', ['run', '--silent', 'package'], { stdio: 'inherit' })
}
