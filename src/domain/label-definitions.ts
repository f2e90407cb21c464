// Colours and descriptions of repository label definitions, as the Python tool gave them.
// Descriptions are plain text: GitHub rejects 4-byte characters (emoji) and more than 100
// characters there.

import { parseLabel } from './labels.js'

export interface LabelDefinition {
  readonly color: string
  readonly description: string
}

const TRIGGER = 'FFD700'
const SETTING = 'FFE4B5'
const BLOCKED = 'dc3545'
const DETAIL = 'FFF9C4'
const STATUS_COLORS: Record<string, string> = {
  running: '28a745',
  building: 'FFD700',
  failed: 'dc3545',
  updating: 'fd7e14',
  sleeping: '6c757d'
}

export function labelDefinition(name: string): LabelDefinition {
  const parsed = parseLabel(name)
  switch (parsed.kind) {
    case 'trigger':
      return parsed.trigger === 'start'
        ? {
            color: TRIGGER,
            description: 'Showtime: create or rebuild the preview environment of this PR'
          }
        : {
            color: TRIGGER,
            description: 'Showtime: tear down every preview environment of this PR'
          }
    case 'freeze':
      return { color: SETTING, description: 'Showtime: do not roll out new commits automatically' }
    case 'blocked':
      return { color: BLOCKED, description: 'Showtime: operations suspended on this PR' }
    case 'ttl':
      return {
        color: SETTING,
        description:
          parsed.value.toLowerCase() === 'close'
            ? 'Showtime: keep the environment until the PR closes'
            : `Showtime: environment expires ${parsed.value} after it was created`
      }
    case 'status':
      return {
        color: STATUS_COLORS[parsed.status] ?? TRIGGER,
        description: `Showtime: environment ${parsed.sha} is ${parsed.status}`
      }
    case 'created':
      return {
        color: DETAIL,
        description: `Showtime: environment ${parsed.sha} created ${parsed.at} UTC`
      }
    case 'ip':
      return {
        color: DETAIL,
        description: `Showtime: environment ${parsed.sha} at http://${parsed.ip}:${parsed.port}`
      }
    case 'requester':
      return {
        color: DETAIL,
        description: `Showtime: environment ${parsed.sha} requested by ${parsed.login}`.slice(
          0,
          100
        )
      }
    case 'pointer':
      return { color: DETAIL, description: `Showtime: ${parsed.sha} is the active environment` }
    case 'building-pointer':
      return { color: DETAIL, description: `Showtime: ${parsed.sha} is being built` }
    case 'sha-ttl':
      return {
        color: DETAIL,
        description: `Showtime: environment ${parsed.sha} expires after ${parsed.value}`
      }
    case 'unknown':
      return { color: DETAIL, description: 'Showtime label' }
    case 'foreign':
      return { color: TRIGGER, description: '' }
  }
}
