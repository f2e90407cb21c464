// Checks requests to (and answers of) the GitHub emulator against GitHub's own REST description,
// the api.github.com OpenAPI document of @octokit/openapi. The document is read once per process;
// a copy without prose (descriptions, examples) is kept under node_modules/.cache, as it parses
// several times faster than the 13 MB original. Schemas are compiled by ajv when first needed.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'

type Json = Record<string, unknown>

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Json
}

export interface Operation {
  id: string
  method: string
  template: string
  segments: string[]
  pointer: string
  parameters: Parameter[]
  hasBody: boolean
  bodyRequired: boolean
  /** The operation's page in GitHub's REST documentation. */
  docs: string
}

/** Why a request does not fit GitHub's description, and the status GitHub answers it with. */
export interface RequestProblem {
  status: 404 | 422
  reason: string
}

const PROSE = new Set(['description', 'summary', 'examples', 'example', 'x-github'])
const METHODS = ['get', 'put', 'post', 'patch', 'delete']
/** Bumped whenever forAjv changes what it writes. */
const CACHE_FORMAT = 4
const require = createRequire(import.meta.url)

/** The document without prose, and with `nullable` on type-less schemas spelt so ajv takes it. */
function forAjv(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => forAjv(v))
  if (typeof value !== 'object' || value === null) return value
  const out: Json = {}
  for (const [k, v] of Object.entries(value)) {
    // Under `properties` the keys are field names (a label has a field called description).
    if (parentKey !== 'properties' && PROSE.has(k)) continue
    out[k] = forAjv(v, k)
  }
  if (parentKey === 'properties' || out.nullable !== true) return out
  // OpenAPI 3.0 lets null through an enum that does not list it; ajv needs it listed.
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  if ('type' in out) return out
  const { nullable: _, ...schema } = out
  return { anyOf: [schema, { type: 'null' }] }
}

function loadDocument(): Json {
  const pkg = require.resolve('@octokit/openapi/package.json')
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }
  const cache = join(
    dirname(pkg),
    '..',
    '..',
    '.cache',
    'showtime-emulators',
    `openapi-${version}-${CACHE_FORMAT}.json`
  )
  try {
    return JSON.parse(readFileSync(cache, 'utf8')) as Json
  } catch {
    const full = readFileSync(join(dirname(pkg), 'generated', 'api.github.com.json'), 'utf8')
    const doc = forAjv(JSON.parse(full)) as Json
    mkdirSync(dirname(cache), { recursive: true })
    const temp = `${cache}.${process.pid}`
    writeFileSync(temp, JSON.stringify(doc))
    renameSync(temp, cache)
    return doc
  }
}

const pointerSegment = (s: string): string =>
  encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))

