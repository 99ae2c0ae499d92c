import {printableLine} from '../core/printable.js'
import {UserError} from '../core/errors.js'
import {EXERCISE_MARK} from '../core/exercise.js'
import {describeCondition} from '../core/conditions/condition.js'
import {stepDueAt} from '../core/incident/progress.js'
import type {IncidentState, StepState} from '../core/incident/state.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import {factDefinition, parseFactValue, type FactDefinition, type FactValue} from '../core/facts/vocabulary.js'
import {PHASES, PHASE_TITLES, ROLE_TITLES} from '../core/playbook/model.js'
import type {Ask} from '../core/playbook/schema.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import {rolePeople, type Roster} from '../core/incident/roles.js'
import type {Styler} from './io.js'
import {ownerPeopleLines} from './people-view.js'
import type {Prompter} from './prompts.js'
import {describeInterleaved, type Interleaved} from '../core/incident/conflicts.js'
import {wrapText} from './wrap.js'

const NOT_KNOWN = '__not_known__'

/**
 * A note as one line of the step's header: its first line, cut to the width, and how much more there is. A pasted
 * transcript would otherwise push the step off the screen.
 */
function noteGist(note: string, width: number): string {
  const lines = note.split(/\r?\n/)
  const first = printableLine(lines[0]!)
  const cut = first.length > width ? `${first.slice(0, Math.max(width - 1, 10))}…` : first
  const more = lines.length - 1
  return more > 0 || cut !== first ? `${cut} (${more > 0 ? `+${more} line(s), ` : ''}whole note in \`runbook timeline\`)` : cut
}

/** The header of one step of the walk: where it sits, who owns it, its target, its guidance. */
export function stepLines(current: StepState, state: IncidentState, now: Date, style: Styler, columns: number, roster?: Roster): string[] {
  const lines: string[] = []
  const print = (line: string) => lines.push(line)
  const applicable = state.steps.filter((s) => s.applies !== 'no')
  const index = applicable.indexOf(current) + 1
  const phaseNumber = PHASES.indexOf(current.step.phase) + 1
  print('')
  if (state.drill) print(style.exercise(EXERCISE_MARK))
  print(style.cyan(`Phase ${phaseNumber}/4 · ${PHASE_TITLES[current.step.phase]}`))
  print(style.bold(`Step ${index}/${applicable.length} · ${current.step.title}`) + style.dim(` (${current.step.id})`))
  const details = [`Owner: ${ROLE_TITLES[current.step.owner]}`, `CSF: ${current.step.csf_function}`]
  const due = stepDueAt(state, current)
  if (due) {
    const left = Date.parse(due) - now.getTime()
    const when = formatInZone(due, state.timezone, 'MM-dd HH:mm xxx')
    details.push(
      left >= 0
        ? `Target: ${current.step.target} (due ${when}, ${formatElapsed(left)} left)`
        : style.red(`Target: ${current.step.target} (was due ${when}, ${formatElapsed(-left)} overdue)`),
    )
  }
  print(details.join(' · '))
  for (const line of ownerPeopleLines(rolePeople(current.step.owner, roster, state.roles), state.timezone, style)) print(line)
  if (current.status !== 'open') print(style.yellow(`Status: ${current.status}${current.reason ? `: ${printableLine(current.reason)}` : ''}`))
  if (current.step.when && current.applies === 'unknown') print(style.yellow(`Applies if ${describeCondition(current.step.when)} (not yet known)`))
  print('')
  for (const line of wrapText(current.step.guidance.trim(), Math.min(columns, 100) - 2)) print(`  ${line}`)
  for (const note of current.notes) print(style.dim(`  note: ${noteGist(note, Math.min(columns, 100) - 8)}`))
  print('')
  return lines
}

/** What an answer takes away, before the responder confirms it: how many obligations, the first few by name. */
export function removedObligationLines(key: string, shown: string, removed: readonly ObligationResult[], style: Styler, shownAtMost = 6): string[] {
  const toPeople = removed.filter((o) => o.notify.includes('individuals')).length
  const lines = [
    style.yellow(
      `  With ${key} = ${shown}, ${removed.length} obligation${removed.length === 1 ? '' : 's'} that apply or may apply would no longer apply` +
        (toPeople ? ` (${toPeople} of them notices to the people affected):` : ':'),
    ),
  ]
  const first = [...removed].sort((a, b) => Number(b.notify.includes('individuals')) - Number(a.notify.includes('individuals')))
  for (const o of first.slice(0, shownAtMost)) lines.push(`    ${o.regulation.name}: ${o.title} ${style.dim(`(${o.id})`)}`)
  if (removed.length > shownAtMost) lines.push(style.dim(`    and ${removed.length - shownAtMost} more (\`runbook deadlines --all\` lists every one)`))
  return lines
}

