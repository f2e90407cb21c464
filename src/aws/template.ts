// The task definition template: the task-definition input's file, or the bundled Superset one.

import { readFile } from 'node:fs/promises'
import { type TaskDefinitionTemplate, templateProblem } from '../domain/task-definition.js'
import { InputError, oneLine } from '../errors.js'
import superset from './superset-task-definition.json' with { type: 'json' }

export async function loadTemplate(path: string | undefined): Promise<TaskDefinitionTemplate> {
  if (path === undefined) return superset as TaskDefinitionTemplate
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new InputError(
      `Input "task-definition" must name a readable JSON file; ${path}: ${oneLine(error)}`
    )
  }
  const problem = templateProblem(parsed)
  if (problem)
    throw new InputError(`Input "task-definition" (${path}) is not a task definition: ${problem}.`)
  return parsed as TaskDefinitionTemplate
}
