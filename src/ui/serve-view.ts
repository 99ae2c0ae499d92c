import {printableLine} from '../core/printable.js'
import type {Styler} from './io.js'

/** What `runbook serve` says when it is listening (the shape app/serve gives; ui/ does not import app/). */
export interface ServeSummary {
  id: string
  title: string
  drill: boolean
  links: {label: string; role: 'viewer' | 'facilitator'; url: string}[]
}

export function serveLines(info: ServeSummary, style: Styler): string[] {
  const viewer = info.links.filter((l) => l.role === 'viewer')
  const facilitator = info.links.filter((l) => l.role === 'facilitator')
  const lines = [`${style.bold(printableLine(info.title))} ${style.dim(`(${info.id})`)}`, '', style.bold('Read-only (share with those who look):')]
  for (const link of viewer) lines.push(`  ${link.label.padEnd(10)} ${link.url}`)
  if (facilitator.length) {
    lines.push('', style.bold('Facilitator (can act; keep it to yourself):'))
    for (const link of facilitator) lines.push(`  ${link.label.padEnd(10)} ${link.url}`)
  }
  lines.push('', style.dim('The links carry access tokens that last until this server stops. Stop with Ctrl-C.'))
  return lines
}
