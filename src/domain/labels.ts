// The label grammar. Every Showtime label text is defined, parsed and formatted here and nowhere
// else. Texts are byte-compatible with the Python tool superset-showtime 0.7.1, which a repository
// may still be running side by side: exact code points matter (U+FE0F on 🏗️, none on ⚡ and ⌛).

export const TENT = '\u{1F3AA}' // 🎪
export const EMOJI = {
  start: '\u26A1', // ⚡ (no U+FE0F)
  stop: '\u{1F6D1}', // 🛑
  freeze: '\u{1F9CA}', // 🧊
  blocked: '\u{1F512}', // 🔒
  ttl: '\u231B', // ⌛ (no U+FE0F)
  status: '\u{1F6A6}', // 🚦
  created: '\u{1F4C5}', // 📅
  ip: '\u{1F310}', // 🌐
  requester: '\u{1F921}', // 🤡
  pointer: '\u{1F3AF}', // 🎯
  buildingPointer: '\u{1F3D7}\uFE0F' // 🏗️ (legacy, read only)
} as const

export const TRIGGER_START = `${TENT} ${EMOJI.start} showtime-trigger-start`
export const TRIGGER_STOP = `${TENT} ${EMOJI.stop} showtime-trigger-stop`
export const FREEZE = `${TENT} ${EMOJI.freeze} showtime-freeze`
export const BLOCKED = `${TENT} ${EMOJI.blocked} showtime-blocked`
/** The TTL labels offered as repository label definitions. Any valid `🎪 ⌛ {ttl}` is read. */
export const SUGGESTED_TTLS = ['24h', '48h', '72h', '1w', 'close'] as const
/** Labels whose repository definitions always exist (cleanup creates them with their colours). */
export const STATIC_LABELS: readonly string[] = [
  TRIGGER_START,
  TRIGGER_STOP,
  FREEZE,
  BLOCKED,
  ...SUGGESTED_TTLS.map((value) => `${TENT} ${EMOJI.ttl} ${value}`)
]

/** The emoji variation selector. Some keyboards and emoji pickers add it after ⚡, ⌛ or 🛑; GitHub
 * keeps a name typed with it as a label of its own, which is not Showtime's. */
export const VARIATION_SELECTOR = '\uFE0F'

/** GitHub rejects label names longer than 50 characters. We count both code points and UTF-16
 * units and keep both within the limit, since GitHub does not document which one it counts. */
export const MAX_LABEL_LENGTH = 50

/** The port the Python tool always served on, implied by address labels written without one. */
export const LEGACY_PORT = 8080

/** Status values this tool writes. `built` and `updating` are read from older tools. */
export const WRITTEN_STATUSES = ['building', 'deploying', 'running', 'failed'] as const
export type WrittenStatus = (typeof WRITTEN_STATUSES)[number]
/** The status of an environment scaled to zero tasks by the cleanup (sleep-after): only the
 * cleanup writes it, and only the start trigger or a teardown takes it off. Not a set-state value. */
export const SLEEPING = 'sleeping'
/** Every status this tool writes. */
export type ShowStatus = WrittenStatus | typeof SLEEPING

/** How a label was written: `current` is what we write; `legacy` forms are read and rewritten. */
export type LabelForm = 'current' | 'legacy'

export type ParsedLabel =
  | { kind: 'trigger'; trigger: 'start' | 'stop' }
  | { kind: 'freeze' }
  | { kind: 'blocked' }
  | { kind: 'ttl'; value: string }
  | { kind: 'status'; sha: string; status: string; form: LabelForm }
  | { kind: 'created'; sha: string; at: string; form: LabelForm }
  | { kind: 'ip'; sha: string; ip: string; port: number; form: LabelForm }
  | { kind: 'requester'; sha: string; login: string; form: LabelForm }
  | { kind: 'pointer'; sha: string }
  | { kind: 'building-pointer'; sha: string } // legacy 🏗️, read only
  | { kind: 'sha-ttl'; sha: string; value: string } // legacy per-SHA TTL, read only
  | { kind: 'unknown'; reason: string } // a 🎪 label we do not understand: reported and ignored
  | { kind: 'foreign' } // not a Showtime label at all (`bug`, `enhancement`, ...)

