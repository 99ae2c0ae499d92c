import {factEvent, MAX_NOTE_BYTES, noteEvent, parseFact, stepEvent, type StepAction} from '../core/incident/actions.js'
import {describeEvent} from '../core/incident/describe.js'
import type {StoredEvent} from '../core/incident/events.js'
import {FACT_DEFINITIONS, type FactDefinition, type FactValue} from '../core/facts/vocabulary.js'
import {orgFacts} from './org-facts.js'
import {UserError} from '../core/errors.js'
import {settleAnswer} from './answers.js'
import {readFileBytes} from '../store/files.js'
import type {Context} from './context.js'
import {occurredAt, resolveIncident} from './incidents.js'
import {compareOrdinal} from '../core/order.js'

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

/**
 * `runbook note TEXT`, `note --file PATH` or `note -` (standard input): pasted text of any length is read whole, in
 * one pass, and recorded byte for byte (leading and trailing blank space aside).
 */
export async function addNote(ctx: Context, input: Target & {text?: string; file?: string; step?: string}): Promise<StoredEvent> {
  const text = await noteText(ctx, input)
  const session = await resolveIncident(ctx, input.incident)
  const [event] = await session.record(noteEvent(session.state, text, input.step, session.who(occurredAt(session, input.at))))
  return event!
}

async function noteText(ctx: Context, input: {text?: string; file?: string}): Promise<string> {
  const given = [input.text !== undefined && input.text !== '-', input.file !== undefined, input.text === '-'].filter(Boolean).length
  if (given !== 1) {
    throw new UserError(given === 0 ? 'no note given' : 'give the note one way: as TEXT, with --file PATH, or as - (standard input)', {
      hint: 'runbook note "TEXT", runbook note --file notes.txt, or: pbpaste | runbook note -',
    })
  }
  if (input.file !== undefined) return utf8(readFileBytes(input.file, 'note', MAX_NOTE_BYTES + 64 * 1024), input.file)
  if (input.text !== '-') return input.text!
  if (!ctx.io.stdin) throw new UserError('`runbook note -` reads the note from standard input, and there is none here')
  // At a keyboard the command would otherwise sit silent, waiting for an end of input nobody knows to give.
  if (ctx.io.stdinIsTerminal) ctx.io.stderr.write('Type or paste the note, then press Ctrl-D on a line of its own to record it (Ctrl-C records nothing).\n')
  const parts: Buffer[] = []
  let length = 0
  for await (const chunk of ctx.io.stdin) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)
    length += part.length
    // Past the limit by more than blank space can explain: stop reading (an endless input never hangs the command).
    if (length > MAX_NOTE_BYTES + 64 * 1024) throw new UserError(`the note on standard input is over ${MAX_NOTE_BYTES / 1024} KB`, {hint: NOTE_TOO_LONG})
    parts.push(part)
  }
  return utf8(Buffer.concat(parts), 'standard input')
}

const NOTE_TOO_LONG = 'Split it into several notes, or register the file as evidence with `runbook evidence add FILE`.'

/** Text as UTF-8, refusing bytes that are not (they would be replaced, and the note would not be what was given). */
function utf8(bytes: Buffer, where: string): string {
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new UserError(`the note in ${where} is not UTF-8 text`, {hint: 'Save it as UTF-8 (or plain ASCII) and try again.'})
  }
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
  const own = await orgFacts(ctx)
  const value = parseFact(session.state, input.key, input.value, own)
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
    .sort(([a], [b]) => compareOrdinal(a, b))
    .map(([key, f]) => ({key, value: f.value, setAt: f.at, setBy: f.actor, seq: f.seq}))
  return {rows, timezone: state.timezone}
}

/** `fact list --known`: runbook's vocabulary, then the organisation's own facts from runbook.yaml. */
export async function knownFactDefinitions(ctx: Context): Promise<FactDefinition[]> {
  return [...FACT_DEFINITIONS, ...(await orgFacts(ctx))]
}
