import {UserError} from '../core/errors.js'
import {ensureOpen, factEvent, findStep, noteEvent, stepEvent} from '../core/incident/actions.js'
import {decisionEvent, participantEvent} from '../core/drills/actions.js'
import type {EventDraft, StoredEvent} from '../core/incident/events.js'
import {interleaved} from '../core/incident/conflicts.js'
import {LogMovedError} from '../store/incidents.js'
import {isOpen} from '../core/incident/state.js'
import {prerequisitesOpen, stepsByUrgency} from '../core/incident/urgency.js'
import {ROLE_TITLES, type Role} from '../core/playbook/model.js'
import type {Ask} from '../core/playbook/schema.js'
import {factValueInZone} from '../ui/record-view.js'
import {injectLines} from '../ui/drill-view.js'
import {isPromptAbort, type Choice} from '../ui/prompts.js'
import {askFact, interleavedLines, stepLines} from '../ui/walk-view.js'
import type {Context} from './context.js'
import {deliverInjects} from './drills.js'
import {arrivedInjects} from './drill-control.js'
import {lawEnforcementContacts} from './deadlines.js'
import {lawEnforcementLines} from '../ui/regulation-view.js'
import {openIncident, openOnPlaybook, type OpenRequest} from './incidents.js'
import {availablePlaybooks, findPlaybook} from '../store/playbooks.js'
import {IncidentSession} from './session.js'
import {printableLine} from '../core/printable.js'
import {settleAnswer} from './answers.js'
import {orgFacts} from './org-facts.js'

export type WalkOutcome = 'complete' | 'stopped' | 'deferred'

/** Refuses to prompt without a terminal: a script must never hang on a question. */
export function requireTerminal(ctx: Context, what: string): void {
  if (!ctx.io.canPrompt) {
    throw new UserError(`${what} asks questions and needs a terminal, but standard input or output is not one`, {
      hint: 'Without a terminal, record progress with flags: `runbook step done|skip|block|start STEP [--note T]`, `runbook fact set KEY VALUE`, `runbook note TEXT`; see where things stand with `runbook status --json`.',
    })
  }
}

export interface WalkOptions {
  /** Go to this step first (any step, even one done: its answers can be changed), then walk on as usual. */
  step?: string
  /** Walk only this role's steps, so legal, communications and IT walk the same incident side by side. */
  role?: Role
  /** In a drill: the part the walker takes (player, controller, evaluator), for the after-action report. */
  drillRole?: string
}

/**
 * The interactive walk: one step at a time, the most urgent open step first (stepsByUrgency: the nearest due
 * target among the steps that can be worked on now). Every answer and decision is appended to the log the moment
 * it is given, so stopping (or Ctrl-C) loses nothing.
 */
export async function runWalk(session: IncidentSession, options: WalkOptions = {}): Promise<WalkOutcome> {
  ensureOpen(session.state)
  if (options.step) findStep(session.state, options.step)
  if (options.drillRole) {
    if (!session.state.exercise) throw new UserError('--drill-role is for drills: in a real incident, owners come from the playbook')
    const known = session.state.exercise.participants.find((p) => p.name === session.ctx.actor)
    if (known?.role !== options.drillRole) await session.record(participantEvent(session.state, session.ctx.actor, options.drillRole, session.who()))
  }
  try {
    return await walkSteps(session, options)
  } catch (error) {
    if (isPromptAbort(error)) {
      session.ctx.io.stdout.write('\n')
      throw new UserError(`Stopped. Everything answered so far is recorded. Resume with: runbook incident run ${session.id}`, {exitCode: 130})
    }
    throw error
  }
}