/** The labels that `format` can write (everything but the read-only legacy and unknown kinds). */
export type WritableLabel =
  | { kind: 'trigger'; trigger: 'start' | 'stop' }
  | { kind: 'freeze' }
  | { kind: 'blocked' }
  | { kind: 'ttl'; value: string }
  | { kind: 'status'; sha: string; status: string }
  | { kind: 'created'; sha: string; at: string }
  | { kind: 'ip'; sha: string; ip: string; port: number }
  | { kind: 'requester'; sha: string; login: string }
  | { kind: 'pointer'; sha: string }

const SHORT_SHA = /^[0-9a-f]{7}$/
const STATUS_VALUE = /^[a-z][a-z-]{0,19}$/
const TTL_VALUE = /^(?:\d{1,4}[hdw]|close)$/i
const CREATED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})$/
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const DASHED_IPV4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)-){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
// GitHub logins: alphanumerics and single hyphens; bot actors carry a `[bot]` suffix.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\]|…)?$/
const ELLIPSIS = '…'
const BOT_SUFFIX = '[bot]'

export function isShortSha(value: string): boolean {
  return SHORT_SHA.test(value)
}

export function isShowtimeLabel(name: string): boolean {
  return name.startsWith(TENT)
}

/** Length as GitHub may count it: the larger of code points and UTF-16 units, which is always the
 * UTF-16 count (a code point takes one or two units). */
export function labelLength(name: string): number {
  return name.length
}

/** 📅 times hold four-digit years from 1970, the Unix epoch, on: no tool wrote an earlier one, and
 * `Date.UTC` would read a year below 100 as 19xx. */
const FIRST_CREATED_YEAR = 1970
const LAST_CREATED_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** The UTC time of a `YYYY-MM-DDTHH-MM` value, or undefined unless every field is in its range. */
function readCreatedAt(value: string): number | undefined {
  const m = CREATED_AT.exec(value)
  if (!m) return undefined
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number
  ]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const inRange =
    year >= FIRST_CREATED_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59
  return inRange ? Date.UTC(year, month - 1, day, hour, minute) : undefined
}

export function isValidCreatedAt(value: string): boolean {
  return readCreatedAt(value) !== undefined
}

/** `2024-01-15T14-30`: UTC, minute precision, a dash between hour and minute. Throws for a time
 * outside the years 1970 to 9999, which the format cannot hold. */
export function formatCreatedAt(epochMs: number): string {
  if (!(epochMs >= 0 && epochMs <= LAST_CREATED_MS)) {
    throw new RangeError(`${epochMs} is outside the years 1970 to 9999 of a 📅 label`)
  }
  const iso = new Date(epochMs).toISOString() // 2024-01-15T14:30:59.123Z
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}

export function parseCreatedAt(value: string): number | undefined {
  return readCreatedAt(value)
}

/**
 * Parse one label name. Never throws: anything that starts with 🎪 but does not follow the grammar
 * comes back as `unknown` with a reason, anything else as `foreign`.
 */
export function parseLabel(name: string): ParsedLabel {
  if (typeof name !== 'string' || !isShowtimeLabel(name)) return { kind: 'foreign' }
  switch (name) {
    case TRIGGER_START:
      return { kind: 'trigger', trigger: 'start' }
    case TRIGGER_STOP:
      return { kind: 'trigger', trigger: 'stop' }
    case FREEZE:
      return { kind: 'freeze' }
    case BLOCKED:
      return { kind: 'blocked' }
  }
  const intended = typedWithVariationSelector(name)
  if (intended !== undefined) {
    return unknown(
      `typed with the emoji variation selector U+FE0F, so it is not Showtime's "${intended}": add that label from the label picker instead`
    )
  }
  const tokens = name.split(' ')
  if (tokens[0] !== TENT) return unknown('no space after 🎪')
  if (tokens.some((token) => token === '')) return unknown('extra spaces')
  // Stryker disable next-line StringLiteral: only `🎪` alone has no second token, and any default that is not a SHA reads it as the same unknown label
  const second = tokens[1] ?? ''
  const [third = '', ...rest] = tokens.slice(2)

  if (SHORT_SHA.test(second)) return parseShaFirst(second, third, rest)
  return parseEmojiFirst(second, third, rest)
}

