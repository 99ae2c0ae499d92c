import {UserError} from '../errors.js'
import {factDefinition, parseFactValue, unknownFactMessage, type FactDefinition, type FactValue} from '../facts/vocabulary.js'
import type {Playbook} from '../playbook/schema.js'
import {FUTURE_TOLERANCE_MS, formatInZone, readInstant, INSTANT_HELP} from '../time/instant.js'
import type {EventDraft} from './events.js'
import type {IncidentState, StepState} from './state.js'

/**
 * Turns what a responder asks for into events, after checking it makes sense for this incident.
 * Pure: the caller appends the drafts to the log.
 */

export interface Who {
  actor: string
  /** When it really happened (ISO), if the responder says so. */
  occurredAt?: string
}

export function openIncident(
  input: {id: string; title: string; timezone: string; playbook: Playbook; playbookSha256: string; awareAt?: string; drill?: boolean},
  who: Who,
): EventDraft[] {
  const drafts: EventDraft[] = [
    {
      type: 'incident.opened',
      actor: who.actor,
      occurredAt: who.occurredAt,
      payload: {
        id: input.id,
        title: input.title,
        timezone: input.timezone,
        playbook: input.playbook,
        playbookSha256: input.playbookSha256,
        ...(input.drill ? {drill: true} : {}),
      },
    },
  ]
  if (input.awareAt) drafts.push({type: 'fact.set', actor: who.actor, payload: {key: 'aware_at', value: input.awareAt}})
  return drafts
}

export function findStep(state: IncidentState, stepId: string): StepState {
  const step = state.steps.find((s) => s.step.id === stepId)
  if (step) return step
  const ids = state.steps.map((s) => s.step.id)
  const close = ids.filter((id) => id.includes(stepId) || stepId.includes(id))
  throw new UserError(`playbook ${state.playbook.id} has no step "${stepId}"${close.length ? `; did you mean ${close.join(' or ')}?` : ''}`, {
    hint: `Steps: ${ids.join(', ')}`,
  })
}

export type StepAction = 'start' | 'done' | 'skip' | 'block'

export function stepEvent(state: IncidentState, stepId: string, action: StepAction, text: string | undefined, who: Who): EventDraft {
  ensureOpen(state)
  const step = findStep(state, stepId)
  const base = {actor: who.actor, occurredAt: who.occurredAt}
  const reason = text?.trim()
  switch (action) {
    case 'start':
      return {...base, type: 'step.started', payload: {step: step.step.id, ...(reason ? {note: reason} : {})}}
    case 'done':
      return {...base, type: 'step.completed', payload: {step: step.step.id, ...(reason ? {note: reason} : {})}}
    case 'skip':
      if (!reason) throw new UserError(`skipping ${step.step.id} needs a reason: add --note "why it does not apply"`)
      return {...base, type: 'step.skipped', payload: {step: step.step.id, reason}}
    case 'block':
      if (!reason) throw new UserError(`blocking ${step.step.id} needs a reason: add --note "what it waits for"`)
      return {...base, type: 'step.blocked', payload: {step: step.step.id, reason}}
  }
}

/** The longest note, in UTF-8 bytes: pages of pasted output fit; a whole log file belongs in `evidence add`. */
export const MAX_NOTE_BYTES = 1024 * 1024

export function noteEvent(state: IncidentState, text: string, stepId: string | undefined, who: Who): EventDraft {
  const trimmed = text.trim()
  if (!trimmed) throw new UserError('the note is empty')
  const bytes = Buffer.byteLength(trimmed)
  if (bytes > MAX_NOTE_BYTES) {
    throw new UserError(`the note is ${Math.ceil(bytes / 1024)} KB; one note holds at most ${MAX_NOTE_BYTES / 1024} KB`, {
      hint: 'Split it into several notes, or register the file as evidence with `runbook evidence add FILE` (it keeps the file and its hash).',
    })
  }
  const step = stepId ? findStep(state, stepId).step.id : undefined
  return {type: 'note.added', actor: who.actor, occurredAt: who.occurredAt, payload: {text: trimmed, ...(step ? {step} : {})}}
}

/**
 * Parses a typed value for a fact key from the vocabulary (runbook's, and the organisation's own from runbook.yaml:
 * `extra`); local times are read in the incident's zone.
 */
export function parseFact(state: Pick<IncidentState, 'timezone'>, key: string, raw: string, extra: readonly FactDefinition[] = []): FactValue {
  const definition = factDefinition(key, extra)
  if (!definition)
    throw new UserError(unknownFactMessage(key, extra), {
      hint: 'See the facts runbook knows with `runbook fact list --known`; declare your own in runbook.yaml under facts: (type and description).',
    })
  const parsed = parseFactValue(definition, raw, state.timezone)
  if (!parsed.ok) throw new UserError(parsed.message)
  return parsed.value
}

