import {formatFactValue, type FactValue} from '../facts/vocabulary.js'
import {printable} from '../printable.js'
import {describeEvent} from './describe.js'
import type {EventDraft, StoredEvent} from './events.js'
import {typed} from './events.js'
import {STATUS_AFTER, withRecoveredUnwrapped, type StepStatus} from './state.js'

/**
 * Two responders on one incident: what one of them is about to record, and what the other changed meanwhile.
 *
 * A walk (or a script) read the incident at some sequence number and is about to record a step's status, a fact,
 * a notification made, a role's holder or an evidence item's custodian. If someone else recorded the same thing
 * after that number, writing now would silently replace their record with one made on an outdated screen. These
 * functions say which of the things about to be written were touched since, from what to what, by whom and when;
 * the caller shows it and asks (the walk) or refuses (`--expect-seq`). Pure: events in, findings out.
 */

/** Something an event sets, which a later event of the same kind replaces. */
export type Target =
  | {kind: 'fact'; key: string}
  | {kind: 'step'; step: string}
  | {kind: 'obligation'; obligation: string}
  | {kind: 'role'; role: string}
  | {kind: 'evidence'; item: string}

/** What a target holds after an event. */
export type TargetValue =
  | {kind: 'fact'; value: FactValue}
  | {kind: 'step'; status: StepStatus; text?: string}
  | {kind: 'obligation'; at: string; ref?: string}
  | {kind: 'role'; holder: string | null}
  | {kind: 'evidence'; custodian: string}

export interface Change {
  target: Target
  /** What it held at the sequence number given (undefined: nothing recorded yet then), and what it holds now. */
  before?: TargetValue
  after: TargetValue
  /** The latest event that changed it: its number, who recorded it and when (machine clock). */
  seq: number
  actor: string
  recordedAt: string
  /** How many events changed it after the sequence number given. */
  count: number
}

/** A stable key for a target ("fact:aware_at", "step:declare-incident"). */
export function targetKey(target: Target): string {
  switch (target.kind) {
    case 'fact':
      return `fact:${target.key}`
    case 'step':
      return `step:${target.step}`
    case 'obligation':
      return `obligation:${target.obligation}`
    case 'role':
      return `role:${target.role}`
    case 'evidence':
      return `evidence:${target.item}`
  }
}

/** An event as stored, or a draft about to be: the same type, payload and, when given, the time it happened. */
type EventLike = Pick<EventDraft | StoredEvent, 'type' | 'payload'> & {occurredAt?: string; recordedAt?: string}

/**
 * The target an event (or a draft: the same type and payload) sets, and the value it sets it to; undefined for
 * events that only add (a note, a rendered notice) and so can never replace anyone's record.
 */
export function settingOf(event: EventLike): {target: Target; value: TargetValue} | undefined {
  const e = typed(event as StoredEvent)
  if (!e) return undefined
  switch (e.type) {
    case 'fact.set':
      return {target: {kind: 'fact', key: e.payload.key}, value: {kind: 'fact', value: e.payload.value as FactValue}}
    case 'step.started':
    case 'step.completed':
    case 'step.skipped':
    case 'step.blocked': {
      const text = 'reason' in e.payload ? e.payload.reason : e.payload.note
      return {target: {kind: 'step', step: e.payload.step}, value: {kind: 'step', status: STATUS_AFTER[e.type], ...(text ? {text} : {})}}
    }
    case 'obligation.met':
      return {
        target: {kind: 'obligation', obligation: e.payload.obligation},
        value: {kind: 'obligation', at: e.occurredAt ?? e.recordedAt ?? '', ...(e.payload.ref ? {ref: e.payload.ref} : {})},
      }
    case 'role.assigned':
      return {target: {kind: 'role', role: e.payload.role}, value: {kind: 'role', holder: e.payload.name}}
    case 'role.released':
      return {target: {kind: 'role', role: e.payload.role}, value: {kind: 'role', holder: null}}
    case 'evidence.transferred':
      return {target: {kind: 'evidence', item: e.payload.item}, value: {kind: 'evidence', custodian: e.payload.to}}
    default:
      return undefined
  }
}

/** The targets a batch of drafts would set. */
export function targetsOf(drafts: readonly EventLike[]): Target[] {
  const targets = new Map<string, Target>()
  for (const draft of drafts) {
    const setting = settingOf(draft)
    if (setting) targets.set(targetKey(setting.target), setting.target)
  }
  return [...targets.values()]
}

/**
 * Which of `targets` were changed by events after sequence number `since`: for each, what it held at `since`, what
 * it holds now, and the latest change (who, when, which event). In the order of `targets`; untouched ones are left
 * out. An event recovered from a forked branch counts as what it was.
 */
export function changesSince(events: readonly StoredEvent[], since: number, targets: readonly Target[]): Change[] {
  const wanted = new Map(targets.map((t) => [targetKey(t), t]))
  const before = new Map<string, TargetValue>()
  const changed = new Map<string, Change>()
  for (const event of withRecoveredUnwrapped(events)) {
    const setting = settingOf(event)
    if (!setting) continue
    const key = targetKey(setting.target)
    const target = wanted.get(key)
    if (!target) continue
    if (event.seq <= since) {
      before.set(key, setting.value)
      continue
    }
    const previous = changed.get(key)
    changed.set(key, {
      target,
      ...(before.has(key) ? {before: before.get(key)} : {}),
      after: setting.value,
      seq: event.seq,
      actor: event.actor,
      recordedAt: event.recordedAt,
      count: (previous?.count ?? 0) + 1,
    })
  }
  return targets.flatMap((t) => changed.get(targetKey(t)) ?? [])
}

