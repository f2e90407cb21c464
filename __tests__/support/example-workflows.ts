// The example workflows as GitHub reads them: their steps, and the `with:` inputs of a step
// resolved for the few contexts the examples use (repository variables, secrets, the check step's
// outputs, dispatch inputs, the token). Shared by the examples' tests and the docs' walkthrough.

import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { expect } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { FAKE_TOKEN, REPO_ROOT } from './run-action.js'

export const SHOWTIME = 'apache/showtime@v1'

export interface Step {
  readonly id?: string
  readonly name?: string
  readonly if?: string
  readonly uses?: string
  readonly run?: string
  readonly with?: Record<string, unknown>
  readonly env?: Record<string, unknown>
}

export interface Workflow {
  readonly on: Record<string, unknown>
  readonly permissions?: Record<string, string>
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>
}

/** A workflow file, by its path in this repository or an absolute one. */
export function readWorkflow(path: string): Workflow {
  const file = isAbsolute(path) ? path : join(REPO_ROOT, path)
  return parseYaml(readFileSync(file, 'utf8')) as Workflow
}

/** The one job of an example workflow. */
export function stepsOf(workflow: Workflow): readonly Step[] {
  const jobs = Object.values(workflow.jobs)
  expect(jobs).toHaveLength(1)
  return jobs[0]?.steps ?? []
}

export const isShowtime = (step: Step, mode: string) =>
  step.uses === SHOWTIME && String(step.with?.mode) === mode
export const isAction = (step: Step, action: string) => step.uses?.split('@')[0] === action

export function find(
  steps: readonly Step[],
  predicate: (step: Step) => boolean,
  what: string
): number {
  const index = steps.findIndex(predicate)
  expect(index, `no ${what}`).toBeGreaterThanOrEqual(0)
  return index
}

// Resolving `${{ … }}` as the runner would, for the few contexts the examples use

export interface Context {
  readonly vars: Record<string, string>
  readonly check?: Record<string, string>
  readonly inputs?: Record<string, string>
}

/** One operand of an expression; anything the examples are not expected to use is an error. */
function operand(text: string, context: Context): string | undefined {
  let m: RegExpExecArray | null
  if ((m = /^vars\.(\w+)$/.exec(text))) {
    const value = context.vars[m[1] ?? '']
    if (value === undefined) throw new Error(`the test gives no value to ${text}`)
    return value
  }
  if ((m = /^secrets\.(\w+)$/.exec(text))) return `test-secret-${m[1]}`
  if ((m = /^steps\.check\.outputs\.(\w+)$/.exec(text))) {
    if (!context.check) throw new Error(`${text} is used before the check step ran`)
    return context.check[m[1] ?? '']
  }
  if ((m = /^inputs\.(\w+)$/.exec(text))) return context.inputs?.[m[1] ?? '']
  if (text === 'github.token') return FAKE_TOKEN
  if (text === 'true' || text === 'false') return text
  throw new Error(`the test cannot evaluate \${{ ${text} }}`)
}

/** `a || b`: the first operand that is set, as in GitHub's expressions. */
function evaluate(expression: string, context: Context): string {
  for (const part of expression.split('||').map((p) => p.trim())) {
    const value = operand(part, context)
    if (value !== undefined && value !== '') return value
  }
  return ''
}

export function resolveInputs(step: Step, context: Context): Record<string, string> {
  const inputs: Record<string, string> = {}
  for (const [name, raw] of Object.entries(step.with ?? {})) {
    inputs[name] = String(raw).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) =>
      evaluate(expr, context)
    )
  }
  return inputs
}
