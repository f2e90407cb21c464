// The tests' own reader of a PR's labels, written from the documented forms (docs/reference/labels.md;
// the Python tool's, shared/reference/python-showtime-behaviour.md) and never from src/: the
// drills and the end-to-end tests judge what the action left with it, so that a bug of the
// action's label parser cannot pass both. It reads only the current forms, the ones the action
// writes; anything else starting with 🎪 is `unreadable`.

const SHA = '([0-9a-f]{7})'
const FORMS = {
  status: new RegExp(`^🎪 ${SHA} 🚦 (building|deploying|running|sleeping|failed)$`),
  created: new RegExp(`^🎪 ${SHA} 📅 (\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2})$`),
  address: new RegExp(`^🎪 ${SHA} 🌐 (\\d{1,3}(?:\\.\\d{1,3}){3}:\\d{1,5})$`),
  requester: new RegExp(`^🎪 ${SHA} 🤡 (\\S+)$`),
  pointer: new RegExp(`^🎪 🎯 ${SHA}$`),
  ttl: /^🎪 ⌛ (\d+[hdw]|close)$/
} as const
const FLAGS = {
  start: '🎪 ⚡ showtime-trigger-start',
  stop: '🎪 🛑 showtime-trigger-stop',
  freeze: '🎪 🧊 showtime-freeze',
  blocked: '🎪 🔒 showtime-blocked'
} as const
/** Two statuses on one SHA: the one furthest along the lifecycle wins. */
const LIFECYCLE = ['building', 'deploying', 'running', 'sleeping', 'failed']

export interface PrLabels {
  /** Each SHA with a 🚦 label, and its status. */
  statuses: Map<string, string>
  /** 📅, 🌐 and 🤡 values of each SHA, in label order. */
  created: Map<string, string[]>
  addresses: Map<string, string[]>
  requesters: Map<string, string[]>
  /** The SHAs 🎯 labels name. */
  pointers: string[]
  /** The environment that serves: of the pointers to a SHA with a 🚦 label, a running one, then
   * the newest 📅, then the lowest SHA. */
  activeSha?: string
  startTrigger: boolean
  stopTrigger: boolean
  ttls: string[]
  /** 📅, 🌐, 🤡 or 🎯 labels of a SHA without a 🚦 label. */
  stray: string[]
  /** 🎪 labels in none of the documented current forms. */
  unreadable: string[]
}

const push = (map: Map<string, string[]>, sha: string, value: string) =>
  map.set(sha, [...(map.get(sha) ?? []), value])

export function readPrLabels(labels: readonly string[]): PrLabels {
  const read: PrLabels = {
    statuses: new Map(),
    created: new Map(),
    addresses: new Map(),
    requesters: new Map(),
    pointers: [],
    startTrigger: labels.includes(FLAGS.start),
    stopTrigger: labels.includes(FLAGS.stop),
    ttls: [],
    stray: [],
    unreadable: []
  }
  const perSha: [string, string][] = []
  for (const label of labels) {
    if (!label.startsWith('🎪') || (Object.values(FLAGS) as string[]).includes(label)) continue
    const [form, sha = '', value = ''] = match(label)
    if (form === 'status') {
      const now = read.statuses.get(sha)
      if (!now || LIFECYCLE.indexOf(value) > LIFECYCLE.indexOf(now)) read.statuses.set(sha, value)
    } else if (form === 'created') push(read.created, sha, value)
    else if (form === 'address') push(read.addresses, sha, value)
    else if (form === 'requester') push(read.requesters, sha, value)
    else if (form === 'pointer') read.pointers.push(sha)
    else if (form === 'ttl') read.ttls.push(sha)
    else read.unreadable.push(label)
    if (form !== 'status' && form !== 'ttl' && form !== undefined) perSha.push([sha, label])
  }
  read.stray = perSha.filter(([sha]) => !read.statuses.has(sha)).map(([, label]) => label)
  const newest = (sha: string) => [...(read.created.get(sha) ?? [])].sort().at(-1) ?? ''
  read.activeSha = read.pointers
    .filter((sha) => read.statuses.has(sha))
    .sort(
      (a, b) =>
        Number(read.statuses.get(b) === 'running') - Number(read.statuses.get(a) === 'running') ||
        newest(b).localeCompare(newest(a)) ||
        a.localeCompare(b)
    )[0]
  return read
}

/** A label of one commit (🚦, 📅, 🌐, 🤡 or 🎯 naming a SHA). */
export function isPerShaLabel(label: string): boolean {
  const form = match(label)[0]
  return form !== undefined && form !== 'ttl'
}

function match(label: string): [keyof typeof FORMS | undefined, string?, string?] {
  for (const [form, pattern] of Object.entries(FORMS) as [keyof typeof FORMS, RegExp][]) {
    const m = pattern.exec(label)
    if (m) return form === 'ttl' ? [form, m[1]] : [form, m[1], m[2]]
  }
  return [undefined]
}
