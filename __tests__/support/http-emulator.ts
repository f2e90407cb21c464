// The HTTP plumbing the GitHub and AWS emulators share: a server on 127.0.0.1 with a port of its
// own, request bodies read whole, a request log and a queue of injected faults.

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

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

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
  if (Array.isArray(value)) return value.map((v) => `<${item}>${toXml(v, item)}</${item}>`).join('')
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, item)}</${k}>`)
      .join('')
  return xmlEscape(String(value))
}

/** A server listening on 127.0.0.1 with a free port; handlers are attached once the port is known. */
export async function listen(): Promise<{ server: Server; url: string }> {
  const server = createServer()
  server.keepAliveTimeout = 1000
  await once(server.listen(0, '127.0.0.1'), 'listening')
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** Base of both emulators: serves `handle` with the body read whole. */
export abstract class HttpEmulator<Entry> {
  readonly requests: Entry[] = []
  readonly violations = new ViolationLog()

  protected constructor(
    private readonly service: string,
    private readonly server: Server,
    readonly url: string
  ) {
    // Nobody knows the port before this point, so no request can arrive unhandled.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.serve(req, res))
  }

  protected abstract handle(req: IncomingMessage, body: string): HttpReply | Promise<HttpReply>

  clearRequests(): void {
    this.requests.length = 0
  }

  /** Stops the server; then fails, naming them, if requests broke the service's rules. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
    this.violations.assertNone(this.service)
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await text(req).catch(() => undefined)
    if (body === undefined) return void res.destroy()
    const reply = await this.handle(req, body)
    const payload = reply.body === undefined ? undefined : Buffer.from(reply.body)
    const headers: Record<string, string> = { ...reply.headers }
    if (payload) headers['content-length'] = String(payload.length)
    res.writeHead(reply.status, headers)
    res.end(req.method === 'HEAD' ? undefined : payload)
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
