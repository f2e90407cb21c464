// Attaches and detaches PR labels, giving new label names their colour and description first.
// Every answer carries the PR's labels as GitHub now has them, which callers use as a fresh read.

import * as core from '../runner/core.js'
import { labelDefinition } from '../domain/label-definitions.js'
import { STATIC_LABELS } from '../domain/labels.js'
import type { Octokit, Repository } from './client.js'

export interface LabelWriter {
  /** Creates missing repository definitions, then attaches every name in one request. With
   * `defineFirst: false` it only attaches (GitHub creates a missing definition in a default
   * colour): `define` gives those their colour later, off the run's critical path. */
  add(pr: number, names: readonly string[], options?: AddOptions): Promise<string[]>
  /** Gives names their definition (colour and description): creates it, or colours the one that
   * an earlier attach made GitHub create. Never fails: a problem is a warning. */
  define(names: readonly string[]): Promise<void>
  /** Detaches one label. `undefined` when it was not on the PR: GitHub answers 404. */
  remove(pr: number, name: string): Promise<string[] | undefined>
  /**
   * Detaches several labels in one request (GraphQL's removeLabelsFromLabelable), given the PR's
   * GraphQL id; `undefined`, having sent nothing, while the id of one of them is not known yet
   * (ids come with every answer of the label writes).
   */
  removeMany(prNodeId: string, names: readonly string[]): Promise<string[] | undefined>
  /**
   * Detaches a label as a claim: `taken` only when GitHub's answer proves this request removed
   * it. A 5xx may have been applied anyway, so a 5xx followed by a 404 is `ambiguous`.
   */
  claim(pr: number, name: string): Promise<ClaimAnswer>
}

export interface AddOptions {
  readonly defineFirst?: boolean
}

export type ClaimAnswer =
  | { readonly outcome: 'taken'; readonly labels: string[] }
  | { readonly outcome: 'absent' | 'ambiguous' }

/**
 * `known` names have a definition already (names attached somewhere do): they are never
 * re-patched. With `createDefinitions: false` the caller creates definitions itself (cleanup plans
 * them), and an add never costs more than one request.
 */
export function labelWriter(
  octokit: Octokit,
  repository: Repository,
  known: Iterable<string>,
  options: { readonly createDefinitions: boolean } = { createDefinitions: true }
): LabelWriter {
  const defined = new Set(known)
  /** Label names' GraphQL ids, from the answers of the label writes. */
  const ids = new Map<string, string>()
  const namesOf = (labels: readonly { name: string; node_id: string }[]): string[] => {
    for (const label of labels) ids.set(label.name, label.node_id)
    return labels.map((label) => label.name)
  }
  /** Attached before their definition was written: GitHub made a grey one, to be coloured. */
  const attachedUndefined = new Set<string>()

  async function define(name: string): Promise<void> {
    // Static definitions are kept by cleanup: a first use costs no request here.
    if (!options.createDefinitions || defined.has(name) || STATIC_LABELS.includes(name)) return
    defined.add(name)
    const { color, description } = labelDefinition(name)
    try {
      if (attachedUndefined.delete(name))
        await octokit.rest.issues.updateLabel({ ...repository, name, color, description })
      else await octokit.rest.issues.createLabel({ ...repository, name, color, description })
    } catch (error) {
      if (!alreadyExists(error))
        core.warning(`could not write the label definition "${name}": ${(error as Error).message}`)
    }
  }

  return {
    async define(names) {
      for (const name of names) await define(name)
    },

    async add(pr, names, { defineFirst = true } = {}) {
      if (defineFirst) for (const name of names) await define(name)
      else for (const name of names) if (!defined.has(name)) attachedUndefined.add(name)
      core.info(`+ ${names.join(', ')} (#${pr})`)
      const { data } = await octokit.rest.issues.addLabels({
        ...repository,
        issue_number: pr,
        labels: [...names]
      })
      return namesOf(data)
    },

    async removeMany(prNodeId, names) {
      const labelIds = names.map((name) => ids.get(name))
      if (labelIds.some((id) => id === undefined)) return undefined
      core.info(`- ${names.join(', ')} (one request)`)
      const answer = await octokit.graphql<RemovedLabels>(REMOVE_LABELS, {
        labelable: prNodeId,
        labels: labelIds
      })
      const labels = answer.removeLabelsFromLabelable?.labelable?.labels?.nodes ?? []
      return namesOf(labels.flatMap((l) => (l ? [{ name: l.name, node_id: l.id }] : [])))
    },

    remove(pr, name) {
      core.info(`- ${name} (#${pr})`)
      return removeLabel(pr, name)
    },

    async claim(pr, name) {
      core.info(`- ${name} (#${pr}, the claim)`)
      try {
        // Not retried blindly: a retry after an applied 5xx would answer 404 and lose the claim.
        const labels = await removeLabel(pr, name, { retries: 0 })
        return labels === undefined ? { outcome: 'absent' } : { outcome: 'taken', labels }
      } catch (error) {
        if (!maybeApplied(error)) throw error
        core.warning(`removing "${name}" answered ${statusOf(error)}: it may have been applied`)
        const labels = await removeLabel(pr, name)
        return labels === undefined ? { outcome: 'ambiguous' } : { outcome: 'taken', labels }
      }
    }
  }

  async function removeLabel(
    pr: number,
    name: string,
    request: { retries?: number } = {}
  ): Promise<string[] | undefined> {
    try {
      const { data } = await octokit.rest.issues.removeLabel({
        ...repository,
        issue_number: pr,
        name,
        request
      })
      return namesOf(data)
    } catch (error) {
      if (statusOf(error) === 404) return undefined
      throw error
    }
  }
}

const REMOVE_LABELS = `mutation ShowtimeRemoveLabels($labelable: ID!, $labels: [ID!]!) {
  removeLabelsFromLabelable(input: { labelableId: $labelable, labelIds: $labels }) {
    labelable { labels(first: 100) { nodes { name id } } }
  }
}`

interface RemovedLabels {
  removeLabelsFromLabelable: {
    labelable: { labels: { nodes: ({ name: string; id: string } | null)[] } | null } | null
  } | null
}

/** GitHub's 422 for a label definition that exists. */
function alreadyExists(error: unknown): boolean {
  const errors = (error as { response?: { data?: { errors?: { code?: string }[] } } }).response
    ?.data?.errors
  return errors?.some((e) => e.code === 'already_exists') ?? false
}

function statusOf(error: unknown): number | undefined {
  return (error as { status?: number }).status
}

/** A server error or a lost connection (which Octokit reports as 500): the write may have landed. */
function maybeApplied(error: unknown): boolean {
  const status = statusOf(error)
  return status !== undefined && status >= 500
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
      core.info(`created the definition "${name}"`)
      try {
        await octokit.rest.issues.createLabel({ ...repository, name, color, description })
      } catch (error) {
        if (!alreadyExists(error)) throw error
      }
    },
    async update(name) {
      const { color, description } = labelDefinition(name)
      core.info(`coloured the definition "${name}"`)
      await octokit.rest.issues.updateLabel({ ...repository, name, color, description })
    },
    async remove(name) {
      core.info(`deleted the definition "${name}"`)
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
