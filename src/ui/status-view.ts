import type {Progress} from '../core/incident/progress.js'
import type {IncidentState} from '../core/incident/state.js'
import {ROLE_TITLES} from '../core/playbook/model.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './style.js'

/** The status screen as lines of text: the first thing a commander reads. */
export function statusLines(state: IncidentState, progress: Progress, style: Styler): string[] {
  const lines: string[] = []
  const zone = state.timezone
  const marker = state.drill ? `${style.exercise('EXERCISE')} ` : ''
  lines.push(`${marker}${style.bold(state.title)} ${style.dim(`(${state.id}, ${state.closed ? 'closed' : 'open'})`)}`)
  const since = progress.startIsAwareness ? 'since awareness' : 'since opened (aware_at not set)'
  lines.push(`${formatElapsed(progress.sinceStartMs)} ${since}: ${formatInZone(progress.startedAt, zone)} (${zone})`)
  lines.push('')
  for (const phase of progress.phases) {
    const finished = phase.done + phase.skipped
    const bar = phase.total === 0 ? '' : `${'#'.repeat(Math.round((finished / phase.total) * 10)).padEnd(10, '.')} `
    const extra = [phase.blocked ? style.red(`${phase.blocked} blocked`) : '', phase.skipped ? `${phase.skipped} skipped` : '', phase.notApplicable ? `${phase.notApplicable} n/a` : '']
      .filter(Boolean).join(', ')
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
    lines.push(style.bold('Next:'))
    for (const next of progress.nextSteps) {
      const status = next.status === 'open' ? '' : style.yellow(` [${next.status}${next.reason ? `: ${next.reason}` : ''}]`)
      lines.push(`  ${next.step.id}: ${next.step.title} ${style.dim(`(${ROLE_TITLES[next.step.owner]})`)}${status}`)
    }
    lines.push(style.dim(`Walk it with: runbook incident run ${state.id}`))
  }
  return lines
}
