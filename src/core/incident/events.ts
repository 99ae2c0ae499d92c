import {z} from 'zod'
import {playbookSchema} from '../playbook/schema.js'

const factValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])

/**
 * Every event type and its payload. This map is the single source of truth for what the log may hold;
 * later features add entries here.
 */
export const PAYLOADS = {
  'incident.opened': z.object({
    id: z.string(),
    title: z.string(),
    timezone: z.string(),
    // The playbook as it was when the incident opened: the walk never changes under the responders' feet.
    playbook: playbookSchema,
    playbookSha256: z.string(),
    drill: z.boolean().optional(),
  }),
  'incident.closed': z.object({reason: z.string().optional()}),
  'incident.reopened': z.object({reason: z.string().optional()}),
  'step.started': z.object({step: z.string(), note: z.string().optional()}),
  'step.completed': z.object({step: z.string(), note: z.string().optional()}),
  'step.skipped': z.object({step: z.string(), reason: z.string().min(1)}),
  'step.blocked': z.object({step: z.string(), reason: z.string().min(1)}),
  'note.added': z.object({text: z.string().min(1), step: z.string().optional()}),
  'fact.set': z.object({key: z.string(), value: factValue}),
} as const

export type EventType = keyof typeof PAYLOADS
export type PayloadOf<T extends EventType> = z.infer<(typeof PAYLOADS)[T]>

export const EVENT_TYPES = Object.keys(PAYLOADS) as EventType[]

/** What a command asks to record; the store adds sequence, time and hashes. */
export type EventDraft = {
  [T in EventType]: {type: T; payload: PayloadOf<T>; actor: string; occurredAt?: string}
}[EventType]

/** An event as stored, one JSON object per line of events.jsonl. */
export const storedEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.string(),
  recordedAt: z.string(),
  occurredAt: z.string().optional(),
  actor: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
})

export type StoredEvent = z.infer<typeof storedEventSchema>

/** A stored event whose payload has been checked against its type. */
export type TypedEvent = {
  [T in EventType]: Omit<StoredEvent, 'type' | 'payload'> & {type: T; payload: PayloadOf<T>}
}[EventType]

export function isKnownType(type: string): type is EventType {
  return Object.hasOwn(PAYLOADS, type)
}

/** Narrows a stored event; unknown types (from a newer runbook) are passed over by the fold. */
export function typed(event: StoredEvent): TypedEvent | undefined {
  if (!isKnownType(event.type)) return undefined
  const parsed = PAYLOADS[event.type].safeParse(event.payload)
  return parsed.success ? ({...event, payload: parsed.data} as TypedEvent) : undefined
}
