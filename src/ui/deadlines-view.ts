import {printableLine} from '../core/printable.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import type {IncidentState} from '../core/incident/state.js'
import type {LawEnforcementEntry} from '../core/directory/schema.js'
import {lawEnforcementLines} from './regulation-view.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'
import {compareOrdinal} from '../core/order.js'

const LABEL: Record<ObligationResult['status'], string> = {
  overdue: 'OVERDUE',
  'due-soon': 'DUE <24H',
  open: 'OPEN',
  'met-on-time': 'MET',
  'met-late': 'MET LATE',
  'not-applicable': 'N/A',
}

export function dueText(o: ObligationResult, zone: string, now: Date): string {
  if (o.met) {
    const when = formatInZone(o.met.at, zone)
    return o.met.lateByMs !== null && o.met.lateByMs > 0 ? `made ${when}, ${formatElapsed(o.met.lateByMs)} late` : `made ${when}`
  }
  if (o.dueAt) {
    const left = Date.parse(o.dueAt) - now.getTime()
    const relative = left >= 0 ? `in ${formatElapsed(left)}` : `overdue by ${formatElapsed(-left)}`
    const local = o.zone !== zone ? `; ${formatInZone(o.dueAt, o.zone, 'yyyy-MM-dd HH:mm')} ${o.zone}` : ''
    return `due ${formatInZone(o.dueAt, zone)} (${relative}${local})`
  }
  if (o.asap) return o.targetAt ? `without undue delay; guidance: by ${formatInZone(o.targetAt, zone)}` : 'without undue delay'
  return 'no due time yet'
}

/** Up to this many applicable obligations are shown one by one, with why and notes; more are grouped by due time. */
const DETAILED_UP_TO = 8

/** Whom an obligation tells, in a word: people, regulator, credit bureaus, media ... */
function kind(o: ObligationResult): string {
  if (o.notify.includes('regulator')) return 'regulator'
  if (o.notify.includes('individuals')) return 'people'
  return o.notify.map((n) => (n === 'credit-bureaus' ? 'credit bureaus' : n)).join('+')
}

/** "US-CO people, regulator; US-FL people": a group's obligations by jurisdiction. */
function byPlace(items: readonly ObligationResult[]): string[] {
  const places = new Map<string, Set<string>>()
  for (const o of items) places.set(o.regulation.jurisdiction, (places.get(o.regulation.jurisdiction) ?? new Set()).add(kind(o)))
  return [...places].sort(([a], [b]) => compareOrdinal(a, b)).map(([place, kinds]) => `${place} ${[...kinds].join(', ')}`)
}

/** A list that fits a line: "a, b, c and 4 more". */
function fit(items: readonly string[], width: number): string {
  let text = ''
  for (const [i, item] of items.entries()) {
    const rest = items.length - i - 1
    const next = text ? `${text}; ${item}` : item
    if (next.length + (rest ? ` and ${rest} more`.length : 0) > width && text) return `${text} and ${items.length - i} more`
    text = next
  }
  return text
}

/** A head and a list on at most two lines of `columns`, the second indented under the first. */
function twoLines(head: string, items: readonly string[], columns: number): string[] {
  const indent = ' '.repeat(12)
  const text = fit(items, columns - head.length - 1 + columns - indent.length)
  const words = text.split(' ')
  let first = head
  while (words.length && `${first} ${words[0]}`.length <= columns) first = `${first} ${words.shift()}`
  return words.length ? [first, `${indent}${words.join(' ')}`] : [first]
}

/**
 * The deadlines screen. Few obligations: each with its due time, why and notes. Many (a breach across 40 states):
 * what is overdue or due within a day one per line, the rest grouped by due time, and what may apply or does not
 * as counts with the facts that would decide them; --all shows everything one by one.
 */