/**
 * Records a fact. A value that replaces a different one says what it corrects (the earlier value and its event), so
 * the log shows a changed answer as a correction; `reason` is why the responder stood by an answer that needed one.
 */
export function factEvent(state: IncidentState, key: string, value: FactValue, who: Who, reason?: string): EventDraft {
  const previous = state.facts[key]
  const corrects = previous && JSON.stringify(previous.value) !== JSON.stringify(value) ? {seq: previous.seq, value: previous.value} : undefined
  const why = reason?.trim()
  return {type: 'fact.set', actor: who.actor, occurredAt: who.occurredAt, payload: {key, value, ...(why ? {reason: why} : {}), ...(corrects ? {corrects} : {})}}
}

export function closeEvent(state: IncidentState, reason: string | undefined, who: Who): EventDraft {
  if (state.closed) throw new UserError(`incident ${state.id} is already closed`)
  return {type: 'incident.closed', actor: who.actor, occurredAt: who.occurredAt, payload: reason ? {reason} : {}}
}

export function reopenEvent(state: IncidentState, reason: string | undefined, who: Who): EventDraft {
  if (!state.closed) throw new UserError(`incident ${state.id} is already open`)
  return {type: 'incident.reopened', actor: who.actor, occurredAt: who.occurredAt, payload: reason ? {reason} : {}}
}

export function ensureOpen(state: IncidentState): void {
  if (state.closed) {
    throw new UserError(`incident ${state.id} is closed`, {hint: `Reopen it with \`runbook incident reopen ${state.id}\` to record more.`})
  }
}

/** `--at` as typed: ISO with offset, or local time in the incident's zone; never more than a few minutes ahead. */
export function parseAt(text: string | undefined, zone: string, now: Date): string | undefined {
  if (!text) return undefined
  if (text === 'now') return now.toISOString()
  const reading = readInstant(text, zone)
  if (!reading.ok) throw new UserError(`--at: ${reading.reason}; use ${INSTANT_HELP}`)
  if (reading.date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new UserError(
      `--at ${formatInZone(reading.date, zone)} is in the future (now is ${formatInZone(now, zone)}); --at records when something already happened`,
    )
  }
  return reading.date.toISOString()
}

/**
 * Instants that by their nature usually come before anyone opens the incident: the breach itself, and when it was
 * discovered, became known and was determined. The others record the response (contained, paid, assessed
 * material or major), so one before the incident was opened is more often a wrong day or year than the truth.
 */
const BEFORE_OPENING_IS_USUAL = new Set(['occurred_at', 'breach_ended_at', 'discovered_at', 'aware_at', 'determined_at'])

/**
 * Why an instant given for a fact deserves a second look, if it does: more than a few minutes in the future (a
 * typo, or a time meant in another zone, moves every clock by hours), or a response instant from before the
 * incident was opened. The caller asks the responder to confirm, or wants --force. `orgFacts`: the organisation's
 * own (runbook.yaml facts:), checked for the future only: they may well be from before the incident.
 */
export function instantConcern(
  state: Pick<IncidentState, 'timezone' | 'openedAt'>,
  key: string,
  value: FactValue,
  now: Date,
  orgFacts: readonly FactDefinition[] = [],
): string | undefined {
  if (typeof value !== 'string' || factDefinition(key, orgFacts)?.type.kind !== 'instant') return undefined
  const at = Date.parse(value)
  const zone = state.timezone
  if (at > now.getTime() + FUTURE_TOLERANCE_MS) return `${key} ${formatInZone(value, zone)} is in the future (now is ${formatInZone(now, zone)})`
  if (!BEFORE_OPENING_IS_USUAL.has(key) && factDefinition(key) && at < Date.parse(state.openedAt))
    return `${key} ${formatInZone(value, zone)} is before this incident was opened (${formatInZone(state.openedAt, zone)})`
  return undefined
}

/**
 * An instant fact more than a few minutes ahead of now is almost always a typo or a wrong zone ("09:00" typed at
 * 03:00 meaning yesterday): refused, unless the responder says it is meant (--force).
 */
export function checkNotFuture(key: string, value: FactValue, zone: string, now: Date, force: boolean | 'no-force'): void {
  if (force === true || typeof value !== 'string' || factDefinition(key)?.type.kind !== 'instant') return
  const at = Date.parse(value)
  if (at > now.getTime() + FUTURE_TOLERANCE_MS) {
    // 'no-force': a command that has no --force (incident open: nobody becomes aware of a breach in the future).
    const meant = force === 'no-force' ? '' : '; if it is meant, add --force'
    throw new UserError(`${key} ${formatInZone(value, zone)} is in the future (now is ${formatInZone(now, zone)})`, {
      hint: `Check the date and the time zone (${zone})${meant}.`,
    })
  }
}
