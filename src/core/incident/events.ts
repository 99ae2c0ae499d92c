import type {z} from 'zod'
import type {PAYLOADS, storedEventSchema} from './event-schema.js'

// Types and light checks only: reading a log must not pay for loading the validation library.
// The schemas themselves live in event-schema.ts and check every event before it is written.

export type EventType = keyof typeof PAYLOADS
export type PayloadOf<T extends EventType> = z.infer<(typeof PAYLOADS)[T]>

export const EVENT_TYPES: readonly EventType[] = [
  'incident.opened', 'incident.closed', 'incident.reopened', 'step.started', 'step.completed', 'step.skipped', 'step.blocked',
  'note.added', 'fact.set', 'obligation.met', 'regulations.evaluated', 'notice.rendered', 'drill.started', 'drill.advanced',
  'drill.inject', 'drill.decision', 'drill.ended', 'notify.completed',
]

const KNOWN = new Set<string>(EVENT_TYPES)

/** What a command asks to record; the store adds sequence, time and hashes. */
export type EventDraft = {
  [T in EventType]: {type: T; payload: PayloadOf<T>; actor: string; occurredAt?: string}
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
  return Number.isInteger(e.seq) && (e.seq as number) > 0 && typeof e.type === 'string' && typeof e.recordedAt === 'string'
    && (e.occurredAt === undefined || typeof e.occurredAt === 'string') && typeof e.actor === 'string'
    && typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload)
    && typeof e.prevHash === 'string' && typeof e.hash === 'string'
}