export function deadlineLines(
  obligations: readonly ObligationResult[],
  zone: string,
  now: Date,
  style: Styler,
  options: {all?: boolean; width?: number; on?: string} = {},
): string[] {
  const lines: string[] = []
  const on = options.on ?? ''
  const width = Math.max(60, (options.width ?? 100) - 14)
  const paint = (o: ObligationResult, text: string) =>
    o.status === 'overdue' || o.status === 'met-late' ? style.red(text) : o.status === 'due-soon' ? style.yellow(text) : o.met ? style.green(text) : text
  const detailed = (title: string, items: readonly ObligationResult[]) => {
    if (items.length === 0) return
    lines.push('', style.bold(title))
    for (const o of items) {
      lines.push(`  ${paint(o, LABEL[o.status].padEnd(9))} ${style.bold(o.id)}: ${o.title}`)
      lines.push(`            ${paint(o, dueText(o, zone, now))} ${style.dim(`[${o.rule}; ${o.regulation.name}]`)}`)
      if (o.authorities) lines.push(style.dim(`            to: ${o.recipient ?? 'no authority found in the directory'} (${o.authorities.reason})`))
      for (const reason of new Set(o.reasons)) lines.push(style.dim(`            why: ${reason}`))
      for (const note of o.notes) lines.push(style.dim(`            note: ${note}`))
    }
  }
  const apply = obligations.filter((o) => o.applies === 'yes')
  if (options.all || apply.length <= DETAILED_UP_TO) detailed('Apply', apply)
  else grouped(apply)

  function grouped(items: readonly ObligationResult[]) {
    lines.push('', style.bold(`Apply: ${items.length} obligations`))
    const urgent = items.filter((o) => !o.met && (o.status === 'overdue' || o.status === 'due-soon'))
    for (const o of urgent)
      lines.push(`  ${paint(o, LABEL[o.status].padEnd(9))} ${o.id} (${o.regulation.jurisdiction} ${kind(o)}): ${paint(o, dueText(o, zone, now))}`)
    const rest = items.filter((o) => !o.met && !urgent.includes(o))
    // Grouped by the day they fall due in the zone shown (laws count days in their own zones, hours apart).
    const byDay = new Map<string, ObligationResult[]>()
    for (const o of rest) {
      const day = o.dueAt ? formatInZone(o.dueAt, zone, 'yyyy-MM-dd') : ''
      byDay.set(day, [...(byDay.get(day) ?? []), o])
    }
    for (const [day, group] of [...byDay].filter(([d]) => d).sort(([a], [b]) => compareOrdinal(a, b))) {
      const first = group.map((o) => o.dueAt!).sort()[0]!
      const head = `  ${'OPEN'.padEnd(9)} by ${day} (first ${formatInZone(first, zone, 'HH:mm xxx')}, in ${formatElapsed(Date.parse(first) - now.getTime())}), ${group.length}:`
      lines.push(...twoLines(head, byPlace(group), width + 14))
    }
    const asap = byDay.get('') ?? []
    if (asap.length) lines.push(...twoLines(`  ${'ASAP'.padEnd(9)} no fixed deadline, ${asap.length}:`, byPlace(asap), width + 14))
    const met = items.filter((o) => o.met)
    if (met.length) {
      const late = met.filter((o) => o.status === 'met-late').length
      lines.push(
        `  ${(late ? style.red('MET') : style.green('MET')).padEnd(9)}      ${met.length} made${late ? style.red(`, ${late} late`) : ''}: ${fit(
          met.map((o) => o.id),
          width - 16,
        )}`,
      )
    }
    lines.push(style.dim(`  Each one with why and its rule: runbook deadlines${on} --all (or --json).`))
  }

  const maybe = obligations.filter((o) => o.applies === 'maybe')
  if (maybe.length > 0) {
    // First the facts that would settle the most of them.
    const counts = new Map<string, number>()
    for (const o of maybe) for (const fact of o.missing) counts.set(fact, (counts.get(fact) ?? 0) + 1)
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([fact, n]) => `${fact} (${n})`)
    lines.push('', style.bold(`May apply: ${maybe.length} obligations depend on facts not known yet`))
    lines.push(`  Find out: ${fit(ranked, width)}`)
    if (options.all || maybe.length <= DETAILED_UP_TO) {
      lines.push(style.dim(`  Set them with \`runbook fact set KEY VALUE${on}\`. Once the counts per country add up to affected.total, countries not`))
      lines.push(style.dim('  listed count as zero; entity_types can be set once for every incident in runbook.yaml (organization.entity_types).'))
      for (const o of maybe) {
        const due = o.met ? dueText(o, zone, now) : o.dueAt ? `due ${formatInZone(o.dueAt, zone)}` : o.asap ? 'without undue delay' : 'no due time yet'
        lines.push(
          `  ${paint(o, (o.met ? LABEL[o.status] : o.status === 'overdue' ? 'OVERDUE?' : 'MAY').padEnd(9))} ${o.id}: ${o.title} ${style.dim(`(${due}; needs ${o.missing.join(', ')})`)}`,
        )
      }
    } else {
      const overdue = maybe.filter((o) => o.status === 'overdue')
      if (overdue.length)
        lines.push(
          style.red(
            `  ${overdue.length} of them would already be overdue: ${fit(
              overdue.map((o) => o.id),
              width - 30,
            )}`,
          ),
        )
      lines.push(style.dim(`  Set them with \`runbook fact set KEY VALUE${on}\`; each one: --all.`))
    }
  }
  if (options.all) {
    const no = obligations.filter((o) => o.applies === 'no')
    if (no.length > 0) {
      lines.push('', style.bold('Do not apply'))
      for (const o of no) lines.push(`  ${o.id}: ${o.title} ${style.dim(`(${[...new Set(o.reasons)].join('; ')})`)}`)
    }
  } else {
    const skipped = obligations.filter((o) => o.applies === 'no').length
    if (skipped) lines.push('', style.dim(`${skipped} other obligations do not apply; see them and why with --all.`))
  }
  return lines
}