/**
 * The label a user meant when they typed a trigger, freeze, blocked or TTL label with variation
 * selectors (`🎪 ⚡️ showtime-trigger-start`): the same name without them. Undefined for any other
 * name; the 🏗️ pointer, whose emoji carries one by right, is read as it is.
 */
export function typedWithVariationSelector(name: string): string | undefined {
  if (!name.includes(VARIATION_SELECTOR)) return undefined
  const intended = name.replaceAll(VARIATION_SELECTOR, '')
  const meant = parseLabel(intended).kind
  return meant === 'trigger' || meant === 'freeze' || meant === 'blocked' || meant === 'ttl'
    ? intended
    : undefined
}

function parseShaFirst(sha: string, emoji: string, rest: string[]): ParsedLabel {
  // Stryker disable next-line StringLiteral: the value is read only when `rest` holds one token
  const value = rest.join(' ')
  if (rest.length !== 1) return unknown(`expected one value after ${emoji || 'the SHA'}`)
  switch (emoji) {
    case EMOJI.status:
      return STATUS_VALUE.test(value)
        ? { kind: 'status', sha, status: value, form: 'current' }
        : unknown(`status "${value}" is not a status word`)
    case EMOJI.created:
      return isValidCreatedAt(value)
        ? { kind: 'created', sha, at: value, form: 'current' }
        : unknown(`"${value}" is not a YYYY-MM-DDTHH-MM time`)
    case EMOJI.ip:
      return parseAddress(sha, value, 'current')
    case EMOJI.requester:
      return LOGIN.test(value)
        ? { kind: 'requester', sha, login: value, form: 'current' }
        : unknown(`"${value}" is not a GitHub login`)
    case EMOJI.ttl:
      return TTL_VALUE.test(value) ? { kind: 'sha-ttl', sha, value } : unknown(`bad TTL "${value}"`)
    default:
      return unknown(`unknown field "${emoji}" after the SHA`)
  }
}

function parseEmojiFirst(emoji: string, third: string, rest: string[]): ParsedLabel {
  // Stryker disable next-line StringLiteral: the value is read only when `rest` holds one token
  const value = rest.join(' ')
  switch (emoji) {
    case EMOJI.pointer:
      if (rest.length === 0 && SHORT_SHA.test(third)) return { kind: 'pointer', sha: third }
      return unknown('🎯 must be followed by a 7-character SHA only')
    case EMOJI.buildingPointer:
      if (rest.length === 0 && SHORT_SHA.test(third))
        return { kind: 'building-pointer', sha: third }
      return unknown('🏗️ must be followed by a 7-character SHA only')
    case EMOJI.ttl:
      if (rest.length === 0 && TTL_VALUE.test(third)) return { kind: 'ttl', value: third }
      // `value` is then one token: a TTL is never empty and holds no space.
      if (SHORT_SHA.test(third) && TTL_VALUE.test(value))
        return { kind: 'sha-ttl', sha: third, value }
      return unknown(`bad TTL label (expected ${SUGGESTED_TTLS.join(', ')} or any Nh, Nd, Nw)`)
  }
  // The emoji-first per-SHA forms written before 2025-08 (`🎪 🚦 {sha} {status}`).
  if (!SHORT_SHA.test(third) || rest.length !== 1) return unknown('not a Showtime label form')
  switch (emoji) {
    case EMOJI.status:
      return STATUS_VALUE.test(value)
        ? { kind: 'status', sha: third, status: value, form: 'legacy' }
        : unknown(`status "${value}" is not a status word`)
    case EMOJI.created:
      return isValidCreatedAt(value)
        ? { kind: 'created', sha: third, at: value, form: 'legacy' }
        : unknown(`"${value}" is not a YYYY-MM-DDTHH-MM time`)
    case EMOJI.ip:
      return parseAddress(third, value, 'legacy')
    case EMOJI.requester:
      return LOGIN.test(value)
        ? { kind: 'requester', sha: third, login: value, form: 'legacy' }
        : unknown(`"${value}" is not a GitHub login`)
    default:
      return unknown('not a Showtime label form')
  }
}

