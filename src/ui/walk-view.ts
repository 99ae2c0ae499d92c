import type {Recorder} from '../app/session.js'
import {describeCondition} from '../core/conditions/condition.js'
import {noteEvent, stepEvent, factEvent} from '../core/incident/actions.js'
import {stepDueAt} from '../core/incident/progress.js'
import {isOpen, type StepState} from '../core/incident/state.js'
import {factDefinition, formatFactValue, parseFactValue, type FactDefinition, type FactValue} from '../core/facts/vocabulary.js'
import {PHASES, PHASE_TITLES, ROLE_TITLES} from '../core/playbook/model.js'
import type {Ask} from '../core/playbook/schema.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './style.js'

type Prompts = typeof import('@inquirer/prompts')

export interface WalkOptions {
  prompts: Prompts
  actor: string
  style: Styler
  print: (line: string) => void
  now?: () => Date
  /** Runs before each step is shown (a drill delivers its injects here). */
  beforeStep?: () => Promise<void>
}

export type WalkOutcome = 'complete' | 'stopped' | 'deferred'

const NOT_KNOWN = '__not_known__'

/**
 * The interactive walk: one step at a time, in playbook order, starting at the first open step.
 * Every answer and decision is appended to the log the moment it is given, so stopping (or Ctrl-C) loses nothing.
 */
export async function walk(recorder: Recorder, options: WalkOptions): Promise<WalkOutcome> {
  const {prompts, style, print} = options
  const now = options.now ?? (() => new Date())
  const deferred = new Set<string>()
  const who = () => ({actor: options.actor})
  for (;;) {
    await options.beforeStep?.()
    const state = recorder.state
    const open = state.steps.filter(isOpen)
    const current = open.find((s) => !deferred.has(s.step.id))
    if (!current) {
      if (open.length > 0) {
        print(style.yellow(`\n${open.length} step(s) still open: ${open.map((s) => s.step.id).join(', ')}. Run \`runbook incident run ${state.id}\` to come back to them.`))
        return 'deferred'
      }
      print(style.green('\nEvery applicable step is done or skipped.'))
      print(`See where things stand with \`runbook status ${state.id}\`; close with \`runbook incident close ${state.id}\`.`)
      return 'complete'
    }
    showStep(current, recorder, options, now())
    for (const ask of current.step.asks ?? []) {
      const answer = await askFact(ask, recorder.state.facts[ask.fact]?.value, recorder.state.timezone, prompts, now)
      if (answer === undefined) continue
      const previous = recorder.state.facts[ask.fact]?.value
      if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(answer)) continue
      const [event] = await recorder.record(factEvent(recorder.state, ask.fact, answer, who()))
      print(style.dim(`  recorded #${event!.seq}: ${ask.fact} = ${formatFactValue(answer)}`))
    }
    const action = await prompts.select({
      message: `${current.step.id}: what now?`,
      choices: [
        {name: 'Done', value: 'done', description: 'The step is finished.'},
        {name: 'Add a note', value: 'note', description: 'Record what you found or did; stay on this step.'},
        {name: 'Skip: does not apply', value: 'skip', description: 'A reason is required.'},
        {name: 'Blocked', value: 'block', description: 'Say what it waits for; the walk moves on and comes back next time.'},
        {name: 'Come back later', value: 'later', description: 'Leave it open and go to the next step.'},
        {name: 'Stop for now', value: 'stop', description: 'Everything so far is recorded; resume with `runbook incident run`.'},
      ],
    })
    const id = current.step.id
    const record = async (draft: Parameters<Recorder['record']>[0]) => {
      const [event] = await recorder.record(draft)
      print(style.green(`  ✔ recorded #${event!.seq}`))
    }
    switch (action) {
      case 'done': {
        const note = await prompts.input({message: 'Note (optional, Enter to skip)'})
        await record(stepEvent(recorder.state, id, 'done', note, who()))
        break
      }
      case 'note': {
        const text = await prompts.input({message: 'Note', validate: (v) => (v.trim() ? true : 'Type the note, or press Ctrl-C to stop')})
        await record(noteEvent(recorder.state, text, id, who()))
        break
      }
      case 'skip': {
        const reason = await prompts.input({message: 'Why does it not apply?', validate: (v) => (v.trim() ? true : 'A reason is required to skip a step')})
        await record(stepEvent(recorder.state, id, 'skip', reason, who()))
        break
      }
      case 'block': {
        const reason = await prompts.input({message: 'What is it waiting for?', validate: (v) => (v.trim() ? true : 'Say what blocks it')})
        await record(stepEvent(recorder.state, id, 'block', reason, who()))
        deferred.add(id)
        break
      }
      case 'later':
        deferred.add(id)
        break
      case 'stop':
        print(`Stopped. Everything so far is recorded. Resume with \`runbook incident run ${recorder.state.id}\`.`)
        return 'stopped'
    }
  }
}

