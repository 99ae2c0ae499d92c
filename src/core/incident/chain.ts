import {createHash} from 'node:crypto'
import type {EventDraft, StoredEvent} from './events.js'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Canonical JSON: object keys sorted by code point, no white space, numbers as JSON.stringify writes them
 * (the RFC 8785 form for the integers, strings, booleans and arrays events carry). Hand-written because it is
 * a dozen lines and the available packages need Node 22.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
  return `{${entries.join(',')}}`
}

/** SHA-256 over the canonical JSON of everything in the event except its own hash. */
export function eventHash(event: {hash?: string} & Record<string, unknown>): string {
  const {hash: _ignored, ...rest} = event
  return createHash('sha256').update(canonicalJson(rest)).digest('hex')
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The last event a new one chains to: its number, hash and recording time (nothing before the first event). */
export interface ChainTail {
  seq: number
  hash: string
  recordedAt?: string
}

export const EMPTY_TAIL: ChainTail = {seq: 0, hash: GENESIS_HASH}

export function tailOf(event: StoredEvent | undefined): ChainTail {
  return event ? {seq: event.seq, hash: event.hash, recordedAt: event.recordedAt} : EMPTY_TAIL
}

export interface SealOptions {
  /** When the store records them (one time for the batch). */
  recordedAt: string
  /** An id for a draft that has none. */
  newId: () => string
  /** The database user that writes them (PostgreSQL only). */
  dbUser?: string
}

/**
 * Turns drafts into stored events chained after `tail`: numbered, stamped, given an id, hashed. Each comes with its
 * line, the canonical JSON both stores keep and `verify` reads. The same for every store, so a record copied from
 * one to the other keeps its hashes.
 */
export function sealEvents(drafts: readonly EventDraft[], tail: ChainTail, options: SealOptions): {event: StoredEvent; line: string}[] {
  // A clock behind the last event's (another machine's, a clock set back) is recorded, not hidden or refused.
  const behind = tail.recordedAt ? Date.parse(tail.recordedAt) - Date.parse(options.recordedAt) : 0
  let {seq, hash: prevHash} = tail
  return drafts.map((draft) => {
    const body = {
      seq: ++seq,
      id: draft.id ?? options.newId(),
      type: draft.type,
      recordedAt: options.recordedAt,
      ...(draft.occurredAt ? {occurredAt: draft.occurredAt} : {}),
      actor: draft.actor,
      ...(options.dbUser ? {dbUser: options.dbUser} : {}),
      payload: draft.payload as Record<string, unknown>,
      prevHash,
      ...(behind > 0 ? {clockSkewMs: behind} : {}),
    }
    const event: StoredEvent = {...body, hash: eventHash(body)}
    prevHash = event.hash
    return {event, line: canonicalJson(event)}
  })
}
