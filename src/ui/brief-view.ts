import {EXERCISE_MARK, markMarkdown} from '../core/exercise.js'
import type {Brief, DeadlineDue, OpenDecision, OverdueStep, StepChange} from '../core/incident/brief.js'
import type {Contact, RolePeople} from '../core/incident/roles.js'
import {escapeMarkdown} from '../core/notices/context.js'
import {factDefinition, formatFactValue, type FactValue} from '../core/facts/vocabulary.js'
import {printableLine} from '../core/printable.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'
import {compareOrdinal} from '../core/order.js'
import {commandTarget} from './deadlines-view.js'

/**
 * The brief as lines, for a terminal (user text made printable) or for Markdown (user text escaped, so a fact or a
 * note pasted into a chat stays text: no links, no formatting, no mentions by markup).
 */

/** How one kind of output writes a piece of text a person typed, and a section heading. */
interface Writer {
  text(value: string): string
  heading(title: string): string
  item(line: string): string
  dim(line: string): string
  warn(line: string): string
}

const terminal = (style: Styler): Writer => ({
  text: printableLine,
  heading: (title) => style.bold(title),
  item: (line) => `  ${line}`,
  dim: (line) => style.dim(line),
  warn: (line) => style.red(line),
})

const markdown: Writer = {
  text: (value) => escapeMarkdown(printableLine(value)),
  heading: (title) => `\n**${title}**\n`,
  item: (line) => `- ${line}`,
  dim: (line) => `_${line}_`,
  warn: (line) => `**${line}**`,
}

/** Duties that may apply are many early on: beyond this, they are summed up by the facts that would decide them. */
const DECISIONS_LISTED = 5

function lines(brief: Brief, w: Writer, md: boolean): string[] {
  const zone = brief.incident.timezone
  const when = (at: string) => formatInZone(at, zone, 'MM-dd HH:mm')
  const full = (at: string) => formatInZone(at, zone, 'yyyy-MM-dd HH:mm xxx')
  const fact = (key: string, value: FactValue | null) =>
    value === null ? '(not set)' : factDefinition(key)?.type.kind === 'instant' && typeof value === 'string' ? full(value) : w.text(formatFactValue(value))
  const person = (c: Contact) =>
    [c.name, c.phone, c.email]
      .filter((v): v is string => Boolean(v))
      .map(w.text)
      .join(' · ')
  const out: string[] = []
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return
    out.push(md ? w.heading(`${title} (${items.length})`) : `\n${w.heading(`${title} (${items.length})`)}`)
    for (const item of items) out.push(w.item(item))
  }

  const title = `Handover brief: ${w.text(brief.incident.title)} (${w.text(brief.incident.id)}${brief.incident.closed ? ', closed' : ''})`
  out.push(md ? `## ${title}` : w.heading(`${brief.incident.drill ? `${EXERCISE_MARK} · ` : ''}${title}`))
  const from = brief.from
  const start =
    from.kind === 'handover'
      ? `since ${w.text(from.name)} took over as incident commander${from.previous ? ` from ${w.text(from.previous)}` : ''} at ${full(from.at)} (#${from.afterSeq})`
      : from.kind === 'opened'
        ? `since the incident was opened at ${full(from.at)}`
        : `since ${full(from.at)}`
  out.push(`What changed ${start}, until ${full(brief.to)} (${formatElapsed(Date.parse(brief.to) - Date.parse(from.at))}; times in ${w.text(zone)}).`)

  section(
    'Who holds which role',
    brief.roles.map((r) => roleLine(r, person, w)),
  )
  section(
    'Handovers',
    brief.handovers.map(
      (h) =>
        `${when(h.at)} ${h.title}: ${h.previous ? `${w.text(h.previous)} -> ` : ''}${h.name === null ? 'nobody' : w.text(h.name)} ${w.dim(`(recorded by ${w.text(h.actor)})`)}`,
    ),
  )
  const change = (c: StepChange) => `${when(c.at)} ${c.step}: ${w.text(c.title)} ${w.dim(`(${w.text(c.actor)}${c.text ? `: ${w.text(c.text)}` : ''})`)}`
  section('Steps done', brief.steps.done.map(change))
  section('Steps skipped', brief.steps.skipped.map(change))
  section('Steps started', brief.steps.started.map(change))
  section(
    'Blocked',
    brief.steps.blocked.map(
      (b) =>
        `${b.step}: ${w.text(b.title)}: ${w.text(b.text ?? '')} ${w.dim(`(since ${when(b.at)}, ${w.text(b.actor)})`)}${b.isNew ? ` ${w.warn('new')}` : ''}`,
    ),
  )
  const late = (o: OverdueStep) =>
    `${o.step}: ${w.text(o.title)}, due ${when(o.dueAt)}, ${o.finished ? `done ${formatElapsed(o.lateByMs)} late` : w.warn(`${formatElapsed(o.lateByMs)} overdue`)}`
  section('Newly overdue', brief.overdue.newly.map(late))
  section('Still overdue from before', brief.overdue.still.map(late))
  section(
    'Facts set or changed',
    brief.facts.map((f) => `${w.text(f.key)}: ${fact(f.key, f.from)} -> ${fact(f.key, f.to)} ${w.dim(`(${w.text(f.actor)}, ${when(f.at)})`)}`),
  )
  section(
    'Notes',
    brief.notes.map((n) => `${when(n.at)} ${n.step ? `${n.step}: ` : ''}${w.text(n.text)} ${w.dim(`(${w.text(n.actor)})`)}`),
  )
  section(
    'Notifications made',
    brief.deadlines.met.map(
      (m) =>
        `${when(m.at)} ${w.text(m.title)} ${w.dim(`(${m.id})`)}: ${m.lateByMs !== null && m.lateByMs > 0 ? w.warn(`${formatElapsed(m.lateByMs)} late`) : 'on time'}${m.ref ? `, ref ${w.text(m.ref)}` : ''} ${w.dim(`(${w.text(m.actor)})`)}`,
    ),
  )
  const dueLine = (d: DeadlineDue) =>
    `${w.text(d.title)} ${w.dim(`(${d.id})`)}: due ${full(d.dueAt)}, ${d.timeLeftMs >= 0 ? `${formatElapsed(d.timeLeftMs)} left` : w.warn(`${formatElapsed(-d.timeLeftMs)} overdue`)}${d.timeLeftMs < 0 && d.isNew ? ` ${w.warn('new')}` : ''}`
  section('Deadlines overdue', brief.deadlines.overdue.map(dueLine))
  section('Deadlines due within 24 h', brief.deadlines.dueSoon.map(dueLine))
  section('Open decisions', decisionLines(brief.decisions, w, full, commandTarget(brief.incident)))
  if (brief.quiet) out.push('', w.dim('Nothing was recorded in this window.'))
  if (brief.previousShiftFrom) {
    const since = formatInZone(brief.previousShiftFrom, zone, "yyyy-MM-dd'T'HH:mm:ssxxx")
    out.push('', w.dim(`The shift before this one: runbook brief ${brief.incident.id} --since ${since}`))
  }
  return out
}

