import {UserError} from '../errors.js'
import {formatInZone} from '../time/instant.js'
import type {Who} from '../incident/actions.js'
import type {EventDraft} from '../incident/events.js'
import type {IncidentState} from '../incident/state.js'
import {canonicalEvidenceId, type EvidenceItem} from './register.js'

/** What the register keeps of a file: its name, its SHA-256 and its size; never a byte of its content. */
export interface EvidenceFingerprint {
  name: string
  sha256: string
  bytes: number
}

export interface EvidenceDetails {
  description?: string
  source?: string
  /** Who holds it (default: whoever registers it). */
  custodian?: string
}

const text = (value: string | undefined): string | undefined => value?.trim() || undefined

/**
 * Registers an item. Allowed on a closed incident too: evidence is kept, handed to the police or to counsel, long after
 * the response is over, and its chain of custody goes on being recorded.
 */
export function evidenceAddedEvent(file: EvidenceFingerprint, details: EvidenceDetails, who: Who): EventDraft {
  const description = text(details.description)
  const source = text(details.source)
  return {
    type: 'evidence.added',
    actor: who.actor,
    occurredAt: who.occurredAt,
    payload: {
      name: file.name,
      sha256: file.sha256,
      bytes: file.bytes,
      custodian: text(details.custodian) ?? who.actor,
      ...(description ? {description} : {}),
      ...(source ? {source} : {}),
    },
  }
}

/** The item an id names (EV-14, ev14 or 14), or an error that lists the ids there are. */
export function findEvidence(state: IncidentState, id: string): EvidenceItem {
  const canonical = canonicalEvidenceId(id)
  const item = canonical ? state.evidence.find((e) => e.id === canonical) : undefined
  if (item) return item
  if (state.evidence.length === 0)
    throw new UserError(`incident ${state.id} has no evidence registered yet`, {hint: 'Register a file with `runbook evidence add PATH --desc TEXT`.'})
  throw new UserError(`incident ${state.id} has no evidence item "${id}"`, {
    hint: `Registered: ${state.evidence.map((e) => e.id).join(', ')} (see \`runbook evidence list\`).`,
  })
}

/** A hand-over from the item's current custodian to `to`. */
export function evidenceTransferEvent(state: IncidentState, id: string, to: string, reason: string | undefined, who: Who): EventDraft {
  const item = findEvidence(state, id)
  const receiver = to.trim()
  if (!receiver) throw new UserError(`say who receives ${item.id}: --to NAME`)
  if (receiver === item.custodian) throw new UserError(`${item.id} is already held by ${item.custodian}`)
  // A chain of custody where someone hands an item on before they received it would not stand up: refused.
  const last = item.custody.at(-1)
  if (last && who.occurredAt && Date.parse(who.occurredAt) < Date.parse(last.at)) {
    const zone = state.timezone
    throw new UserError(
      `--at ${formatInZone(who.occurredAt, zone)} is before ${item.custodian} received ${item.id} (${formatInZone(last.at, zone)}, #${last.seq}): a hand-over cannot come first`,
      {hint: 'Check the date and the time zone; hand-overs are recorded in the order they happened.'},
    )
  }
  const why = text(reason)
  return {
    type: 'evidence.transferred',
    actor: who.actor,
    occurredAt: who.occurredAt,
    payload: {item: item.id, from: item.custodian, to: receiver, ...(why ? {reason: why} : {})},
  }
}

/** The registered items whose SHA-256 is this one (the same bytes may be registered more than once, from two places). */
export function evidenceMatching(state: IncidentState, sha256: string): EvidenceItem[] {
  return state.evidence.filter((e) => e.sha256 === sha256)
}
