// The HTTP plumbing the GitHub and AWS emulators share: a server on 127.0.0.1 with a port of its
// own, request bodies read whole, a request log, a queue of injected faults, and gates that hold
// requests until the test releases them.

import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { text } from 'node:stream/consumers'

export interface HttpReply {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

/** For tests: the error a call to an emulator fails with; throws when it succeeds. */
export async function rejection<E = Error>(call: Promise<unknown>): Promise<E> {
  try {
    await call
  } catch (e) {
    return e as E
  }
  throw new Error('expected the call to fail')
}

/** FNV-1a, 32 bit: the emulators' deterministic ids. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (const ch of Buffer.from(s, 'utf8')) {
    h ^= ch
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A preview's target group name, `st-{repository key}-{pr}-{sha}` (docs/load-balancer.md,
 * "What happens"): the key is 6 hex characters of the FNV-1a hash of the lower-cased `owner/repo`,
 * worked out here on its own. */
export function targetGroupName(repository: string, pr: number, sha: string): string {
  const key = fnv1a(repository.toLowerCase()).toString(16).padStart(8, '0').slice(0, 6)
  return `st-${key}-${pr}-${sha.slice(0, 7)}`
}

/** Deterministic hex string of `len` characters derived from `seed`. */
export function hexOf(seed: string, len: number): string {
  let out = ''
  let i = 0
  while (out.length < len) out += fnv1a(`${seed}#${i++}`).toString(16).padStart(8, '0')
  return out.slice(0, len)
}

/** Text as XML character data (the AWS query protocols answer in XML). */
export const xmlEscape = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/** The AWS query protocols' XML: structures as nested elements, lists as `item` elements (ELB
 * names them `member`, EC2 `item`); undefined members are left out. */
export function toXml(value: unknown, item: string): string {
  if (value instanceof XmlMap)
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></entry>`)
      .join('')
  if (Array.isArray(value)) return value.map((v) => `<${item}>${toXml(v, item)}</${item}>`).join('')
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, item)}</${k}>`)
      .join('')
  return xmlEscape(String(value))
}

/** A map of strings in a query-protocol answer: written as `<entry><key/><value/></entry>`. */
export class XmlMap {
  constructor(readonly entries: Readonly<Record<string, string>>) {}
}

