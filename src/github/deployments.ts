// GitHub Deployments, so the PR shows "View deployment": one per commit, in the environment of
// the PR. A token without `deployments: write` costs one warning, not a failed run.

import * as core from '@actions/core'
import type { Octokit, Repository } from './client.js'

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive'

export interface DeploymentStatus {
  readonly environmentUrl?: string
  readonly logUrl?: string
  readonly description?: string
}

export interface Deployments {
  /** Creates the deployment of `ref` and marks it in progress; undefined when not permitted. */
  start(
    ref: string,
    environment: string,
    description: string,
    status: DeploymentStatus
  ): Promise<number | undefined>
  setStatus(id: number, state: DeploymentState, status: DeploymentStatus): Promise<void>
  /** Marks the environment's newest deployment inactive ("destroyed" on the PR). */
  deactivate(environment: string, status: DeploymentStatus): Promise<void>
}

export function deployments(octokit: Octokit, repository: Repository): Deployments {
  let permitted = true

  async function guarded<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    if (!permitted) return undefined
    try {
      return await call()
    } catch (error) {
      const status = (error as { status?: number }).status
      if (status === 403 || status === 404) {
        permitted = false
        core.warning(
          `GitHub deployments are skipped: the token may not ${what} (${(error as Error).message}). ` +
            'Give the workflow `deployments: write`, or set the deployments input to false.'
        )
        return undefined
      }
      throw error
    }
  }

  const statusBody = (status: DeploymentStatus) => ({
    ...(status.environmentUrl && { environment_url: status.environmentUrl }),
    ...(status.logUrl && { log_url: status.logUrl }),
    ...(status.description && { description: status.description.slice(0, 140) })
  })

  return {
    async start(ref, environment, description, status) {
      return guarded('create deployments', async () => {
        const { data } = await octokit.rest.repos.createDeployment({
          ...repository,
          ref,
          environment,
          description,
          auto_merge: false,
          required_contexts: [],
          // Not transient: a later success then marks the previous commit's deployment inactive.
          transient_environment: false,
          production_environment: false
        })
        if (!('id' in data))
          throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason'}`)
        await octokit.rest.repos.createDeploymentStatus({
          ...repository,
          deployment_id: data.id,
          state: 'in_progress',
          ...statusBody(status)
        })
        return data.id
      })
    },

    async setStatus(id, state, status) {
      await guarded('set deployment statuses', () =>
        octokit.rest.repos.createDeploymentStatus({
          ...repository,
          deployment_id: id,
          state,
          ...statusBody(status)
        })
      )
    },

    async deactivate(environment, status) {
      await guarded('read deployments', async () => {
        // Each success marked the earlier deployments inactive: only the newest can still be live.
        const { data } = await octokit.rest.repos.listDeployments({
          ...repository,
          environment,
          per_page: 1
        })
        const newest = data[0]
        if (!newest) return
        await octokit.rest.repos.createDeploymentStatus({
          ...repository,
          deployment_id: newest.id,
          state: 'inactive',
          ...statusBody(status)
        })
      })
    }
  }
}
