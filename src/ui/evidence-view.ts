import type {EvidenceItem} from '../core/evidence/register.js'
import {groupDigits} from '../core/facts/vocabulary.js'
import {printableLine} from '../core/printable.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'

const when = (at: string, zone: string) => formatInZone(at, zone, 'yyyy-MM-dd HH:mm xxx')

/** `evidence list`: each item, what it is, its hash and size, and its chain of custody oldest first. */
export function evidenceLines(items: readonly EvidenceItem[], zone: string, style: Styler): string[] {
  if (items.length === 0) return ['No evidence registered yet. Register a file with: runbook evidence add PATH --desc TEXT --source WHERE']
  const lines: string[] = []
  for (const item of items) {
    lines.push(`${style.bold(item.id)}  ${printableLine(item.name)}  ${groupDigits(item.bytes)} bytes  held by ${printableLine(item.custodian)}`)
    if (item.description) lines.push(`  ${printableLine(item.description)}`)
    lines.push(style.dim(`  sha256 ${item.sha256}`))
    if (item.source) lines.push(`  from ${printableLine(item.source)}`)
    for (const [i, link] of item.custody.entries()) {
      const what =
        i === 0
          ? `registered by ${printableLine(link.actor)}, held by ${printableLine(link.to)}`
          : `${printableLine(link.from ?? '?')} -> ${printableLine(link.to)}${link.reason ? `: ${printableLine(link.reason)}` : ''} (recorded by ${printableLine(link.actor)})`
      lines.push(style.dim(`  ${when(link.at, zone)}  #${link.seq}  ${what}`))
    }
  }
  return lines
}

/** `evidence add`: what was recorded, and the same bytes registered before. */
export function addedLines(item: EvidenceItem, sameAs: readonly EvidenceItem[], style: Styler): string[] {
  const lines = [
    `Registered ${style.bold(item.id)} (#${item.seq}): ${printableLine(item.name)}, ${groupDigits(item.bytes)} bytes, held by ${printableLine(item.custodian)}`,
    `  sha256 ${item.sha256}`,
  ]
  if (sameAs.length) lines.push(style.yellow(`  The same bytes are already registered as ${sameAs.map((e) => e.id).join(', ')}.`))
  return lines
}

/** `evidence verify`: which registered items the file is. */
export function verifiedLines(name: string, sha256: string, matches: readonly EvidenceItem[], style: Styler): string[] {
  return [
    `${style.green('ok')}: ${printableLine(name)} is ${matches.map((m) => `${m.id} (${printableLine(m.name)}, held by ${printableLine(m.custodian)})`).join(' and ')}`,
    style.dim(`  sha256 ${sha256}`),
  ]
}

/** `evidence transfer`: the link just recorded. */
export function transferredLine(item: EvidenceItem, seq: number): string {
  const link = item.custody.find((c) => c.seq === seq) ?? item.custody.at(-1)!
  return `Recorded (#${seq}): ${item.id} passed from ${printableLine(link.from ?? '')} to ${printableLine(link.to)}.`
}