/** A server listening on 127.0.0.1 with a free port; handlers are attached once the port is known. */
export async function listen(): Promise<{ server: Server; url: string }> {
  const server = createServer()
  server.keepAliveTimeout = 1000
  await once(server.listen(0, '127.0.0.1'), 'listening')
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/**
 * Requests an emulator holds until the test lets them go: an exact point to kill a run at (the
 * run waits on a request that has, or has not yet, taken effect), or a barrier where concurrent
 * runs meet. A gate holds every request it matches, `before` it takes effect or `after` (its
 * answer held), until `release()` (they go on) or `drop()` (their connections end unanswered:
 * held `before`, they never took effect, as a request lost on the way). Either ends the gate.
 */
export class Gate<Entry> {
  readonly held: Entry[] = []
  /** Resolves once `count` requests are held. */
  readonly reached: Promise<Entry[]>
  private readonly opened: Promise<boolean>
  private reach!: (held: Entry[]) => void
  private open!: (pass: boolean) => void
  private closed = false

  constructor(
    readonly matches: (entry: Entry) => boolean,
    readonly phase: 'before' | 'after',
    private readonly count: number,
    private readonly onEnd: () => void
  ) {
    this.reached = new Promise((resolve) => (this.reach = resolve))
    this.opened = new Promise((resolve) => (this.open = resolve))
  }

  /** Holds a request: true when it may go on, false when it is dropped. */
  arrive(entry: Entry): Promise<boolean> {
    this.held.push(entry)
    if (this.held.length === this.count) this.reach([...this.held])
    return this.opened
  }

  release(): void {
    this.end(true)
  }

  drop(): void {
    this.end(false)
  }

  private end(pass: boolean): void {
    if (this.closed) return
    this.closed = true
    this.onEnd()
    this.open(pass)
  }
}

/** Base of both emulators: serves `handle` with the body read whole, through the gates. */
export abstract class HttpEmulator<Entry extends object> {
  readonly requests: Entry[] = []
  readonly violations = new ViolationLog()
  private readonly gates = new Set<Gate<Entry>>()
  private readonly arrivals = new WeakMap<Entry, number>()

  protected constructor(
    private readonly service: string,
    private readonly server: Server,
    readonly url: string
  ) {
    // Nobody knows the port before this point, so no request can arrive unhandled.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.serve(req, res))
  }

  /** What a request is, as the request log shows it (status 0 until answered). */
  protected abstract parse(req: IncomingMessage, body: string): Entry

  /** Serves the request `entry` describes, filling in its status. */
  protected abstract handle(
    req: IncomingMessage,
    body: string,
    entry: Entry
  ): HttpReply | Promise<HttpReply>

  /** Holds the requests `matches` picks until the gate is released or dropped (see Gate). */
  hold(
    matches: (entry: Entry) => boolean,
    { phase = 'before', count = 1 }: { phase?: 'before' | 'after'; count?: number } = {}
  ): Gate<Entry> {
    const gate: Gate<Entry> = new Gate(matches, phase, count, () => this.gates.delete(gate))
    this.gates.add(gate)
    return gate
  }

  /** When the request arrived (epoch ms, the real clock), for timelines. */
  arrivalOf(entry: Entry): number | undefined {
    return this.arrivals.get(entry)
  }

  clearRequests(): void {
    this.requests.length = 0
  }

  /** Stops the server; then fails, naming them, if requests broke the service's rules. */
  async stop(): Promise<void> {
    for (const gate of this.gates) gate.drop()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
    this.violations.assertNone(this.service)
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await text(req).catch(() => undefined)
    if (body === undefined) return void res.destroy()
    const entry = this.parse(req, body)
    this.arrivals.set(entry, Date.now())
    if (!(await this.pass(entry, 'before'))) return void res.destroy()
    const reply = await this.handle(req, body, entry)
    if (!(await this.pass(entry, 'after'))) return void res.destroy()
    const payload = reply.body === undefined ? undefined : Buffer.from(reply.body)
    const headers: Record<string, string> = { ...reply.headers }
    if (payload) headers['content-length'] = String(payload.length)
    res.writeHead(reply.status, headers)
    res.end(req.method === 'HEAD' ? undefined : payload)
  }

  private async pass(entry: Entry, phase: 'before' | 'after'): Promise<boolean> {
    for (const gate of this.gates)
      if (gate.phase === phase && gate.matches(entry)) return gate.arrive(entry)
    return true
  }
}

/** Injected faults, each answered `times` times (default once) to the first request it matches. */
export class FaultQueue<F extends { times?: number }> {
  private readonly faults: { fault: F; remaining: number }[] = []

  add(fault: F): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 })
  }

  take(matches: (fault: F) => boolean): F | undefined {
    const entry = this.faults.find((f) => matches(f.fault))
    if (!entry) return undefined
    if (--entry.remaining <= 0) this.faults.splice(this.faults.indexOf(entry), 1)
    return entry.fault
  }
}

/**
 * What a request did that the real service's published description does not allow. Emulators
 * answer such requests as the service would and record them here; `stop()` fails while any are
 * left, so a test that sends one fails with the reason even when the action shrugs the error off.
 */
export interface Violation {
  /** e.g. `POST /repos/{owner}/{repo}/issues/{issue_number}/labels` or `ecs:CreateService`. */
  request: string
  reason: string
}

export class ViolationLog {
  private readonly list: Violation[] = []

  add(request: string, reason: string): void {
    this.list.push({ request, reason })
  }

  /** The violations recorded so far, forgetting them (for tests that provoke them on purpose). */
  take(): Violation[] {
    return this.list.splice(0)
  }

  /** Throws, naming every violation, when there are any. */
  assertNone(service: string): void {
    const found = this.take()
    if (found.length === 0) return
    const lines = found.map((v) => `  - ${v.request}: ${v.reason}`)
    throw new Error(
      `${service} emulator: ${found.length} request(s) the real service would refuse:\n${lines.join('\n')}`
    )
  }
}
