// Attaches and detaches PR labels, giving new label names their colour and description first.
// Every answer carries the PR's labels as GitHub now has them, which callers use as a fresh read.

import * as core from '@actions/core'
import { labelDefinition } from '../domain/label-definitions.js'
import { STATIC_LABELS } from '../domain/labels.js'
import type { Octokit, Repository } from './client.js'

export interface LabelWriter {
  /** Creates missing repository definitions, then attaches every name in one request. */
  add(pr: number, names: readonly string[]): Promise<string[]>
  /** Detaches one label. `undefined` when it was not on the PR: GitHub answers 404. */
  remove(pr: number, name: string): Promise<string[] | undefined>
}

export function labelWriter(
  octokit: Octokit,
  repository: Repository,
  known: Iterable<string>
): LabelWriter {
  // Names attached somewhere already have a definition: they are never re-patched (reference Q15).
  const defined = new Set(known)

  async function define(name: string): Promise<void> {
    // Static definitions are kept by cleanup: a first use costs no request here.
    if (defined.has(name) || STATIC_LABELS.includes(name)) return
    const { color, description } = labelDefinition(name)
    try {
      await octokit.rest.issues.createLabel({ ...repository, name, color, description })
    } catch (error) {
      const already = (
        error as { status?: number; response?: { data?: { errors?: { code?: string }[] } } }
      ).response?.data?.errors?.some((e) => e.code === 'already_exists')
      if (!already)
        core.warning(`could not create the label definition "${name}": ${(error as Error).message}`)
    }
    defined.add(name)
  }

  return {
    async add(pr, names) {
      for (const name of names) await define(name)
      const { data } = await octokit.rest.issues.addLabels({
        ...repository,
        issue_number: pr,
        labels: [...names]
      })
      return data.map((label) => label.name)
    },

    async remove(pr, name) {
      try {
        const { data } = await octokit.rest.issues.removeLabel({
          ...repository,
          issue_number: pr,
          name
        })
        return data.map((label) => label.name)
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined
        throw error
      }
    }
  }
}

export interface DefinitionWriter {
  create(name: string): Promise<void>
  /** Sets the colour and description of an existing definition. */
  update(name: string): Promise<void>
  /** Deletes a repository label definition, which also detaches it from every issue and PR. */
  remove(name: string): Promise<'deleted' | 'absent'>
}

export function definitionWriter(octokit: Octokit, repository: Repository): DefinitionWriter {
  return {
    async create(name) {
      const { color, description } = labelDefinition(name)
      await octokit.rest.issues.createLabel({ ...repository, name, color, description })
    },
    async update(name) {
      const { color, description } = labelDefinition(name)
      await octokit.rest.issues.updateLabel({ ...repository, name, color, description })
    },
    async remove(name) {
      try {
        await octokit.rest.issues.deleteLabel({ ...repository, name })
        return 'deleted'
      } catch (error) {
        if ((error as { status?: number }).status === 404) return 'absent'
        throw error
      }
    }
  }
}
