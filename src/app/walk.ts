import {UserError} from '../core/errors.js'
import {ensureOpen, factEvent, noteEvent, stepEvent} from '../core/incident/actions.js'
import {decisionEvent} from '../core/drills/actions.js'
import type {EventDraft} from '../core/incident/events.js'
import {isOpen} from '../core/incident/state.js'
import {formatFactValue} from '../core/facts/vocabulary.js'
import {injectLines} from '../ui/drill-view.js'
import {isPromptAbort} from '../ui/prompts.js'
import {askFact, stepLines} from '../ui/walk-view.js'
import type {Context} from './context.js'
import {deliverInjects} from './drills.js'
import {lawEnforcementContacts} from './deadlines.js'
import {lawEnforcementLines} from '../ui/regulation-view.js'
import {openIncident, type OpenRequest} from './incidents.js'
import {availablePlaybooks} from '../store/playbooks.js'
import type {IncidentSession} from './session.js'

export type WalkOutcome = 'complete' | 'stopped' | 'deferred'

/** Refuses to prompt without a terminal: a script must never hang on a question. */
export function requireTerminal(ctx: Context, what: string): void {
  if (!ctx.io.canPrompt) {
    throw new UserError(`${what} asks questions and needs a terminal, but standard input or output is not one`, {
      hint: 'Without a terminal, record progress with flags: `runbook step done|skip|block|start STEP [--note T]`, `runbook fact set KEY VALUE`, `runbook note TEXT`; see where things stand with `runbook status --json`.',
    })
  }
}

/**
 * The interactive walk: one step at a time, in playbook order, starting at the first open step. Every answer and
 * decision is appended to the log the moment it is given, so stopping (or Ctrl-C) loses nothing.
 */
export async function runWalk(session: IncidentSession): Promise<WalkOutcome> {
  ensureOpen(session.state)
  try {
    return await walkSteps(session)
  } catch (error) {
    if (isPromptAbort(error)) {
      session.ctx.io.stdout.write('\n')
      throw new UserError(`Stopped. Everything answered so far is recorded. Resume with: runbook incident run ${session.id}`, {exitCode: 130})
    }
    throw error
  }
}

async function walkSteps(session: IncidentSession): Promise<WalkOutcome> {
  const {ctx} = session
  const {style, columns} = ctx.io
  const prompts = ctx.prompter
  const print = (line: string) => ctx.io.stdout.write(`${line}\n`)
  const deferred = new Set<string>()
  const asked = new Set<string>()
  for (;;) {
    if (session.state.exercise) await drillBetweenSteps(session, asked, print)
    const state = session.state
    const open = state.steps.filter(isOpen)
    const current = open.find((s) => !deferred.has(s.step.id))
    if (!current) {
      if (open.length > 0) {
        print(
          style.yellow(
            `\n${open.length} step(s) still open: ${open.map((s) => s.step.id).join(', ')}. Run \`runbook incident run ${state.id}\` to come back to them.`,
          ),
        )
        return 'deferred'
      }
      print(style.green('\nEvery applicable step is done or skipped.'))
      print(`See where things stand with \`runbook status ${state.id}\`; close with \`runbook incident close ${state.id}\`.`)
      return 'complete'
    }
    for (const line of stepLines(current, state, session.now(), style, columns)) print(line)
    // A law-enforcement step names whom to call in the incident's countries (from runbook's directory).
    if (current.step.id.includes('law-enforcement')) for (const line of lawEnforcementLines(await lawEnforcementContacts(ctx, state), style)) print(`  ${line}`)
    for (const ask of current.step.asks ?? []) {
      const previous = session.state.facts[ask.fact]?.value
      const answer = await askFact(prompts, ask, previous, session.state.timezone, () => session.now())
      if (answer === undefined) continue
      if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(answer)) continue
      const [event] = await session.record(factEvent(session.state, ask.fact, answer, session.who()))
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
    const record = async (draft: (s: typeof session.state) => EventDraft) => {
      const [event] = await session.record(draft(session.state))
      print(style.green(`  ✔ recorded #${event!.seq}`))
    }
    switch (action) {
      case 'done': {
        const note = await prompts.input({message: 'Note (optional, Enter to skip)'})
        await record((s) => stepEvent(s, id, 'done', note, session.who()))
        break
      }
      case 'note': {
        const text = await prompts.input({message: 'Note', validate: (v) => (v.trim() ? true : 'Type the note, or press Ctrl-C to stop')})
        await record((s) => noteEvent(s, text, id, session.who()))
        break
      }
      case 'skip': {
        const reason = await prompts.input({message: 'Why does it not apply?', validate: (v) => (v.trim() ? true : 'A reason is required to skip a step')})
        await record((s) => stepEvent(s, id, 'skip', reason, session.who()))
        break
      }
      case 'block': {
        const reason = await prompts.input({message: 'What is it waiting for?', validate: (v) => (v.trim() ? true : 'Say what blocks it')})
        await record((s) => stepEvent(s, id, 'block', reason, session.who()))
        deferred.add(id)
        break
      }
      case 'later':
        deferred.add(id)
        break
      case 'stop':
        print(`Stopped. Everything so far is recorded. Resume with \`runbook incident run ${session.id}\`.`)
        return 'stopped'
    }
  }
}

/** In a drill, injects arrive between steps, and decisions still open on them are asked once per walk. */
async function drillBetweenSteps(session: IncidentSession, asked: Set<string>, print: (line: string) => void): Promise<void> {
  const {style} = session.ctx.io
  for (const inject of await deliverInjects(session)) for (const line of injectLines(inject, session.state, style)) print(line)
  const drill = session.state.exercise!
  for (const inject of drill.scenario.injects) {
    if (!drill.delivered[inject.id] || !inject.expects?.decision || drill.decisions[inject.id]?.length || asked.has(inject.id)) continue
    asked.add(inject.id)
    print(style.exercise(`\nEXERCISE · decision needed on "${inject.title}" (from ${inject.from}): ${inject.expects.decision}`))
    const decision = (await session.ctx.prompter.input({message: `Your decision on "${inject.title}" (Enter to decide later)`})).trim()
    if (decision) await session.record(decisionEvent(session.state, inject.id, decision, session.who()))
  }
}

/** `runbook start`: choose a playbook (asked when not given), open an incident on it, and walk it at once. */
export async function startIncident(ctx: Context, request: Omit<OpenRequest, 'playbookId'> & {playbookId?: string}): Promise<WalkOutcome> {
  requireTerminal(ctx, '`runbook start`')
  let playbookId = request.playbookId
  if (!playbookId) {
    const playbooks = [...availablePlaybooks(ctx.workspace.root).values()].sort((a, b) => a.playbook.title.localeCompare(b.playbook.title))
    const choices = playbooks.map(({playbook}) => ({name: playbook.title, value: playbook.id, description: playbook.description.trim().split('\n')[0]}))
    playbookId = await ctx.prompter.select({message: 'Which playbook?', choices})
  }
  const session = await openIncident(ctx, {...request, playbookId})
  const {style} = ctx.io
  ctx.io.stdout.write(`${style.bold(`Opened incident ${session.id}: ${session.state.title}`)}\n`)
  ctx.io.stdout.write(`${style.dim(`Log: ${await ctx.store.where(session.id)}. Other responders can record with --incident ${session.id}.`)}\n`)
  return runWalk(session)
}