function showStep(current: StepState, recorder: Recorder, options: WalkOptions, now: Date): void {
  const {style, print} = options
  const state = recorder.state
  const applicable = state.steps.filter((s) => s.applies !== 'no')
  const index = applicable.indexOf(current) + 1
  const phaseNumber = PHASES.indexOf(current.step.phase) + 1
  print('')
  if (state.drill) print(style.exercise('EXERCISE EXERCISE EXERCISE'))
  print(style.cyan(`Phase ${phaseNumber}/4 · ${PHASE_TITLES[current.step.phase]}`))
  print(style.bold(`Step ${index}/${applicable.length} · ${current.step.title}`) + style.dim(` (${current.step.id})`))
  const details = [`Owner: ${ROLE_TITLES[current.step.owner]}`, `CSF: ${current.step.csf_function}`]
  const due = stepDueAt(state, current)
  if (due) {
    const left = Date.parse(due) - now.getTime()
    const when = formatInZone(due, state.timezone, 'MM-dd HH:mm xxx')
    details.push(left >= 0 ? `Target: ${current.step.target} (due ${when}, ${formatElapsed(left)} left)` : style.red(`Target: ${current.step.target} (was due ${when}, ${formatElapsed(-left)} overdue)`))
  }
  print(details.join(' · '))
  if (current.status !== 'open') print(style.yellow(`Status: ${current.status}${current.reason ? `: ${current.reason}` : ''}`))
  if (current.step.when && current.applies === 'unknown') print(style.yellow(`Applies if ${describeCondition(current.step.when)} (not yet known)`))
  print('')
  for (const line of wrap(current.step.guidance.trim(), Math.min(process.stdout.columns || 80, 100) - 2)) print(`  ${line}`)
  for (const note of current.notes) print(style.dim(`  note: ${note}`))
  print('')
}

function wrap(text: string, width: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split(/\n\s*\n|\n(?=- )/)) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line)
        line = word
      } else {
        line = line ? `${line} ${word}` : word
      }
    }
    if (line) out.push(line)
  }
  return out
}

/** Asks one question with the prompt that fits the fact's type. Undefined: left unanswered for now. */
async function askFact(ask: Ask, current: FactValue | undefined, zone: string, prompts: Prompts, now: () => Date): Promise<FactValue | undefined> {
  const definition = factDefinition(ask.fact) as FactDefinition
  const message = ask.prompt + (ask.help ? ` (${ask.help})` : '')
  const parse = (raw: string) => parseFactValue(definition, raw, zone)
  switch (definition.type.kind) {
    case 'boolean': {
      const answer = await prompts.select<string>({
        message,
        default: current === undefined ? undefined : String(current),
        choices: [{name: 'Yes', value: 'true'}, {name: 'No', value: 'false'}, {name: 'Not known yet', value: NOT_KNOWN}],
      })
      return answer === NOT_KNOWN ? undefined : answer === 'true'
    }
    case 'choice': {
      const answer = await prompts.select({
        message,
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
      // "now" is the incident's now: the simulated clock in a drill.
      if (raw.trim() === 'now' && instant) return now().toISOString()
      const parsed = parse(raw)
      return parsed.ok ? parsed.value : undefined
    }
  }
}
