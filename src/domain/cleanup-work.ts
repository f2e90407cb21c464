// What carrying out one cleanup action takes, call by call: its AWS deletions (and the scaling of
// a sleeping service to zero), in phases (listener rules, then services, then the target groups
// the rules used, so that each is free to go), and
// the GitHub writes that follow once they are done. Pure: modes/cleanup.ts makes the calls, and
// the budget (cleanup-budget.ts) counts the same writes it makes.

import type { CleanupAction, LabelRemoval } from './cleanup-plan.js'

/** What one deletion acts on. Whose it is, the run reads right before (run/ownership.ts). */
export type AwsDeletion =
  /** `namedByLabels`: only then may an untagged service be adopted (domain/ownership.ts). */
  | { readonly kind: 'service'; readonly name: string; readonly namedByLabels: boolean }
  | { readonly kind: 'listener-rule'; readonly arn: string; readonly host: string }
  | { readonly kind: 'target-group'; readonly arn: string; readonly name: string }
  /** Not a deletion: an idle service of this repository scales to zero tasks (it sleeps). */
  | { readonly kind: 'scale-to-zero'; readonly name: string }

export type GitHubWrite =
  | { readonly kind: 'detach-label'; readonly pr: number; readonly name: string }
  /** Deleting a repository definition also takes its label off every PR that carries it. */
  | { readonly kind: 'delete-definition'; readonly name: string }
  | { readonly kind: 'create-definition'; readonly name: string }
  /** A static definition GitHub created grey: it gets its colour. */
  | { readonly kind: 'recolour-definition'; readonly name: string }
  | { readonly kind: 'attach-labels'; readonly pr: number; readonly names: readonly string[] }
  /** The sticky comment says the environment expired, and the PR's deployments end. */
  | { readonly kind: 'announce-expiry'; readonly pr: number; readonly sha: string }

export const AWS_PHASES = ['listener rules', 'services', 'target groups'] as const
export type AwsPhase = (typeof AWS_PHASES)[number]

/** The phase an action's AWS work runs in; an action without any runs with the services. */
export function awsPhase(action: CleanupAction): AwsPhase {
  switch (action.kind) {
    case 'orphan-rule':
      return 'listener rules'
    case 'orphan-target-group':
      return 'target groups'
    case 'teardown':
    case 'close':
    case 'abandoned':
    case 'sleep':
    case 'orphan-service':
    case 'stray-labels':
    case 'delete-definition':
    case 'create-definition':
    case 'fix-definition':
      return 'services'
  }
}

/** The actions' indexes, one group per phase in AWS_PHASES order (a group runs at once). */
export function awsWaves(actions: readonly CleanupAction[]): number[][] {
  return AWS_PHASES.map((phase) =>
    actions.flatMap((action, index) => (awsPhase(action) === phase ? [index] : []))
  )
}

/** The services an action deletes. */
export function servicesOf(action: CleanupAction): readonly string[] {
  switch (action.kind) {
    case 'close':
      return action.services
    case 'teardown':
    case 'abandoned':
      return action.service === undefined ? [] : [action.service]
    case 'orphan-service':
      return [action.service]
    case 'sleep':
    case 'orphan-rule':
    case 'orphan-target-group':
    case 'stray-labels':
    case 'delete-definition':
    case 'create-definition':
    case 'fix-definition':
      return []
  }
}

/** Whether this repository's labels name a service the action deletes. */
function namedByLabels(action: CleanupAction, service: string): boolean {
  switch (action.kind) {
    case 'close':
      return !action.unlabelled?.includes(service)
    case 'orphan-service':
      return action.labelled === true
    default:
      return true
  }
}

export function awsDeletions(action: CleanupAction): AwsDeletion[] {
  const services = servicesOf(action).map((name): AwsDeletion => ({
    kind: 'service',
    name,
    namedByLabels: namedByLabels(action, name)
  }))
  switch (action.kind) {
    case 'orphan-rule':
      return [...services, { kind: 'listener-rule', arn: action.arn, host: action.host }]
    case 'orphan-target-group':
      return [...services, { kind: 'target-group', arn: action.arn, name: action.name }]
    case 'sleep':
      return action.service === undefined ? [] : [{ kind: 'scale-to-zero', name: action.service }]
    default:
      return services
  }
}

/** An action's GitHub writes, in the order they are made. */
export function githubWrites(action: CleanupAction): GitHubWrite[] {
  switch (action.kind) {
    case 'teardown':
      return [
        ...removals(action.pr, action.labels),
        ...(action.announce
          ? [{ kind: 'announce-expiry', pr: action.pr, sha: action.sha } as const]
          : [])
      ]
    case 'close':
    case 'stray-labels':
      return removals(action.pr, action.labels)
    case 'abandoned':
    case 'sleep':
      return [
        ...action.define.map((name) => ({ kind: 'create-definition', name }) as const),
        { kind: 'attach-labels', pr: action.pr, names: action.add },
        ...removals(action.pr, action.labels)
      ]
    case 'delete-definition':
      return [{ kind: 'delete-definition', name: action.name }]
    case 'create-definition':
      return [{ kind: 'create-definition', name: action.name }]
    case 'fix-definition':
      return [{ kind: 'recolour-definition', name: action.name }]
    case 'orphan-service':
    case 'orphan-rule':
    case 'orphan-target-group':
      return []
  }
}

/** Labels detached one by one first, then the definitions that take the others off. */
function removals(pr: number, labels: LabelRemoval): GitHubWrite[] {
  return [
    ...labels.detach.map((name) => ({ kind: 'detach-label', pr, name }) as const),
    ...labels.deleteDefinition.map((name) => ({ kind: 'delete-definition', name }) as const)
  ]
}
