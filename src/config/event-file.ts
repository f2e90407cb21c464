// The runner's event file (GITHUB_EVENT_PATH), checked before anything reads it: a missing or broken
// file is one line that says what is wrong, not a JSON parser's message or a later, misleading one.

import { readFileSync } from 'node:fs'
import { InputError, oneLine } from '../errors.js'

export function checkEventFile(env: NodeJS.ProcessEnv): void {
  const path = env.GITHUB_EVENT_PATH
  if (!path) {
    throw new InputError(
      'GITHUB_EVENT_PATH is not set: Showtime runs as a step of a GitHub Actions workflow, which names the event file'
    )
  }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(
      `The event file (GITHUB_EVENT_PATH) cannot be read: ${path}: ${oneLine(error)}; Showtime runs as a step of a GitHub Actions workflow`
    )
  }
  try {
    JSON.parse(text)
  } catch (error) {
    throw new InputError(
      `The event file (GITHUB_EVENT_PATH) is not valid JSON: ${path}: ${oneLine(error)}`
    )
  }
}
