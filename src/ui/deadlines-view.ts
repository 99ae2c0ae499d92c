import type {ObligationResult} from '../core/deadlines/obligations.js'
import type {IncidentState} from '../core/incident/state.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'

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

/** The deadlines screen: applicable first, then "may apply" with the facts to find out, then (on request) the rest. */
export function deadlineLines(obligations: readonly ObligationResult[], zone: string, now: Date, style: Styler, options: {all?: boolean} = {}): string[] {
  const lines: string[] = []
  const paint = (o: ObligationResult, text: string) =>
    o.status === 'overdue' || o.status === 'met-late' ? style.red(text) : o.status === 'due-soon' ? style.yellow(text) : o.met ? style.green(text) : text
  const detailed = (title: string, items: readonly ObligationResult[]) => {
    if (items.length === 0) return
    lines.push('', style.bold(title))
    for (const o of items) {
      lines.push(`  ${paint(o, LABEL[o.status].padEnd(9))} ${style.bold(o.id)}: ${o.title}`)
      lines.push(`            ${paint(o, dueText(o, zone, now))} ${style.dim(`[${o.rule}; ${o.regulation.name}]`)}`)
      for (const reason of new Set(o.reasons)) lines.push(style.dim(`            why: ${reason}`))
      for (const note of o.notes) lines.push(style.dim(`            note: ${note}`))
    }
  }
  detailed(
    'Apply',
    obligations.filter((o) => o.applies === 'yes'),
  )
  const maybe = obligations.filter((o) => o.applies === 'maybe')
  if (maybe.length > 0) {
    // One line each, and first the facts that would settle the most of them.
    const counts = new Map<string, number>()
    for (const o of maybe) for (const fact of o.missing) counts.set(fact, (counts.get(fact) ?? 0) + 1)
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([fact, n]) => `${fact} (${n})`)
    lines.push('', style.bold(`May apply: ${maybe.length} obligations depend on facts not known yet`))
    lines.push(`  Find out: ${ranked.join(', ')}`)
    lines.push(style.dim('  Set them with `runbook fact set KEY VALUE`. Once the counts per country add up to affected.total, countries not'))
    lines.push(style.dim('  listed count as zero; entity_types can be set once for every incident in runbook.yaml (organization.entity_types).'))
    for (const o of maybe) {
      const due = o.met ? dueText(o, zone, now) : o.dueAt ? `due ${formatInZone(o.dueAt, zone)}` : o.asap ? 'without undue delay' : 'no due time yet'
      lines.push(
        `  ${paint(o, (o.met ? LABEL[o.status] : o.status === 'overdue' ? 'OVERDUE?' : 'MAY').padEnd(9))} ${o.id}: ${o.title} ${style.dim(`(${due}; needs ${o.missing.join(', ')})`)}`,
      )
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
export function nearestDeadlineLines(obligations: readonly ObligationResult[], zone: string, now: Date, style: Styler, count = 3): string[] {
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
  if (tail) lines.push(style.dim(`  ${tail}: runbook deadlines`))
  return lines
}

/** The whole `runbook deadlines` screen: title, warnings, rule changes, the deadlines, what to do next. */
export function deadlineReportLines(
  state: IncidentState,
  report: {obligations: readonly ObligationResult[]; changed: readonly {regulation: string; file: string; since: string}[]},
  zone: string,
  now: Date,
  style: Styler,
  options: {all?: boolean} = {},
): string[] {
  const lines = [
    `${state.drill ? style.exercise('EXERCISE ') : ''}${style.bold(`Notification deadlines: ${state.title}`)} ${style.dim(`(${state.id}; times in ${zone})`)}`,
  ]
  if (!state.facts.aware_at)
    lines.push(style.yellow('aware_at is not set: clocks that start at awareness cannot run. Set it: runbook fact set aware_at "YYYY-MM-DD HH:MM"'))
  for (const change of report.changed) {
    lines.push(
      style.yellow(
        `Rules changed: ${change.regulation} (${change.file}) differs from the version this incident was evaluated with on ${formatInZone(change.since, zone)}. Check the deadlines below against the earlier ones in \`runbook timeline\`.`,
      ),
    )
  }
  lines.push(...deadlineLines(report.obligations, zone, now, style, options))
  lines.push(
    style.dim("\nWhen a notification is made: runbook deadline met OBLIGATION [--at TIME] [--ref REFERENCE]. Not legal advice: check each rule's source."),
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
  }
}