function roleLine(r: RolePeople, person: (c: Contact) => string, w: Writer): string {
  const call = [r.primary ? `primary ${person(r.primary)}` : '', r.backup ? `backup ${person(r.backup)}` : ''].filter(Boolean).join('; ')
  if (r.holder) return `${r.title}: ${person(r.holder)}`
  return `${r.title}: nobody assigned${call ? ` ${w.dim(`(${call})`)}` : ''}`
}

function decisionLines(decisions: readonly OpenDecision[], w: Writer, full: (at: string) => string, on: string): string[] {
  const out: string[] = []
  const duties = decisions.filter((d): d is Extract<OpenDecision, {kind: 'obligation'}> => d.kind === 'obligation')
  if (duties.length > DECISIONS_LISTED) {
    const needs = new Map<string, number>()
    for (const d of duties) for (const key of d.needs) needs.set(key, (needs.get(key) ?? 0) + 1)
    const top = [...needs.entries()].sort((a, b) => b[1] - a[1] || compareOrdinal(a[0], b[0])).slice(0, 6)
    out.push(
      `${duties.length} notification duties may apply; the facts that decide most of them: ${top.map(([k, n]) => `${w.text(k)} (${n})`).join(', ')}. See: runbook deadlines${on}`,
    )
  } else {
    for (const d of duties)
      out.push(
        `Does ${w.text(d.title)} apply? ${w.dim(`(${d.id}; set ${d.needs.map(w.text).join(', ') || 'the facts it names'})`)}${d.dueAt ? `; if so, due ${full(d.dueAt)}` : ''}`,
      )
  }
  for (const d of decisions) {
    if (d.kind === 'clock') out.push(`${w.text(d.title)} applies, but its clock waits for: ${d.needs.map(w.text).join(', ')} ${w.dim(`(${d.id})`)}`)
    if (d.kind === 'step') out.push(`Does step ${d.id} (${w.text(d.title)}) apply? It does if ${w.text(d.condition)}`)
    // The brief goes to the players' chat: the expected decision (the facilitator's MSEL) was printed here.
    if (d.kind === 'drill') out.push(`EXERCISE decision open on "${w.text(d.title)}": record it with runbook drill respond ${d.id} "..."`)
  }
  return out
}

/** The brief for a terminal. */
export function briefLines(brief: Brief, style: Styler): string[] {
  return lines(brief, terminal(style), false)
}

/** The brief as Markdown to paste into a chat or a ticket; a drill's carries the EXERCISE banner top and bottom. */
export function briefMarkdown(brief: Brief): string {
  return markMarkdown(`${lines(brief, markdown, true).join('\n').trim()}\n`, brief.incident.drill)
}
