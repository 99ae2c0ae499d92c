import {checkNotFuture, factEvent, noteEvent, parseFact, stepEvent, type StepAction} from '../core/incident/actions.js'
import {describeEvent} from '../core/incident/describe.js'
import type {StoredEvent} from '../core/incident/events.js'
import {FACT_DEFINITIONS, type FactDefinition, type FactValue} from '../core/facts/vocabulary.js'
import {orgFactDefinitions} from '../core/facts/org-definitions.js'
import {UserError} from '../core/errors.js'
import {settleAnswer} from './answers.js'
import type {Context} from './context.js'
import {occurredAt, resolveIncident} from './incidents.js'

interface Target {
  incident?: string
  at?: string
}

/** `runbook step done|skip|block|start STEP`: one step's progress. */
export async function recordStep(
  ctx: Context,
  input: Target & {step: string; action: StepAction; note?: string},
): Promise<{event: StoredEvent; description: string}> {
  const session = await resolveIncident(ctx, input.incident)
  const {state} = session
  const [event] = await session.record(stepEvent(state, input.step, input.action, input.note, session.who(occurredAt(session, input.at))))
  const titles = new Map(state.steps.map((s) => [s.step.id, s.step.title]))
  return {event: event!, description: describeEvent(event!, titles)}
}

export async function addNote(ctx: Context, input: Target & {text: string; step?: string}): Promise<StoredEvent> {
  const session = await resolveIncident(ctx, input.incident)
  const [event] = await session.record(noteEvent(session.state, input.text, input.step, session.who(occurredAt(session, input.at))))
  return event!
}

/**
 * `runbook fact set KEY VALUE`. An unlikely instant needs --force, an answer that removes obligations needs
 * --reason (at a terminal both are asked instead); the reason is kept in the event.
 */
export async function setFact(
  ctx: Context,
  input: Target & {key: string; value: string; force?: boolean; reason?: string},
): Promise<{event: StoredEvent; value: FactValue; timezone: string}> {
  const session = await resolveIncident(ctx, input.incident)
  const own = orgFactDefinitions((await ctx.workspace.config()).facts)
  const value = parseFact(session.state, input.key, input.value, own)
  // The organisation's own instants get the same future check as runbook's (reviewed in settleAnswer).
  if (own.some((d) => d.key === input.key)) checkNotFuture(input.key, value, session.state.timezone, session.now(), input.force ?? false, own)
  const who = session.who(occurredAt(session, input.at))
  const settled = await settleAnswer(session, input.key, value, {force: input.force, reason: input.reason})
  if (!settled.accepted) throw new UserError(`not recorded: ${input.key} is unchanged`)
  const [event] = await session.record(factEvent(session.state, input.key, value, who, settled.reason))
  return {event: event!, value, timezone: session.state.timezone}
}

export interface FactRow {
  key: string
  value: FactValue
  setAt: string
  setBy: string
  seq: number
}

export async function listFacts(ctx: Context, incident?: string): Promise<{rows: FactRow[]; timezone: string}> {
  const {state} = await resolveIncident(ctx, incident)
  const rows = Object.entries(state.facts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, f]) => ({key, value: f.value, setAt: f.at, setBy: f.actor, seq: f.seq}))
  return {rows, timezone: state.timezone}
}

/** `fact list --known`: runbook's vocabulary, then the organisation's own facts from runbook.yaml. */
export async function knownFactDefinitions(ctx: Context): Promise<FactDefinition[]> {
  return [...FACT_DEFINITIONS, ...orgFactDefinitions((await ctx.workspace.config()).facts)]
}
