// Labels on issues and the repository's label definitions. As GitHub does: names match
// case-insensitively and hold at most 50 code points, an issue holds at most 100 labels, adding an
// unknown label creates a grey (`ededed`) definition, and removing a label that is not on the issue
// answers 404 "Label does not exist".

import type { GitHubJson } from './json.js'
import {
  type Ctx,
  type Reply,
  codePoints,
  notFound,
  paginate,
  tooLong,
  validationFailed
} from './replies.js'
import { type GitHubStore, type IssueRec, lower } from './store.js'

const MAX_LABEL_NAME = 50
const MAX_LABELS_PER_ISSUE = 100

/** Text fields of a label request body, typed as GitHub's description has them. */
type LabelFields = Partial<Record<'name' | 'color' | 'description', string>>

/** `{"labels": [...]}` with names or `{name}` objects, the shape the description allows. */
function labelNamesFrom(body: unknown): string[] {
  const raw = (body as { labels?: (string | { name: string })[] }).labels ?? []
  return raw.map((item) => (typeof item === 'string' ? item : item.name))
}

export function addIssueLabels(
  store: GitHubStore,
  json: GitHubJson,
  rec: IssueRec,
  ctx: Ctx
): Reply {
  const names = labelNamesFrom(ctx.body)
  for (const name of names) {
    if (name.trim().length === 0 || codePoints(name) > MAX_LABEL_NAME) {
      return validationFailed(ctx.docs, [
        { value: name, resource: 'Label', field: 'name', code: 'invalid' }
      ])
    }
  }
  const keys = new Set(rec.labels.map((l) => lower(l.name)))
  const fresh = names.filter((name) => !keys.has(lower(name)) && keys.add(lower(name)))
  if (keys.size > MAX_LABELS_PER_ISSUE) {
    // GitHub's wording; Octokit renders it "Validation Failed. Issues cannot have more than 100 labels: ".
    const message = 'Validation Failed. Issues cannot have more than 100 labels'
    return validationFailed(ctx.docs, [], message)
  }
  const added = store.resolveOrCreate(fresh)
  rec.labels = [...rec.labels, ...added]
  rec.updatedAt = store.tick()
  for (const label of added) store.labelEvent(rec.number, 'labeled', label, store.actor)
  return { status: 200, body: rec.labels.map((l) => json.labelJson(l)) }
}

export function removeIssueLabel(
  store: GitHubStore,
  json: GitHubJson,
  rec: IssueRec,
  name: string,
  ctx: Ctx
): Reply {
  const idx = rec.labels.findIndex((l) => lower(l.name) === lower(name))
  if (idx < 0) return notFound(ctx.docs, 'Label does not exist')
  const [removed] = rec.labels.splice(idx, 1)
  rec.updatedAt = store.tick()
  if (removed) store.labelEvent(rec.number, 'unlabeled', removed, store.actor)
  return { status: 200, body: rec.labels.map((l) => json.labelJson(l)) }
}

/** What GitHub checks beyond the description's types: blank names, lengths, colours. */
function checkLabelFields(docs: string, b: LabelFields): Reply | null {
  const invalid = (field: string): Reply =>
    validationFailed(docs, [{ resource: 'Label', code: 'invalid', field }])
  if (b.name?.trim() === '') return invalid('name')
  const long = tooLong(docs, 'Label', 'name', b.name, MAX_LABEL_NAME)
  if (long) return long
  if (b.color !== undefined && !/^[0-9a-fA-F]{6}$/.test(b.color)) return invalid('color')
  return tooLong(docs, 'Label', 'description', b.description, 100)
}

const alreadyExists = (docs: string): Reply =>
  validationFailed(docs, [{ resource: 'Label', code: 'already_exists', field: 'name' }])

export function createLabel(store: GitHubStore, json: GitHubJson, ctx: Ctx): Reply {
  const b = ctx.body as LabelFields & { name: string }
  const bad = checkLabelFields(ctx.docs, b)
  if (bad) return bad
  if (store.findDef(b.name)) return alreadyExists(ctx.docs)
  const def = store.addDef(b.name, b.color ?? 'ededed', b.description ?? null)
  return { status: 201, body: json.labelJson(def) }
}

export function updateLabel(store: GitHubStore, json: GitHubJson, name: string, ctx: Ctx): Reply {
  const def = store.findDef(name)
  if (!def) return notFound(ctx.docs)
  const b = ctx.body as LabelFields & { new_name?: string }
  const bad = checkLabelFields(ctx.docs, { ...b, name: b.new_name })
  if (bad) return bad
  if (b.new_name !== undefined) {
    const clash = store.findDef(b.new_name)
    if (clash && clash !== def) return alreadyExists(ctx.docs)
    store.renameDef(def, b.new_name)
  }
  if (b.color !== undefined) def.color = lower(b.color)
  if (b.description !== undefined) def.description = b.description
  return { status: 200, body: json.labelJson(def) }
}

/** The label events of an issue's timeline, oldest first, paginated as GitHub does. */
export function listIssueEvents(
  store: GitHubStore,
  json: GitHubJson,
  rec: IssueRec,
  ctx: Ctx
): Reply {
  const events = store.events.filter((e) => e.issue === rec.number)
  return paginate(events, ctx, store.repoId, (e) => json.issueEventJson(e))
}

export function deleteLabel(store: GitHubStore, name: string, ctx: Ctx): Reply {
  const def = store.findDef(name)
  if (!def) return notFound(ctx.docs)
  store.removeDef(def)
  for (const rec of store.issues.values()) rec.labels = rec.labels.filter((l) => l !== def)
  return { status: 204 }
}
