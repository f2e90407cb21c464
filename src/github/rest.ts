// `octokit.rest` for the routes Showtime calls, made as @octokit/plugin-rest-endpoint-methods makes
// each of its methods (`octokit.request.defaults({ method, url })`, so `octokit.paginate` takes
// them too) and typed with that plugin's own method types. The plugin itself builds a table of all
// of GitHub's ~1,100 routes when it loads: about 10 ms of every start, `check` included, for 14
// routes. A route spelled wrong here is refused by the emulator's OpenAPI check in the e2e tests.

import type { Octokit as OctokitCore } from '@octokit/core'
import type { Api } from '@octokit/plugin-rest-endpoint-methods'

type Methods = Api['rest']

const ROUTES = {
  issues: {
    addLabels: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    createLabel: 'POST /repos/{owner}/{repo}/labels',
    deleteLabel: 'DELETE /repos/{owner}/{repo}/labels/{name}',
    listEvents: 'GET /repos/{owner}/{repo}/issues/{issue_number}/events',
    listLabelsOnIssue: 'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
    removeLabel: 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    updateLabel: 'PATCH /repos/{owner}/{repo}/labels/{name}'
  },
  pulls: {
    get: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    list: 'GET /repos/{owner}/{repo}/pulls'
  },
  repos: {
    createDeployment: 'POST /repos/{owner}/{repo}/deployments',
    createDeploymentStatus: 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    getCollaboratorPermissionLevel: 'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    listDeployments: 'GET /repos/{owner}/{repo}/deployments'
  }
} as const

type Routes = typeof ROUTES

/** The methods of `octokit.rest` that Showtime uses, with the plugin's types. */
export type ShowtimeRest = {
  readonly [Scope in keyof Routes]: Pick<Methods[Scope], keyof Routes[Scope] & keyof Methods[Scope]>
}

/** An Octokit plugin: `octokit.rest` with the routes above. */
export function showtimeRest(octokit: OctokitCore): { rest: ShowtimeRest } {
  const scope = <S extends keyof Routes>(routes: Routes[S]) =>
    Object.fromEntries(
      Object.entries(routes).map(([name, route]) => {
        const [method, url] = route.split(' ')
        return [name, octokit.request.defaults({ method, url })]
      })
    )
  return {
    rest: {
      issues: scope<'issues'>(ROUTES.issues),
      pulls: scope<'pulls'>(ROUTES.pulls),
      repos: scope<'repos'>(ROUTES.repos)
    } as unknown as ShowtimeRest
  }
}
