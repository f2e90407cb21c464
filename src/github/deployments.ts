// GitHub Deployments, so the PR shows "View deployment": one per commit, tagged with its PR (the
// deployment's task), in one environment that all previews may share. Statuses never deactivate
// other deployments by themselves (`auto_inactive: false`): one PR's deploy must not hide
// another's, so a PR's own deployments are made inactive explicitly when they stop serving.
// A token without `deployments: write` costs one warning, not a failed run.

import * as core from '../runner/core.js'
import type { Octokit, Repository } from './client.js'

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive'

export interface DeploymentStatus {
  readonly environmentUrl?: string
  readonly logUrl?: string
  readonly description?: string
}

export interface Deployments {
  /** Creates the deployment of `ref` for `task` and marks it in progress; undefined when not
   * permitted. */
  start(
    ref: string,
    environment: string,
    task: string,
    description: string,
    status: DeploymentStatus
  ): Promise<number | undefined>
  setStatus(id: number, state: DeploymentState, status: DeploymentStatus): Promise<void>
  /** Marks every still-active deployment of `task` in the environment inactive ("destroyed" on the
   * PR), but for `keep`. */
  deactivate(
    environment: string,
    task: string,
    status: DeploymentStatus,
    keep?: number
  ): Promise<void>
  /** The deployments of `task` for the commit `sha` (a prefix of it will do) still in progress:
   * one a run started but was stopped before it could record. */
  inProgress(environment: string, task: string, sha: string): Promise<number[]>
}

// A deployment's current state is its latest status's: one GraphQL query reads the newest
// deployments of the environment with their task and state.
const DEPLOYMENTS = `query ShowtimeDeployments($owner: String!, $name: String!, $environment: String!) {
  repository(owner: $owner, name: $name) {
    deployments(environments: [$environment], last: 100) { nodes { databaseId task state commitOid } }
  }
}`

interface DeploymentsPage {
  repository: {
    deployments: {
      nodes: ({
        databaseId: number | null
        task: string | null
        state: string | null
        commitOid: string
      } | null)[]
    }
  } | null
}
/** States of a deployment that no status has finished yet. */
const UNFINISHED = new Set(['IN_PROGRESS', 'QUEUED', 'PENDING'])
/** States in which a deployment still shows as live (or about to be). */
const LIVE = new Set(['ACTIVE', 'IN_PROGRESS', 'QUEUED', 'PENDING'])

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
    ...(status.description && { description: status.description.slice(0, 140) }),
    auto_inactive: false
  })

  async function newest(environment: string): Promise<DeploymentsPage> {
    return octokit.graphql<DeploymentsPage>(DEPLOYMENTS, {
      owner: repository.owner,
      name: repository.repo,
      environment
    })
  }

  return {
    async start(ref, environment, task, description, status) {
      return guarded('create deployments', async () => {
        const { data } = await octokit.rest.repos.createDeployment({
          ...repository,
          ref,
          task,
          environment,
          description,
          auto_merge: false,
          required_contexts: [],
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

    async deactivate(environment, task, status, keep) {
      await guarded('read deployments', async () => {
        const page = await newest(environment)
        const live = (page.repository?.deployments.nodes ?? []).flatMap((n) =>
          n?.databaseId != null &&
          n.databaseId !== keep &&
          n.task === task &&
          LIVE.has(n.state ?? '')
            ? [n.databaseId]
            : []
        )
        for (const id of live) {
          await octokit.rest.repos.createDeploymentStatus({
            ...repository,
            deployment_id: id,
            state: 'inactive',
            ...statusBody(status)
          })
        }
      })
    },

    async inProgress(environment, task, sha) {
      const page = await guarded('read deployments', () => newest(environment))
      return (page?.repository?.deployments.nodes ?? []).flatMap((n) =>
        n?.databaseId != null &&
        n.task === task &&
        n.commitOid.startsWith(sha) &&
        UNFINISHED.has(n.state ?? '')
          ? [n.databaseId]
          : []
      )
    }
  }
}