async function walkSteps(session: IncidentSession, options: WalkOptions): Promise<WalkOutcome> {
  const {ctx} = session
  const {style, columns} = ctx.io
  const prompts = ctx.prompter
  const print = (line: string) => ctx.io.stdout.write(`${line}\n`)
  const deferred = new Set<string>()
  const asked = new Set<string>()
  const shown = new Set<string>()
  const whose = options.role ? `${ROLE_TITLES[options.role]} ` : ''
  let goTo = options.step
  const {roster} = await ctx.workspace.config()
  const seen: Seen = {seq: session.state.lastSeq}
  for (;;) {
    if (session.state.exercise) await drillBetweenSteps(session, {asked, shown}, print)
    // Another responder may have recorded since the last step: show this one as the log has it now.
    else if ((await ctx.store.lastSeq(session.id)) !== session.state.lastSeq) await session.refresh()
    const state = session.state
    const open = stepsByUrgency(state, {role: options.role})
    const current = goTo ? findStep(state, goTo) : open.find((s) => !deferred.has(s.step.id))
    goTo = undefined
    if (!current) {
      if (open.length > 0) {
        print(
          style.yellow(
            `\n${open.length} ${whose}step(s) still open: ${open.map((s) => s.step.id).join(', ')}. Run \`runbook incident run ${state.id}\` to come back to them.`,
          ),
        )
        return 'deferred'
      }
      print(style.green(`\nEvery applicable ${whose}step is done or skipped.`))
      const others = options.role ? stepsByUrgency(state).length : 0
      if (others > 0) print(`${others} step(s) of other roles are still open: see \`runbook status ${state.id}\`.`)
      else print(`See where things stand with \`runbook status ${state.id}\`; close with \`runbook incident close ${state.id}\`.`)
      return 'complete'
    }
    for (const line of stepLines(current, state, session.now(), style, columns, roster)) print(line)
    // What the responder now has on screen: a write that would follow anything recorded after it asks first.
    seen.seq = state.lastSeq
    const waiting = prerequisitesOpen(state, current)
    if (waiting.length > 0) print(style.yellow(`  Comes after ${waiting.join(', ')} (still open).`))
    // A law-enforcement step names whom to call in the incident's countries (from runbook's directory).
    if (current.step.id.includes('law-enforcement')) for (const line of lawEnforcementLines(await lawEnforcementContacts(ctx, state), style)) print(`  ${line}`)
    const id = current.step.id
    const askAll = async () => {
      for (const ask of current.step.asks ?? []) await askAndRecord(session, seen, ask, print)
    }
    await askAll()
    const stillOpen = isOpen(session.state.steps.find((s) => s.step.id === id)!)
    const action = await prompts.select({
      message: `${id}: what now?`,
      choices: stillOpen ? openChoices(Boolean(current.step.asks?.length)) : finishedChoices(Boolean(current.step.asks?.length)),
    })
    /** Records unless the responder, shown what others recorded meanwhile, declines; then the step is shown again. */
    const record = async (draft: (s: typeof session.state) => EventDraft): Promise<boolean> => {
      const stored = await recordChecked(session, seen, (s) => [draft(s)], print)
      if (!stored) {
        goTo = id
        return false
      }
      print(style.green(`  ✔ recorded #${stored[0]!.seq}`))
      return true
    }
    switch (action) {
      case 'done': {
        const note = await askOptionalText(session, 'Note', 'optional, Enter to skip')
        await record((s) => stepEvent(s, id, 'done', note, session.who()))
        break
      }
      case 'note': {
        const text = await askLongText(session, 'Note', 'The note')
        if (!(await record((s) => noteEvent(s, text, id, session.who())))) break
        if (!stillOpen) deferred.add(id)
        goTo = stillOpen ? id : undefined
        break
      }
      case 'change':
        goTo = id
        break
      case 'skip': {
        const reason = await askLongText(session, 'Why does it not apply?', 'The reason')
        await record((s) => stepEvent(s, id, 'skip', reason, session.who()))
        break
      }
      case 'block': {
        const reason = await askLongText(session, 'What is it waiting for?', 'The reason')
        if (await record((s) => stepEvent(s, id, 'block', reason, session.who()))) deferred.add(id)
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

type Action = 'done' | 'note' | 'change' | 'skip' | 'block' | 'later' | 'stop'

function openChoices(hasQuestions: boolean): Choice<Action>[] {
  return [
    {name: 'Done', value: 'done', description: 'The step is finished.'},
    {name: 'Add a note', value: 'note', description: 'Record what you found or did; stay on this step.'},
    ...(hasQuestions
      ? [{name: 'Change an answer', value: 'change' as const, description: "Ask this step's questions again; a change is recorded as a correction."}]
      : []),
    {name: 'Skip: does not apply', value: 'skip', description: 'A reason is required.'},
    {name: 'Blocked', value: 'block', description: 'Say what it waits for; the walk moves on and comes back next time.'},
    {name: 'Come back later', value: 'later', description: 'Leave it open and go to the next step.'},
    {name: 'Stop for now', value: 'stop', description: 'Everything so far is recorded; resume with `runbook incident run`.'},
  ]
}

/** A step reached with --step that is already done, skipped or ruled out: its answers can change, nothing else. */
function finishedChoices(hasQuestions: boolean): Choice<Action>[] {
  return [
    {name: 'Back to the walk', value: 'later', description: 'Go on to the most urgent open step.'},
    ...(hasQuestions
      ? [{name: 'Change an answer', value: 'change' as const, description: "Ask this step's questions again; a change is recorded as a correction."}]
      : []),
    {name: 'Add a note', value: 'note', description: 'Record what you found or did.'},
    {name: 'Stop for now', value: 'stop', description: 'Everything so far is recorded; resume with `runbook incident run`.'},
  ]
}

/**
 * Asks one question, showing the recorded value as the default, and records a changed answer as a correction. An
 * answer that needs a second look (an unlikely instant, one that removes obligations) is confirmed first; declined,
 * the question is asked again.
 */
async function askAndRecord(session: IncidentSession, seen: Seen, ask: Ask, print: (line: string) => void): Promise<void> {
  const {style} = session.ctx.io
  const zone = session.state.timezone
  for (;;) {
    const previous = session.state.facts[ask.fact]?.value
    const answer = await askFact(session.ctx.prompter, ask, previous, zone, () => session.currentNow(), await orgFacts(session.ctx))
    if (answer === undefined) return
    if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(answer)) return
    const settled = await settleAnswer(session, ask.fact, answer, {})
    if (!settled.accepted) {
      print(style.dim(`  not recorded; answer again (or choose the value already recorded)`))
      continue
    }
    const stored = await recordChecked(session, seen, (state) => [factEvent(state, ask.fact, answer, session.who(), settled.reason)], print)
    // Declined after seeing another responder's answer: ask again, with theirs as the default.
    if (!stored) continue
    const [event] = stored
    const was = previous === undefined ? '' : `, was ${factValueInZone(ask.fact, previous, zone)}`
    print(style.dim(`  recorded #${event!.seq}: ${ask.fact} = ${factValueInZone(ask.fact, answer, zone)}${was}`))
    return
  }
}

/** The last event the responder has seen: shown with the step, or recorded by this walk. */
interface Seen {
  seq: number
}

/**
 * Records what `build` drafts from the incident as it is, after a look at the log (finding 10 of issue 14: two
 * responders on one incident). If someone recorded since the responder last saw it, the walk shows who recorded what
 * and, first, whatever of theirs this write would replace, and asks; declined, nothing is written (undefined). The
 * write itself only goes through if the log still ends where the walk looked, so nothing recorded in between is
 * ever passed over. Only a drill's clock ticking is written over without asking.
 */
async function recordChecked(
  session: IncidentSession,
  seen: Seen,
  build: (state: IncidentSession['state']) => EventDraft[],
  print: (line: string) => void,
): Promise<StoredEvent[] | undefined> {
  const {ctx} = session
  for (;;) {
    const last = await ctx.store.lastSeq(session.id)
    if (last !== seen.seq) {
      await session.refresh()
      const report = interleaved(session.events, seen.seq, build(session.state))
      seen.seq = report.lastSeq
      if (report.answered.length > 0) {
        const titles = new Map(session.state.steps.map((s) => [s.step.id, s.step.title]))
        for (const line of interleavedLines(report, titles, session.state.timezone, ctx.io.style)) print(line)
        const replacing = report.replaced.length > 0
        const go = await ctx.prompter.confirm({
          message: replacing ? 'Record yours anyway, replacing theirs?' : 'Record yours as well?',
          default: !replacing,
        })
        if (!go) {
          print(ctx.io.style.dim('  not recorded; the step is shown again as it is now'))
          return undefined
        }
      }
    }
    try {
      const stored = await session.recordAfter(seen.seq, build(session.state))
      seen.seq = stored.at(-1)?.seq ?? seen.seq
      return stored
    } catch (error) {
      // Someone recorded between the look and the write: look again (and show it).
      if (!(error instanceof LogMovedError)) throw error
    }
  }
}

/**
 * Text in the walk (a note, a reason): typed on one line, or, from an empty line, written (or pasted) in the
 * responder's editor, where text of any length costs one read: a long paste into the line prompt was redrawn per
 * character. Never empty: an empty editor asks again.
 */
async function askLongText(session: IncidentSession, message: string, what: string): Promise<string> {
  const {prompter} = session.ctx
  const typed = await prompter.input({message: `${message} (press Enter on an empty line to open your editor, for long or pasted text)`})
  if (typed.trim()) return typed
  return prompter.editor({
    message,
    launch: true,
    validate: (v) => (v.trim() ? true : `${what} is empty: write it in the editor and save, or press Ctrl-C to stop`),
  })
}

/**
 * Optional text in the walk (the note on a step done, a drill decision): typed on one line, skipped with an empty
 * one, or written (or pasted) in the responder's editor after a lone "+": a long paste into the line prompt is
 * redrawn per character. An editor left empty skips it too.
 */
async function askOptionalText(session: IncidentSession, message: string, skip: string): Promise<string> {
  const {prompter} = session.ctx
  const typed = await prompter.input({message: `${message} (${skip}; + and Enter to write it in your editor)`})
  if (typed.trim() !== '+') return typed
  return prompter.editor({message, launch: true})
}

/**
 * In a drill, the injects that arrived since the last step are shown between steps with their whole message (the
 * first time, every one that has arrived: a player may join late), whoever delivered them: the walk's own clock or
 * the facilitator's terminal. Decisions still open on them are asked once per walk. What the facilitator expects in
 * answer is never shown here.
 */
async function drillBetweenSteps(session: IncidentSession, seen: {asked: Set<string>; shown: Set<string>}, print: (line: string) => void): Promise<void> {
  const {style} = session.ctx.io
  await deliverInjects(session)
  const arrived = await arrivedInjects(session)
  for (const inject of arrived.filter((i) => !seen.shown.has(i.id))) {
    seen.shown.add(inject.id)
    for (const line of injectLines(inject, session.state.timezone, style)) print(line)
  }
  const drill = session.state.exercise!
  for (const inject of arrived) {
    const scheduled = drill.scenario.injects.find((i) => i.id === inject.id)
    if (!scheduled?.expects?.decision || drill.decisions[inject.id]?.length || seen.asked.has(inject.id)) continue
    seen.asked.add(inject.id)
    print(style.exercise(`\nEXERCISE · decision needed on "${printableLine(inject.title)}" (from ${printableLine(inject.from)})`))
    const decision = (await askOptionalText(session, `Your decision on "${printableLine(inject.title)}"`, 'Enter to decide later')).trim()
    if (decision) await session.record(decisionEvent(session.state, inject.id, decision, session.who()))
  }
}

/**
 * `runbook start`: choose a playbook (asked when not given), open an incident on it, and walk it at once. With an
 * incident already open on that playbook, the responder chooses to walk it or to open another (--new skips asking).
 */
export async function startIncident(ctx: Context, request: Omit<OpenRequest, 'playbookId'> & {playbookId?: string}): Promise<WalkOutcome> {
  requireTerminal(ctx, '`runbook start`')
  let playbookId = request.playbookId
  if (!playbookId) {
    const playbooks = [...availablePlaybooks(ctx.workspace.root).values()].sort((a, b) => a.playbook.title.localeCompare(b.playbook.title))
    const choices = playbooks.map(({playbook}) => ({name: playbook.title, value: playbook.id, description: playbook.description.trim().split('\n')[0]}))
    playbookId = await ctx.prompter.select({message: 'Which playbook?', choices})
  }
  const existing = request.another ? [] : await openOnPlaybook(ctx, findPlaybook(playbookId, ctx.workspace.root).playbook.id)
  if (existing.length > 0) {
    const NEW = '\u0000new'
    const choice = await ctx.prompter.select({
      message: `An incident on ${playbookId} is already open. Walk it, or open another?`,
      choices: [
        ...existing.map((s) => ({name: `Walk ${s.id}: ${printableLine(s.title)}`, value: s.id, description: 'Continue the open incident.'})),
        {name: 'Open a new incident', value: NEW, description: 'A separate incident; plain commands will then need --incident.'},
      ],
    })
    if (choice !== NEW) return runWalk(new IncidentSession(ctx, await ctx.store.load(choice)))
  }
  const session = await openIncident(ctx, {...request, playbookId, another: true})
  const {style} = ctx.io
  ctx.io.stdout.write(`${style.bold(`Opened incident ${session.id}: ${printableLine(session.state.title)}`)}\n`)
  ctx.io.stdout.write(`${style.dim(`Log: ${await ctx.store.where(session.id)}. Other responders can record with --incident ${session.id}.`)}\n`)
  return runWalk(session)
}