function parseAddress(sha: string, value: string, form: LabelForm): ParsedLabel {
  const colon = value.lastIndexOf(':')
  const host = colon === -1 ? value : value.slice(0, colon)
  const portText = colon === -1 ? undefined : value.slice(colon + 1)
  let port: number | undefined
  if (portText !== undefined) {
    // Written as we write it: digits without a leading zero (`08080` is not read as 8080).
    port = /^[1-9]\d{0,4}$/.test(portText) ? Number(portText) : NaN
    if (!(port <= 65535)) return unknown(`bad port in "${value}"`)
  }
  // An address without a port, or with dashes, is an old form: the Python tool served on 8080.
  if (IPV4.test(host)) {
    return {
      kind: 'ip',
      sha,
      ip: host,
      port: port ?? LEGACY_PORT,
      form: port === undefined ? 'legacy' : form
    }
  }
  if (DASHED_IPV4.test(host)) {
    return {
      kind: 'ip',
      sha,
      ip: host.replaceAll('-', '.'),
      port: port ?? LEGACY_PORT,
      form: 'legacy'
    }
  }
  return unknown(`"${value}" is not an IPv4 address`)
}

function unknown(reason: string): ParsedLabel {
  return { kind: 'unknown', reason }
}

/** Format a label in its current form. Throws if the result would break GitHub's length limit,
 * which no validated input reaches (logins are shortened by `fitLogin`). */
export function formatLabel(label: WritableLabel): string {
  const text = formatUnchecked(label)
  if (labelLength(text) > MAX_LABEL_LENGTH) {
    throw new Error(`label "${text}" would be longer than GitHub's ${MAX_LABEL_LENGTH} characters`)
  }
  return text
}

function formatUnchecked(label: WritableLabel): string {
  switch (label.kind) {
    case 'trigger':
      return label.trigger === 'start' ? TRIGGER_START : TRIGGER_STOP
    case 'freeze':
      return FREEZE
    case 'blocked':
      return BLOCKED
    case 'ttl':
      return `${TENT} ${EMOJI.ttl} ${label.value}`
    case 'status':
      return `${TENT} ${label.sha} ${EMOJI.status} ${label.status}`
    case 'created':
      return `${TENT} ${label.sha} ${EMOJI.created} ${label.at}`
    case 'ip':
      return `${TENT} ${label.sha} ${EMOJI.ip} ${label.ip}:${label.port}`
    case 'requester':
      return `${TENT} ${label.sha} ${EMOJI.requester} ${fitLogin(label.login)}`
    case 'pointer':
      return `${TENT} ${EMOJI.pointer} ${label.sha}`
  }
}

/** The prefix `🎪 {sha} 🤡 ` takes 12 code points (14 UTF-16 units), leaving 36 for the login. */
export const MAX_LOGIN_IN_LABEL =
  MAX_LABEL_LENGTH - labelLength(`${TENT} 0000000 ${EMOJI.requester} `)

/**
 * Shorten a login so that its 🤡 label fits in 50 characters: a login longer than 36 characters
 * keeps its first 35 and ends in `…`. GitHub logins are at most 39 characters, so only the longest
 * are cut. Characters a login cannot hold become `-` (an actor name comes from the environment).
 */
export function fitLogin(login: string): string {
  // A login this function shortened already (it ends in …) is kept as it is.
  if (LOGIN.test(login) && labelLength(login) <= MAX_LOGIN_IN_LABEL) return login
  const botSuffix = login.endsWith(BOT_SUFFIX) ? BOT_SUFFIX : ''
  const base = login
    .slice(0, login.length - botSuffix.length)
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const name = base === '' ? 'unknown' : base + botSuffix
  if (name.length <= MAX_LOGIN_IN_LABEL) return name
  return base.slice(0, MAX_LOGIN_IN_LABEL - 1).replace(/-+$/, '') + ELLIPSIS
}

/** Labels whose repository definitions are per-SHA (deleted when no longer attached anywhere). */
export function isPerShaLabel(name: string): boolean {
  const parsed = parseLabel(name)
  return 'sha' in parsed
}