/**
 * Whether two values of a target say the same thing: a step in the same status (whatever the note), anything else
 * equal in every part.
 */
export function sameValue(a: TargetValue | undefined, b: TargetValue | undefined): boolean {
  if (!a || !b) return a === b
  if (a.kind === 'step' && b.kind === 'step') return a.status === b.status
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The changes that the drafts would replace with something different. A change the drafts agree with (another
 * responder marked the step done, and so does this one) replaces nothing and is left out.
 */
export function replacedBy(changes: readonly Change[], drafts: readonly EventLike[]): Change[] {
  const mine = new Map<string, TargetValue>()
  for (const draft of drafts) {
    const setting = settingOf(draft)
    if (setting) mine.set(targetKey(setting.target), setting.value)
  }
  return changes.filter((change) => {
    const value = mine.get(targetKey(change.target))
    return value !== undefined && !sameValue(value, change.after)
  })
}

/**
 * Events that only move a drill's clock, deliver or schedule its injects, or note which rules were evaluated: nobody
 * answered anything, so a walk does not stop to show them (an `--expect-seq` check still counts them).
 */
const AMBIENT: ReadonlySet<string> = new Set([
  'drill.advanced',
  'drill.inject',
  'drill.paused',
  'drill.resumed',
  'drill.deferred',
  'drill.added',
  'regulations.evaluated',
])

/** A change the drafts would overwrite, with what they would write instead. */
export interface Replacement extends Change {
  mine: TargetValue
}

/** What was recorded between the moment a responder read the incident (`since`) and the write they are about to make. */
export interface Interleaved {
  since: number
  lastSeq: number
  /** Every event after `since`, in order. */
  events: StoredEvent[]
  /** Those a person recorded (not a drill clock's tick): the ones a walk shows and asks about. */
  answered: StoredEvent[]
  /** Records of other responders that the drafts would replace with something different. */
  replaced: Replacement[]
}

/** What happened after `since`, and which of it the drafts would overwrite. */
export function interleaved(events: readonly StoredEvent[], since: number, drafts: readonly EventLike[]): Interleaved {
  const after = events.filter((e) => e.seq > since)
  const mine = new Map<string, TargetValue>()
  for (const draft of drafts) {
    const setting = settingOf(draft)
    if (setting) mine.set(targetKey(setting.target), setting.value)
  }
  const replaced = replacedBy(changesSince(events, since, targetsOf(drafts)), drafts).map((c) => ({...c, mine: mine.get(targetKey(c.target))!}))
  return {
    since,
    lastSeq: events.at(-1)?.seq ?? since,
    events: after,
    answered: after.filter((e) => !AMBIENT.has(e.type)),
    replaced,
  }
}

function targetLabel(target: Target): string {
  switch (target.kind) {
    case 'fact':
      return `fact ${target.key}`
    case 'step':
      return `step ${target.step}`
    case 'obligation':
      return `notification ${target.obligation}`
    case 'role':
      return `role ${target.role}`
    case 'evidence':
      return `custody of ${target.item}`
  }
}

/** A target's value in plain words. */
export function describeValue(value: TargetValue): string {
  switch (value.kind) {
    case 'fact':
      return formatFactValue(value.value)
    case 'step':
      return `${value.status}${value.text ? ` ("${value.text}")` : ''}`
    case 'obligation':
      return `made ${whenText(value.at)}${value.ref ? ` (ref ${value.ref})` : ''}`
    case 'role':
      return value.holder ?? 'nobody'
    case 'evidence':
      return `held by ${value.custodian}`
  }
}

const whenText = (iso: string): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'at an unknown time')

/**
 * The report in plain words, safe for a terminal: first what the write would overwrite (whose record, from what to
 * what), then each event recorded since, who and when (at most `limit`, then how many more).
 */
export function describeInterleaved(
  report: Interleaved,
  stepTitles: ReadonlyMap<string, string>,
  options: {limit?: number; when?: (iso: string) => string} = {},
): string[] {
  const limit = options.limit ?? 12
  const when = options.when ?? whenText
  const lines: string[] = []
  for (const r of report.replaced) {
    const was = r.before ? `; when you read it, it was ${describeValue(r.before)}` : '; nothing was recorded when you read it'
    const times = r.count > 1 ? `, after ${r.count - 1} other change(s)` : ''
    lines.push(
      printable(
        `${targetLabel(r.target)}: ${r.actor} set it to ${describeValue(r.after)} at ${when(r.recordedAt)} (#${r.seq}${times})${was}. Yours would replace it with ${describeValue(r.mine)}.`,
      ),
    )
  }
  for (const event of report.events.slice(0, limit)) {
    lines.push(`#${event.seq} ${printable(event.actor)}, ${when(event.recordedAt)}: ${describeEvent(event, stepTitles)}`)
  }
  if (report.events.length > limit) lines.push(`... and ${report.events.length - limit} more (see \`runbook timeline\`).`)
  return lines
}
