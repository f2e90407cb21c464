// The task definition template: the task-definition input's file, or the bundled generic one.
// Read when the inputs are, by check too, so that a bad template fails before anything is built.

import { readFile, realpath } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { type TaskDefinitionTemplate, templateProblem } from '../domain/task-definition.js'
import { InputError, oneLine } from '../errors.js'
import generic from './default-task-definition.json' with { type: 'json' }

/**
 * The PR's own checkout is the build context: a template read from inside it would let the PR
 * choose the roles, secrets and images it is deployed with, so such a path is refused.
 */
export async function loadTemplate(
  path: string | undefined,
  buildContext: string,
  workspace: string = process.cwd()
): Promise<TaskDefinitionTemplate> {
  if (path === undefined) return generic as TaskDefinitionTemplate
  const file = await canonical(resolve(workspace, path))
  const context = await canonical(resolve(workspace, buildContext))
  if (file === context || file.startsWith(context.endsWith(sep) ? context : context + sep)) {
    throw new InputError(
      `Input "task-definition" (${path}) lies inside docker-context (${buildContext}), the PR's checkout, and a PR must not choose what deploys it: check the PR out into a subfolder (docker-context: pr) and read the template from the base branch.`
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new InputError(
      `Input "task-definition" must name a readable JSON file; ${path}: ${oneLine(error)}`
    )
  }
  const problem = templateProblem(parsed)
  if (problem) throw new InputError(`Input "task-definition" (${path}) is not usable: ${problem}.`)
  return parsed as TaskDefinitionTemplate
}

/** The real path, so that a symbolic link cannot lead out of or into the build context. */
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return path
  }
}
