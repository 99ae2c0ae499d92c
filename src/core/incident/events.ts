import type {z} from 'zod'
import type {PAYLOADS, storedEventSchema} from './event-schema.js'

// Types and light checks only: reading a log must not pay for loading the validation library.
// The schemas themselves live in event-schema.ts and check every event before it is written.

export type EventType = keyof typeof PAYLOADS
export type PayloadOf<T extends EventType> = z.infer<(typeof PAYLOADS)[T]>

/**
 * Every event type this version knows. Checked by the compiler against the payload table in event-schema.ts: a type
 * added there and not here (or the reverse) does not build, so the fold can never silently pass over a new type.
 */
const TYPE_TABLE = {
  'incident.opened': true,
  'incident.closed': true,
  'incident.reopened': true,
  'step.started': true,
  'step.completed': true,
  'step.skipped': true,
  'step.blocked': true,
  'note.added': true,
  'fact.set': true,
  'obligation.met': true,
  'regulations.evaluated': true,
  'notice.rendered': true,
  'drill.started': true,
  'drill.advanced': true,
  'drill.inject': true,
  'drill.decision': true,
  'drill.ended': true,
  'notify.completed': true,
  'record.repaired': true,
  'record.recovered': true,
  'drill.paused': true,
  'drill.resumed': true,
  'drill.deferred': true,
  'drill.added': true,
  'drill.rated': true,
  'drill.debrief': true,
  'drill.participant': true,
  'evidence.added': true,
  'evidence.transferred': true,
  'role.assigned': true,
  'role.released': true,
  'notice.approved': true,
} as const satisfies Record<EventType, true>

export const EVENT_TYPES = Object.keys(TYPE_TABLE) as EventType[]

const KNOWN = new Set<string>(EVENT_TYPES)

/**
 * What a command asks to record; the store adds sequence, time and hashes, and an id unless the draft has one (a
 * writer that may retry names its events, so the store can tell a retry from a new event).
 */
export type EventDraft = {
  [T in EventType]: {type: T; payload: PayloadOf<T>; actor: string; occurredAt?: string; id?: string}
}[EventType]

export type StoredEvent = z.infer<typeof storedEventSchema>

/** A stored event whose type this version knows. */
export type TypedEvent = {
  [T in EventType]: Omit<StoredEvent, 'type' | 'payload'> & {type: T; payload: PayloadOf<T>}
}[EventType]

export function isKnownType(type: string): type is EventType {
  return KNOWN.has(type)
}

/** Narrows a stored event by its type; unknown types (from a newer runbook) are passed over by the fold. */
export function typed(event: StoredEvent): TypedEvent | undefined {
  return isKnownType(event.type) ? (event as TypedEvent) : undefined
}

/** The envelope's shape, checked cheaply on every line read (the hash chain guards the content). */
export function isStoredEvent(value: unknown): value is StoredEvent {
  if (typeof value !== 'object' || value === null) return false
  const e = value as Record<string, unknown>
  return (
    Number.isInteger(e.seq) &&
    (e.seq as number) > 0 &&
    typeof e.type === 'string' &&
    typeof e.recordedAt === 'string' &&
    (e.occurredAt === undefined || typeof e.occurredAt === 'string') &&
    typeof e.actor === 'string' &&
    typeof e.payload === 'object' &&
    e.payload !== null &&
    !Array.isArray(e.payload) &&
    typeof e.prevHash === 'string' &&
    typeof e.hash === 'string' &&
    (e.clockSkewMs === undefined || typeof e.clockSkewMs === 'number') &&
    (e.id === undefined || typeof e.id === 'string') &&
    (e.dbUser === undefined || typeof e.dbUser === 'string')
  )
}
