// Assertions the end-to-end tests share about one run of the bundle.

import { expect } from 'vitest'
import type { RunResult } from './run-action.js'

/** The run ended with exit code 0 and wrote no `::error::` (its stdout explains a failure). */
export function expectSucceeded(result: RunResult): void {
  expect(result.commands.errors, result.stdout).toEqual([])
  expect(result.code, result.stdout).toBe(0)
}