/** Asks one question with the prompt that fits the fact's type. Undefined: left unanswered for now. */
export async function askFact(
  prompts: Prompter,
  ask: Ask,
  current: FactValue | undefined,
  zone: string,
  now: () => Promise<Date>,
  orgFacts: readonly FactDefinition[] = [],
): Promise<FactValue | undefined> {
  const definition = factDefinition(ask.fact, orgFacts)
  // Checked when the playbook was loaded; an organisation's fact removed from runbook.yaml since then is not.
  if (!definition)
    throw new UserError(`this step asks for "${ask.fact}", which is neither a fact runbook knows nor one runbook.yaml declares under facts:`, {
      hint: `Declare it again in runbook.yaml (facts:), or record the step without it: runbook fact set / runbook step done.`,
    })
  const message = ask.prompt + (ask.help ? ` (${ask.help})` : '')
  const parse = (raw: string) => parseFactValue(definition, raw, zone)
  // A choice shows the recorded answer in words too: the highlighted default alone is easy to miss at 3 a.m.
  const recorded = current === undefined ? '' : ` [recorded: ${typeof current === 'boolean' ? (current ? 'yes' : 'no') : String(current)}]`
  switch (definition.type.kind) {
    case 'boolean': {
      const answer = await prompts.select<string>({
        message: message + recorded,
        default: current === undefined ? undefined : String(current),
        choices: [
          {name: 'Yes', value: 'true'},
          {name: 'No', value: 'false'},
          {name: 'Not known yet', value: NOT_KNOWN},
        ],
      })
      return answer === NOT_KNOWN ? undefined : answer === 'true'
    }
    case 'choice': {
      const answer = await prompts.select({
        message: message + recorded,
        default: typeof current === 'string' ? current : undefined,
        choices: [...definition.type.values.map((v) => ({name: v, value: v})), {name: 'Not known yet', value: NOT_KNOWN}],
      })
      return answer === NOT_KNOWN ? undefined : answer
    }
    case 'choices': {
      const selected = Array.isArray(current) ? current : []
      const answer = await prompts.checkbox({
        message: `${message} (space to select, Enter to confirm; none selected = not known yet)`,
        choices: definition.type.values.map((v) => ({name: v, value: v, checked: selected.includes(v)})),
      })
      return answer.length > 0 ? answer : undefined
    }
    default: {
      const instant = definition.type.kind === 'instant'
      const hint = instant ? ` [${zone} time; Enter to leave unknown; "now" for now]` : ' [Enter to leave unknown]'
      // Instants are shown in the incident's zone, as people read clocks; Enter keeps the stored value exactly.
      const shown = current === undefined ? undefined : instant ? formatInZone(String(current), zone, 'yyyy-MM-dd HH:mm:ss') : String(current)
      const raw = await prompts.input({
        message: message + hint,
        default: shown,
        validate: (value) => {
          if (!value.trim() || value.trim() === 'now') return true
          const parsed = parse(value)
          return parsed.ok ? true : parsed.message
        },
      })
      if (!raw.trim()) return undefined
      if (shown !== undefined && raw.trim() === shown) return current
      // "now" is the incident's now as it is when answered: the simulated clock in a drill, read again then.
      if (raw.trim() === 'now' && instant) return (await now()).toISOString()
      const parsed = parse(raw)
      return parsed.ok ? parsed.value : undefined
    }
  }
}

/**
 * What other responders recorded while this walk's step was on screen: first, in bold, what the answer about to be
 * recorded would replace (theirs, from what to what); then each event since, who and when, in the incident's zone.
 */
export function interleavedLines(report: Interleaved, stepTitles: ReadonlyMap<string, string>, zone: string, style: Styler): string[] {
  const lines = describeInterleaved(report, stepTitles, {when: (iso) => formatInZone(iso, zone, 'HH:mm:ss')})
  const replaced = report.replaced.length
  return [
    '',
    style.yellow(`  Since this step was shown, ${report.events.length} event(s) were recorded on this incident:`),
    ...lines.map((line, i) => (i < replaced ? style.bold(style.red(`  ! ${line}`)) : `    ${line}`)),
  ]
}
