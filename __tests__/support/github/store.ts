// What the GitHub emulator holds: one repository's issues and pull requests, label definitions,
// comments, deployments and collaborators, with the ids and timestamps GitHub would give them.
// Timestamps come from a clock of their own that moves one second per change, so answers do not
// depend on when a test runs.

export type EmulatorRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'
export const ROLES: readonly EmulatorRole[] = [
  'admin',
  'maintain',
  'write',
  'triage',
  'read',
  'none'
]

export interface LabelDef {
  id: number
  name: string
  color: string
  description: string | null
}

export interface PullData {
  merged: boolean
  headSha: string
  headRef: string
  headRepo: string | null
}

export interface IssueRec {
  number: number
  title: string
  body: string | null
  author: string
  state: 'open' | 'closed'
  labels: LabelDef[]
  createdAt: string
  updatedAt: string
  closedAt: string | null
  pull: PullData | null
}

export interface CommentRec {
  id: number
  issue: number
  body: string
  user: string
  createdAt: string
  updatedAt: string
}

/** A `labeled` or `unlabeled` event of an issue's timeline. */
export interface IssueEventRec {
  id: number
  issue: number
  event: 'labeled' | 'unlabeled'
  label: { name: string; color: string }
  actor: string
  createdAt: string
}

export interface EmulatorDeploymentStatus {
  id: number
  state: string
  description: string
  environment: string
  environment_url: string
  /** Also the status's `target_url`. */
  log_url: string
  created_at: string
}

export interface EmulatorDeployment {
  id: number
  ref: string
  sha: string
  task: string
  environment: string
  original_environment: string
  description: string | null
  transient_environment: boolean
  production_environment: boolean
  payload: unknown
  created_at: string
  updated_at: string
  /** Oldest first. */
  statuses: EmulatorDeploymentStatus[]
}

export const CLOCK_START = Date.UTC(2024, 0, 1, 0, 0, 0)

export const lower = (s: string): string => s.toLowerCase()
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

export class GitHubStore {
  readonly owner = 'apache'
  readonly repo = 'superset'
  /** Numeric repository id used in `link` headers (`/repositories/{id}/…`). */
  readonly repoId = 39464018
  /** Login of the token's user; authors comments, deployments and statuses. */
  readonly actor = 'github-actions[bot]'
  /** apache/superset's default branch. */
  readonly defaultBranch = 'master'

  readonly issues = new Map<number, IssueRec>()
  /** Repository label definitions in creation order (ids ascend with it). */
  readonly labelDefs: LabelDef[] = []
  readonly comments: CommentRec[] = []
  readonly deployments: EmulatorDeployment[] = []
  /** Label events of every issue, oldest first, as the issue events endpoint lists them. */
  readonly events: IssueEventRec[] = []
  readonly roles = new Map<string, EmulatorRole>()
  readonly missingUsers = new Set<string>()
  /** labelDefs by lower-cased name, so seeding thousands of labelled PRs stays linear. */
  private readonly labelIndex = new Map<string, LabelDef>()
  private clock = CLOCK_START
  private nextLabelId = 1000
  nextCommentId = 5000
  nextDeploymentId = 9000
  nextStatusId = 20000
  nextEventId = 700000

  get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  /** The next timestamp: one second after the last. */
  tick(): string {
    this.clock += 1000
    return iso(this.clock)
  }

  /** Issue or PR `n`, which a test must have seeded. */
  seeded(n: number): IssueRec
  seeded(n: number, pull: true): IssueRec & { pull: PullData }
  seeded(n: number, pull = false): IssueRec {
    const rec = this.issues.get(n)
    if (!rec || (pull && !rec.pull))
      throw new Error(`emulator: no ${pull ? 'PR' : 'issue/PR'} #${n}`)
    return rec
  }

  findDef(name: string): LabelDef | undefined {
    return this.labelIndex.get(lower(name))
  }

  addDef(name: string, color: string, description: string | null): LabelDef {
    const def = { id: this.nextLabelId++, name, color: lower(color), description }
    this.labelDefs.push(def)
    this.labelIndex.set(lower(name), def)
    return def
  }

  renameDef(def: LabelDef, name: string): void {
    this.labelIndex.delete(lower(def.name))
    def.name = name
    this.labelIndex.set(lower(name), def)
  }

  removeDef(def: LabelDef): void {
    this.labelDefs.splice(this.labelDefs.indexOf(def), 1)
    this.labelIndex.delete(lower(def.name))
  }

  /** Resolve names to definitions, creating missing ones in grey as GitHub does; de-duplicates. */
  resolveOrCreate(names: string[]): LabelDef[] {
    const out: LabelDef[] = []
    for (const name of names) {
      const def = this.findDef(name) ?? this.addDef(name, 'ededed', null)
      if (!out.includes(def)) out.push(def)
    }
    return out
  }

  /** Records that `actor` added or removed a label of issue `n`. */
  labelEvent(n: number, event: 'labeled' | 'unlabeled', label: LabelDef, actor: string): void {
    this.events.push({
      id: this.nextEventId++,
      issue: n,
      event,
      label: { name: label.name, color: label.color },
      actor,
      createdAt: this.tick()
    })
  }

  /** Seeds a comment written by `user`; returns it. */
  addComment(n: number, body: string, user: string): CommentRec {
    this.seeded(n)
    const at = this.tick()
    const comment = { id: this.nextCommentId++, issue: n, body, user, createdAt: at, updatedAt: at }
    this.comments.push(comment)
    return comment
  }
}
