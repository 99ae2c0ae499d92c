import {UserError} from '../core/errors.js'
import {ensureOpen} from '../core/incident/actions.js'
import type {LoadedIncident} from '../store/incidents.js'
import {walk, type WalkOutcome} from '../ui/walk-view.js'
import type {Styler} from '../ui/style.js'
import {Recorder} from './session.js'
import {deliverInjects, injectLines} from './drills.js'
import {incidentNow} from '../core/incident/now.js'

/** Refuses to prompt without a terminal: a script must never hang on a question. */
export function requireTerminal(what: string): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(`${what} asks questions and needs a terminal, but standard input or output is not one`, {
      hint: 'Without a terminal, record progress with flags: `runbook step done|skip|block|start STEP [--note T]`, `runbook fact set KEY VALUE`, `runbook note TEXT`; see where things stand with `runbook status --json`.',
    })
  }
}

export async function runWalk(incident: LoadedIncident, options: {actor: string; style: Styler; print: (line: string) => void}): Promise<WalkOutcome> {
  ensureOpen(incident.state)
  const prompts = await import('@inquirer/prompts')
  const recorder = new Recorder(incident)
  const now = () => incidentNow(recorder.state, Date.now())
  // In a drill, injects arrive between steps, when their simulated time has come.
  const asked = new Set<string>()
  const beforeStep = recorder.state.exercise ? async () => {
    for (const inject of await deliverInjects(recorder)) for (const line of injectLines(inject, recorder.state, options.style)) options.print(line)
    // Decisions still open on injects that have arrived (here, or by \`drill advance\`): asked once per walk.
    const drill = recorder.state.exercise!
    for (const inject of drill.scenario.injects) {
      if (!drill.delivered[inject.id] || !inject.expects?.decision || drill.decisions[inject.id]?.length || asked.has(inject.id)) continue
      asked.add(inject.id)
      options.print(options.style.exercise(`\nEXERCISE · decision needed on "${inject.title}" (from ${inject.from}): ${inject.expects.decision}`))
      const decision = (await prompts.input({message: `Your decision on "${inject.title}" (Enter to decide later)`})).trim()
      if (decision) await recorder.record({type: 'drill.decision', actor: options.actor, payload: {inject: inject.id, decision}})
    }
  } : undefined
  try {
    return await walk(recorder, {...options, prompts, now, beforeStep})
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') {
      options.print('')
      throw new UserError(`Stopped. Everything answered so far is recorded. Resume with: runbook incident run ${incident.state.id}`, {exitCode: 130})
    }
    throw error
  }
}
