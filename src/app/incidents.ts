import {checkNotFuture, closeEvent, ensureOpen, openIncident as openEvents, parseAt, reopenEvent} from '../core/incident/actions.js'
import {carriedFacts, checkContinuable, continuedInReason, continuesNote} from '../core/incident/continuation.js'
import {printableLine} from '../core/printable.js'
import {UserError} from '../core/errors.js'
import {exerciseTag} from '../core/exercise.js'
import {isOpen} from '../core/incident/state.js'
import {readInstant, INSTANT_HELP} from '../core/time/instant.js'
import {isValidTimeZone} from '../core/time/zone.js'
import {newIncidentId, type DamagedIncident, type IncidentSummary} from '../store/incidents.js'
import {adviseOnActor, type Context} from './context.js'
import {IncidentSession} from './session.js'

/** The incidents a plain command could mean, with damaged logs named on stderr (never fatal for the others). */
export async function listSummaries(ctx: Context, options: {drills?: boolean} = {}): Promise<IncidentSummary[]> {
  const {incidents, damaged} = await ctx.store.list(options)
  for (const d of damaged) ctx.notice(ctx.io.errStyle.yellow(`Skipped ${d.id}: ${d.problem}`))
  return incidents
}

/**
 * The incident a command acts on: the one named, else the single open one. Drills never count: a tabletop exercise
 * running in the workspace must not make a responder's plain `status` fail, nor catch their `step done`.
 */
export async function resolveIncident(ctx: Context, id?: string): Promise<IncidentSession> {
  if (id) return new IncidentSession(ctx, await ctx.store.load(id))
  const open = (await listSummaries(ctx)).filter((s) => !s.closed)
  if (open.length === 1) return new IncidentSession(ctx, await ctx.store.load(open[0]!.id))
  if (open.length === 0) {
    const {incidents: all, damaged} = await ctx.store.list({drills: true})
    // A log that cannot be read is not "no incident": the responder's incident may be that one.
    if (damaged.length > 0)
      throw new UserError(`there is no open incident that can be read: ${damaged.map((d) => d.id).join(', ')} could not be (see above)`, {
        hint: `Name it to see the first bad line: runbook verify ${damaged[0]!.id}; the log is kept as it is.`,
      })
    const drills = all.filter((s) => s.drill && !s.closed)
    throw new UserError('there is no open incident in this workspace', {
      hint: drills.length
        ? `A drill is not an incident: name it with --incident (${drills.map((d) => d.id).join(', ')}).`
        : 'Open one with `runbook start PLAYBOOK`, or name a closed one by its id (see `runbook incident list`).',
    })
  }
  throw new UserError(
    `${open.length} incidents are open; say which one with --incident ID:\n${open.map((s) => `  ${s.id}  ${exerciseTag(s.drill)}${s.title}`).join('\n')}`,
  )
}

/**
 * The id to give with --incident in a command suggested for this incident, or undefined when a plain command
 * reaches it already (it is the single open incident or drill).
 */
export async function incidentFlagFor(ctx: Context, id: string): Promise<string | undefined> {
  const {incidents} = await ctx.store.list({drills: true})
  const open = incidents.filter((s) => !s.closed)
  return open.length === 1 && open[0]!.id === id ? undefined : id
}

export interface OpenRequest {
  playbookId: string
  title?: string
  awareAt?: string
  timezone?: string
  /** Open another incident even when one on the same playbook is open (--new). */
  another?: boolean
  /** The incident this one continues (--from): its awareness time, zone and facts are carried over, and it is closed. */
  from?: string
}

/** The open incidents (never drills) on a playbook: a second `start ransomware` is more often a mistake than not. */
export async function openOnPlaybook(ctx: Context, playbookId: string): Promise<IncidentSummary[]> {
  return (await listSummaries(ctx)).filter((s) => !s.closed && s.playbook === playbookId)
}

/**
 * Refuses a second open incident on the same playbook unless asked for: at a terminal the responder confirms,
 * without one `--new` says so. Otherwise every plain command after it would fail with "2 incidents are open".
 */
