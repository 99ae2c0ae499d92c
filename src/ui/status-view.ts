import {printableLine} from '../core/printable.js'
import {stepDueAt, type Priority, type Progress} from '../core/incident/progress.js'
import {prerequisitesOpen} from '../core/incident/urgency.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import {commandTarget, nearestDeadlineLines} from './deadlines-view.js'
import type {IncidentState} from '../core/incident/state.js'
import {ROLE_TITLES} from '../core/playbook/model.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import {callList, rolePeople, type Roster} from '../core/incident/roles.js'
import type {Styler} from './io.js'
import {peopleSummary} from './people-view.js'

/** The status screen as lines of text: the first thing a commander reads. */
export function statusLines(state: IncidentState, progress: Progress, style: Styler, now: Date, roster?: Roster): string[] {
  const lines: string[] = []
  const zone = state.timezone
  const marker = state.drill ? `${style.exercise('EXERCISE')} ` : ''
  lines.push(`${marker}${style.bold(printableLine(state.title))} ${style.dim(`(${state.id}, ${state.closed ? 'closed' : 'open'})`)}`)
  const since = progress.startIsAwareness ? 'since awareness' : 'since opened (aware_at not set)'
  lines.push(`${formatElapsed(progress.sinceStartMs)} ${since}: ${formatInZone(progress.startedAt, zone)} (${zone})`)
  lines.push(priorityLine(progress.priority, style))
  lines.push('')
  for (const phase of progress.phases) {
    const finished = phase.done + phase.skipped
    const bar = phase.total === 0 ? '' : `${'#'.repeat(Math.round((finished / phase.total) * 10)).padEnd(10, '.')} `
    const extra = [
      phase.blocked ? style.red(`${phase.blocked} blocked`) : '',
      phase.skipped ? `${phase.skipped} skipped` : '',
      phase.notApplicable ? `${phase.notApplicable} n/a` : '',
    ]
      .filter(Boolean)
      .join(', ')
    lines.push(`  ${bar}${finished}/${phase.total}  ${phase.title}${extra ? style.dim(` (${extra})`) : ''}`)
  }
  if (progress.pastTarget.length > 0) {
    lines.push('', style.red('Past target:'))
    for (const late of progress.pastTarget) {
      const what = late.finished ? `done ${formatElapsed(late.lateByMs)} late` : `${formatElapsed(late.lateByMs)} overdue`
      lines.push(`  ${late.step}: ${late.title} ${style.dim(`(due ${formatInZone(late.dueAt, zone, 'MM-dd HH:mm xxx')}, ${what})`)}`)
    }
  }
  lines.push('')
  if (progress.complete) {
    lines.push(style.green('Every applicable step is done or skipped.') + (state.closed ? '' : ` Close with: runbook incident close ${state.id}`))
  } else {
    const held = callList(roster, state).filter((p) => p.holder)
    if (held.length) lines.push(`Roles: ${held.map((p) => `${p.title} ${printableLine(p.holder!.name)}`).join('; ')}`, '')
    lines.push(style.bold('Next:'))
    for (const next of progress.nextSteps) {
      const status = next.status === 'open' ? '' : style.yellow(` [${next.status}${next.reason ? `: ${printableLine(next.reason)}` : ''}]`)
      const due = stepDueAt(state, next)
      const left = due ? Date.parse(due) - now.getTime() : 0
      const when = !due ? '' : left >= 0 ? `, due in ${formatElapsed(left)}` : `, ${formatElapsed(-left)} overdue`
      const waiting = prerequisitesOpen(state, next)
      const after = waiting.length ? style.dim(` after ${waiting.join(', ')}`) : ''
      lines.push(`  ${next.step.id}: ${next.step.title} ${style.dim(`(${ROLE_TITLES[next.step.owner]}${when})`)}${status}${after}`)
      lines.push(`      ${peopleSummary(rolePeople(next.step.owner, roster, state.roles), style)}`)
    }
    lines.push(style.dim(`Walk it with: runbook incident run ${state.id}`))
  }
  return lines
}

/** Functional impact, information impact and recoverability (SP 800-61), or what is still to assess. */
function priorityLine(priority: Priority, style: Styler): string {
  const shown = (value: string | string[] | null) => (value === null ? style.yellow('not assessed') : Array.isArray(value) ? value.join(', ') : value)
  return `Priority: functional impact ${shown(priority.functional_impact)} · information impact ${shown(priority.information_impact)} · recoverability ${shown(priority.recoverability)}`
}

/** The whole status screen: title, time since awareness, the nearest deadlines (what must not be missed), progress. */
export function statusScreen(
  state: IncidentState,
  report: Progress,
  obligations: readonly ObligationResult[],
  now: Date,
  style: Styler,
  roster?: Roster,
): string[] {
  const [title, since, priorityText, ...rest] = statusLines(state, report, style, now, roster)
  const deadlines = nearestDeadlineLines(obligations, state.timezone, now, style, 3, commandTarget(state))
  return [title!, since!, priorityText!, ...(deadlines.length ? ['', ...deadlines] : []), ...rest]
}

/** `runbook status --json` (its shape is a contract with scripts). */
export function statusJson(state: IncidentState, report: Progress, obligations: readonly ObligationResult[], roster?: Roster) {
  const pending = obligations.filter((o) => o.applies === 'yes' && !o.met)
  return {
    id: state.id,
    title: state.title,
    closed: state.closed,
    drill: state.drill,
    /** The last event read: what a script passes as --expect-seq to record only if nobody has since. */
    lastSeq: state.lastSeq,
    playbook: {id: state.playbook.id, version: state.playbook.version},
    priority: report.priority,
    startedAt: report.startedAt,
    sinceStartMinutes: Math.floor(report.sinceStartMs / 60_000),
    phases: report.phases,
    next: report.nextSteps.map((s) => {
      const {holder, primary, backup} = rolePeople(s.step.owner, roster, state.roles)
      return {
        id: s.step.id,
        title: s.step.title,
        owner: s.step.owner,
        status: s.status,
        dueAt: stepDueAt(state, s) ?? null,
        after: prerequisitesOpen(state, s),
        people: {holder, primary, backup},
      }
    }),
    pastTarget: report.pastTarget,
    deadlines: pending.slice(0, 5).map((o) => ({id: o.id, title: o.title, dueAt: o.dueAt, status: o.status})),
    deadlinesMayApply: obligations.filter((o) => o.applies === 'maybe' && !o.met).length,
    complete: report.complete,
    roles: callList(roster, state)
      .filter((p) => p.holder)
      .map((p) => ({role: p.role, holder: p.holder})),
  }
}
