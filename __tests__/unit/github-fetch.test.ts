// src/github/fetch.ts, the fetch Octokit makes its requests with, against local HTTP servers: what
// @octokit/request reads of an answer, redirects as fetch follows them, compressed bodies, and a
// network error as fetch reports it (which Octokit turns into a status 500 that it retries).

import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { Octokit } from '@octokit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeFetch } from '../../src/github/fetch.js'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

async function serve(handler: Handler): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (d: string) => (body += d))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      handler(req, res, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

let main: Awaited<ReturnType<typeof serve>>
let other: Awaited<ReturnType<typeof serve>>

beforeAll(async () => {
  other = await serve((_req, res) => res.end('elsewhere'))
  main = await serve((req, res, body) => {
    const path = req.url ?? ''
    if (path === '/json') {
      res.writeHead(200, 'Fine', { 'content-type': 'application/json', 'X-Thing': 'a' })
      res.end(JSON.stringify({ ok: true, method: req.method, body }))
    } else if (path === '/missing') {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'Not Found' }))
    } else if (path === '/here') {
      res.writeHead(302, { location: '/json' }).end()
    } else if (path === '/away') {
      res.writeHead(307, { location: `${other.url}/landed` }).end()
    } else if (path === '/see-other') {
      res.writeHead(303, { location: '/json' }).end()
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' }).end()
    } else if (path === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
      res.end(gzipSync('unzipped 🎪'))
    } else if (path === '/cookies') {
      res.setHeader('set-cookie', ['a=1', 'b=2'])
      res.end()
    } else {
      res.writeHead(500).end()
    }
  })
})
afterAll(async () => {
  for (const s of [main, other]) await new Promise((resolve) => s.server.close(resolve))
})

describe('nodeFetch', () => {
  it('sends the method, headers and body, and reads status, headers and text', async () => {
    const res = await nodeFetch(`${main.url}/json`, {
      method: 'post',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: '{"a":"🎪"}'
    })
    expect(res.status).toBe(200)
    expect(res.statusText).toBe('Fine')
    expect(res.ok).toBe(true)
    expect(res.redirected).toBe(false)
    expect(res.url).toBe(`${main.url}/json`)
    expect(res.headers.get('X-THING')).toBe('a')
    expect(res.headers.has('content-type')).toBe(true)
    expect([...res.headers].map(([name]) => name)).toEqual(
      [...res.headers].map(([name]) => name).sort()
    )
    expect(await res.json()).toEqual({ ok: true, method: 'POST', body: '{"a":"🎪"}' })
    const last = main.seen.at(-1)
    expect(last?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"🎪"}')))
    expect(last?.headers.authorization).toBe('token t')
  })

  it('follows a redirect on the same origin with the credentials', async () => {
    const res = await nodeFetch(`${main.url}/here`, { headers: { authorization: 'token t' } })
    expect(res.status).toBe(200)
    expect(res.redirected).toBe(true)
    expect(res.url).toBe(`${main.url}/json`)
    expect(main.seen.at(-1)?.headers.authorization).toBe('token t')
  })

  it('drops the credentials on a redirect to another origin', async () => {
    const res = await nodeFetch(`${main.url}/away`, {
      method: 'PUT',
      headers: { authorization: 'token t', cookie: 'c=1', accept: 'text/plain' },
      body: 'kept'
    })
    expect(await res.text()).toBe('elsewhere')
    const landed = other.seen.at(-1)
    expect(landed?.method).toBe('PUT')
    expect(landed?.body).toBe('kept')
    expect(landed?.headers.authorization).toBeUndefined()
    expect(landed?.headers.cookie).toBeUndefined()
    expect(landed?.headers.accept).toBe('text/plain')
  })

  it('goes on with a GET without a body after a 303', async () => {
    const res = await nodeFetch(`${main.url}/see-other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}'
    })
    expect(await res.json()).toEqual({ ok: true, method: 'GET', body: '' })
    expect(main.seen.at(-1)?.headers['content-type']).toBeUndefined()
  })

  it('returns the redirect itself when asked to, and gives up on a loop', async () => {
    const manual = await nodeFetch(`${main.url}/here`, { redirect: 'manual' })
    expect(manual.status).toBe(302)
    expect(manual.headers.get('location')).toBe('/json')
    await expect(nodeFetch(`${main.url}/loop`)).rejects.toThrow('fetch failed')
    await expect(nodeFetch(`${main.url}/here`, { redirect: 'error' })).rejects.toThrow(
      'fetch failed'
    )
  })

  it('decodes a compressed body and joins repeated headers', async () => {
    const res = await nodeFetch(`${main.url}/gzip`)
    expect(await res.text()).toBe('unzipped 🎪')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(Buffer.from(bytes).toString('utf8')).toBe('unzipped 🎪')
    const cookies = await nodeFetch(`${main.url}/cookies`)
    expect(cookies.headers.get('set-cookie')).toBe('a=1, b=2')
  })

  it('fails as fetch does when nothing answers: a TypeError with the cause', async () => {
    const closed = await serve(() => undefined)
    await new Promise((resolve) => closed.server.close(resolve))
    const error = await nodeFetch(`${closed.url}/x`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as TypeError).message).toBe('fetch failed')
    expect(String((error as { cause?: unknown }).cause)).toContain('ECONNREFUSED')
    await expect(nodeFetch('ftp://127.0.0.1/x')).rejects.toThrow('fetch failed')
  })

  it('goes without a proxy to a loopback address even when one is configured', async () => {
    const res = await nodeFetch(`${main.url}/json`, {}, { http_proxy: 'http://127.0.0.1:9' })
    expect(res.status).toBe(200)
  })
})

describe('nodeFetch under Octokit', () => {
  const octokit = () => new Octokit({ baseUrl: main.url, request: { fetch: nodeFetch } })

  it('reads JSON answers', async () => {
    const { data, status, headers } = await octokit().request('GET /json')
    expect(status).toBe(200)
    expect(data).toEqual({ ok: true, method: 'GET', body: '' })
    expect(headers['x-thing']).toBe('a')
  })

  it('turns an error answer into a RequestError with its status and message', async () => {
    await expect(octokit().request('GET /missing')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Not Found') as unknown
    })
  })

  it('turns a network error into status 500, which the retry plugin retries', async () => {
    const closed = await serve(() => undefined)
    await new Promise((resolve) => closed.server.close(resolve))
    const client = new Octokit({ baseUrl: closed.url, request: { fetch: nodeFetch } })
    await expect(client.request('GET /x')).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('ECONNREFUSED') as unknown
    })
  })
})