export async function confirmAnother(ctx: Context, playbookId: string, another: boolean | undefined): Promise<void> {
  if (another) return
  const existing = await openOnPlaybook(ctx, playbookId)
  if (existing.length === 0) return
  const named = existing.map((s) => `${s.id} "${printableLine(s.title)}"`).join(', ')
  const refusal = new UserError(`an incident on playbook ${playbookId} is already open: ${named}`, {
    hint: `Record on it (plain commands act on it, or --incident ${existing[0]!.id}); to open a second one anyway, add --new.`,
  })
  if (!ctx.io.canPrompt) throw refusal
  ctx.io.stdout.write(`${ctx.io.style.yellow(`Already open on playbook ${playbookId}: ${named}.`)}\n`)
  if (!(await ctx.prompter.confirm({message: 'Open a second incident anyway? Every plain command will then need --incident.', default: false}))) throw refusal
}

/** Opens an incident on a playbook (`incident open` and `start`). */
export async function openIncident(ctx: Context, request: OpenRequest): Promise<IncidentSession> {
  // Loaded here, not at the top: the playbook parser brings yaml and zod, which every other incident use case
  // (status, lists, recording) would otherwise load at start-up for nothing.
  const {findPlaybook} = await import('../store/playbooks.js')
  const {playbook, sha256} = findPlaybook(request.playbookId, ctx.workspace.root)
  // --from: continue an incident (a triage) here, with its awareness time, zone and facts; it is closed afterwards.
  const source = request.from ? new IncidentSession(ctx, await ctx.store.load(request.from)) : undefined
  if (source) checkContinuable(source.state)
  await confirmAnother(ctx, playbook.id, request.another)
  const sourceAware = source?.state.facts.aware_at?.value
  const timezone = request.timezone ?? source?.state.timezone ?? (await ctx.workspace.config()).organization.timezone
  requireTimeZone(timezone)
  const now = ctx.now()
  let awareAt: string | undefined
  if (request.awareAt) {
    const reading = readInstant(request.awareAt, timezone)
    if (!reading.ok) throw new UserError(`--aware-at: ${reading.reason}; use ${INSTANT_HELP}`)
    checkNotFuture('aware_at', reading.date.toISOString(), timezone, now, 'no-force')
    awareAt = reading.date.toISOString()
  } else if (typeof sourceAware === 'string') awareAt = sourceAware
  const id = newIncidentId(playbook.id, now)
  const title = request.title?.trim() || `${playbook.title} (${now.toISOString().slice(0, 10)})`
  adviseOnActor(ctx)
  const who = {actor: ctx.actor}
  const carried = source ? [...carriedFacts(source.state, who), continuesNote(source.state, who)] : []
  await ctx.store.create(id, [...openEvents({id, title, timezone, playbook, playbookSha256: sha256, awareAt}, who), ...carried])
  if (source) await source.record(closeEvent(source.state, continuedInReason(id, playbook.id), source.who()))
  return new IncidentSession(ctx, await ctx.store.load(id))
}

/** The incidents to list, and the logs that could not be read (named, never left out silently). */
export async function listIncidents(ctx: Context, options: {openOnly: boolean}): Promise<{incidents: IncidentSummary[]; damaged: DamagedIncident[]}> {
  const {incidents, damaged} = await ctx.store.list()
  return {incidents: incidents.filter((s) => !options.openOnly || !s.closed), damaged}
}

export async function closeIncident(ctx: Context, id: string | undefined, reason?: string): Promise<{session: IncidentSession; openSteps: string[]}> {
  const session = await resolveIncident(ctx, id)
  const openSteps = session.state.steps.filter(isOpen).map((s) => s.step.id)
  await session.record(closeEvent(session.state, reason, session.who()))
  return {session, openSteps}
}

export async function reopenIncident(ctx: Context, id: string, reason?: string): Promise<IncidentSession> {
  const session = new IncidentSession(ctx, await ctx.store.load(id))
  await session.record(reopenEvent(session.state, reason, session.who()))
  return session
}

/** `--at` as typed, checked against the incident's now; undefined when not given. */
export function occurredAt(session: IncidentSession, at: string | undefined): string | undefined {
  return parseAt(at, session.state.timezone, session.now())
}

export {ensureOpen}

/** Refuses a --tz that is not an IANA zone before anything is written (a drill was created, then crashed on it). */
export function requireTimeZone(timezone: string): void {
  if (!isValidTimeZone(timezone)) throw new UserError(`--tz "${timezone}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC`)
}