class OpenApiDescription {
  // ajv compiles each schema when first asked for it, and keeps it.
  private readonly ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false })
  private readonly operations: Operation[] = []

  constructor(private readonly doc: Json) {
    this.ajv.addSchema(doc, 'gh')
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const shared = ((item.parameters as Json[] | undefined) ?? []).map((p) => this.deref(p))
      for (const method of METHODS) {
        const op = item[method] as Json | undefined
        if (!op) continue
        const own = ((op.parameters as Json[] | undefined) ?? []).map((p) => this.deref(p))
        const body = op.requestBody ? this.deref(op.requestBody as Json) : undefined
        const content = body?.content as Json | undefined
        this.operations.push({
          id: String(op.operationId),
          method: method.toUpperCase(),
          template,
          segments: template.split('/').filter(Boolean),
          pointer: `gh#/paths/${pointerSegment(template)}/${method}`,
          parameters: [...shared, ...own] as unknown as Parameter[],
          hasBody: content?.['application/json'] !== undefined,
          bodyRequired: body?.required === true,
          docs: String((op.externalDocs as Json | undefined)?.url ?? 'https://docs.github.com/rest')
        })
      }
    }
    // The most literal template wins: `/issues/comments` before `/issues/{issue_number}`.
    const literals = (o: Operation): number => o.segments.filter((s) => !s.startsWith('{')).length
    this.operations.sort((a, b) => literals(b) - literals(a))
  }

  /** The operation serving `method path` (decoded segments), if the description has one. */
  find(method: string, segments: string[]): Operation | RequestProblem {
    const matches = this.operations.filter(
      (o) =>
        o.segments.length === segments.length &&
        o.segments.every((s, i) => s.startsWith('{') || s === segments[i])
    )
    const op = matches.find((o) => o.method === (method === 'HEAD' ? 'GET' : method))
    if (op) return op
    const path = `/${segments.join('/')}`
    return {
      status: 404,
      reason: matches.length
        ? `GitHub's REST description has no ${method} for ${matches[0]?.template}`
        : `GitHub's REST description has no operation at ${path}`
    }
  }

  /** Path and query parameters and the JSON body checked against the operation's description. */
  checkRequest(
    op: Operation,
    segments: string[],
    query: Record<string, string>,
    body: unknown
  ): RequestProblem | undefined {
    for (const p of op.parameters.filter((x) => x.in === 'path')) {
      const value = segments[op.segments.indexOf(`{${p.name}}`)] ?? ''
      const problem = this.checkValue(p, value)
      if (problem) return { status: 404, reason: `path parameter ${p.name}: ${problem}` }
    }
    const declared = new Map(op.parameters.filter((x) => x.in === 'query').map((x) => [x.name, x]))
    for (const [name, value] of Object.entries(query)) {
      const p = declared.get(name)
      if (!p) return { status: 422, reason: `${op.id} has no query parameter "${name}"` }
      const problem = this.checkValue(p, value)
      if (problem) return { status: 422, reason: `query parameter ${name}: ${problem}` }
    }
    for (const p of declared.values()) {
      if (p.required && !(p.name in query))
        return { status: 422, reason: `query parameter ${p.name} is required` }
    }
    if (body === undefined) {
      return op.bodyRequired ? { status: 422, reason: `${op.id} needs a JSON body` } : undefined
    }
    if (!op.hasBody) return { status: 422, reason: `${op.id} takes no body` }
    const problem = this.check(`${op.pointer}/requestBody/content/application~1json/schema`, body)
    return problem ? { status: 422, reason: problem } : undefined
  }

  /** Why an answer of the emulator does not fit the described response, if it does not. */
  checkResponse(op: Operation, status: number, body: unknown): string | undefined {
    const responses = (this.at(op) as Json).responses as Json
    const described = responses[String(status)] as Json | undefined
    if (!described) return `${op.id} is not described to answer ${status}`
    const content = this.deref(described).content as Json | undefined
    if (!content?.['application/json']) return undefined
    const base = described.$ref
      ? `gh${String(described.$ref)}`
      : `${op.pointer}/responses/${status}`
    return this.check(`${base}/content/application~1json/schema`, body)
  }

  private check(pointer: string, value: unknown): string | undefined {
    const validate = this.ajv.getSchema(pointer) as ValidateFunction
    if (validate(value)) return undefined
    return this.ajv.errorsText(validate.errors, { dataVar: 'body' }).slice(0, 600)
  }

  private checkValue(p: Parameter, raw: string): string | undefined {
    const schema = p.schema ?? {}
    let value: unknown = raw
    if (schema.type === 'integer' || schema.type === 'number')
      value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
    if (schema.type === 'boolean') value = raw === 'true' ? true : raw === 'false' ? false : raw
    const validate = this.ajv.compile(schema)
    if (validate(value)) return undefined
    return `${JSON.stringify(raw)}: ${this.ajv.errorsText(validate.errors, { dataVar: 'value' })}`
  }

  private at(op: Operation): unknown {
    return ((this.doc.paths as Json)[op.template] as Json)[op.method.toLowerCase()]
  }

  private deref(node: Json): Json {
    const ref = node.$ref
    if (typeof ref !== 'string') return node
    let target: unknown = this.doc
    for (const part of ref.slice(2).split('/')) target = (target as Json)[part]
    return target as Json
  }
}

let description: OpenApiDescription | undefined

/** GitHub's REST description, loaded on first use and shared by every emulator of the process. */
export function githubRestDescription(): OpenApiDescription {
  description ??= new OpenApiDescription(loadDocument())
  return description
}