/** The few deadlines that matter most now, for the top of `runbook status`. */
export function nearestDeadlineLines(obligations: readonly ObligationResult[], zone: string, now: Date, style: Styler, count = 3, on = ''): string[] {
  const pending = obligations.filter((o) => o.applies === 'yes' && !o.met)
  const maybe = obligations.filter((o) => o.applies === 'maybe' && !o.met).length
  if (pending.length === 0 && maybe === 0) return []
  const lines = [style.bold('Deadlines:')]
  for (const o of pending.slice(0, count)) {
    const label = o.status === 'overdue' ? style.red('OVERDUE ') : o.status === 'due-soon' ? style.yellow('DUE <24H') : 'open    '
    lines.push(`  ${label} ${o.id}: ${dueText(o, zone, now)}`)
  }
  const more = pending.length - Math.min(pending.length, count)
  const tail = [more > 0 ? `${more} more apply` : '', maybe > 0 ? `${maybe} may apply` : ''].filter(Boolean).join(', ')
  if (tail) lines.push(style.dim(`  ${tail}: runbook deadlines${on}`))
  return lines
}

/** The whole `runbook deadlines` screen: title, warnings, rule changes, the deadlines, what to do next. */
export function deadlineReportLines(
  state: IncidentState,
  report: {obligations: readonly ObligationResult[]; changed: readonly {regulation: string; file: string; since: string}[]},
  zone: string,
  now: Date,
  style: Styler,
  options: {all?: boolean; width?: number; contacts?: readonly LawEnforcementEntry[]} = {},
): string[] {
  // A drill is reached only by its id: a plain command suggested here would act on the real incident.
  const on = commandTarget(state)
  const lines = [
    `${state.drill ? style.exercise('EXERCISE ') : ''}${style.bold(`Notification deadlines: ${printableLine(state.title)}`)} ${style.dim(`(${state.id}; times in ${zone})`)}`,
  ]
  if (!state.facts.aware_at)
    lines.push(style.yellow(`aware_at is not set: clocks that start at awareness cannot run. Set it: runbook fact set aware_at "YYYY-MM-DD HH:MM"${on}`))
  for (const change of report.changed) {
    lines.push(
      style.yellow(
        `Rules changed: ${change.regulation} (${change.file}) differs from the version this incident was evaluated with on ${formatInZone(change.since, zone)}. Check the deadlines below against the earlier ones in \`runbook timeline\`.`,
      ),
    )
  }
  lines.push(...deadlineLines(report.obligations, zone, now, style, {...options, on}))
  // Whom to call, for up to three countries (all of them with --all).
  const contacts = options.contacts ?? []
  if (contacts.length) lines.push('', ...lawEnforcementLines(options.all ? contacts : contacts.slice(0, 3), style))
  if (!options.all && contacts.length > 3) lines.push(style.dim(`  and ${contacts.length - 3} more countries: --all`))
  lines.push(
    style.dim(`\nWhen a notification is made: runbook deadline met OBLIGATION${on} [--at TIME] [--ref REFERENCE]. Not legal advice: check each rule's source.`),
  )
  return lines
}

/** One obligation in the --json output of `runbook deadlines` (its shape is a contract with scripts). */
export function deadlineJson(o: ObligationResult, zone: string) {
  const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000))
  return {
    id: o.id,
    title: o.title,
    regulation: o.regulation,
    notify: o.notify,
    recipient: o.recipient,
    applies: o.applies,
    reasons: o.reasons,
    missing: o.missing,
    rule: o.rule,
    dueAt: o.dueAt,
    asap: o.asap,
    targetAt: o.targetAt,
    dueLocal: o.dueAt ? formatInZone(o.dueAt, zone) : null,
    status: o.status,
    timeLeftMinutes: minutes(o.timeLeftMs),
    met: o.met ? {...o.met, lateByMinutes: minutes(o.met.lateByMs), sinceAwarenessMinutes: minutes(o.met.sinceAwarenessMs)} : null,
    stage: o.stage ?? null,
    stages: o.stages,
    notes: o.notes,
    source: o.source,
    confidence: o.confidence,
    portal: o.portal ?? null,
    voluntary: o.voluntary,
    ...(o.authorities ? {authorities: o.authorities} : {}),
  }
}

/**
 * What a command suggested for this incident must add to reach it: a drill's id (plain commands never reach a drill,
 * so a hint without it acted on the real incident open beside it), else nothing.
 */
export function commandTarget(incident: {id: string; drill: boolean}): string {
  return incident.drill ? ` --incident ${incident.id}` : ''
}
