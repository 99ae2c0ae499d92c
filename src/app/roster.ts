import {UserError} from '../core/errors.js'
import type {StoredEvent} from '../core/incident/events.js'
import {assignEvent, callList, parseRole, releaseEvent, rolePeople, type RolePeople} from '../core/incident/roles.js'
import type {Context} from './context.js'
import {listSummaries, occurredAt, resolveIncident} from './incidents.js'

export interface AssignRequest {
  role: string
  name: string
  email?: string
  phone?: string
  incident?: string
  at?: string
}

/** Checks contact details typed on the command line with the roster's own rules (one schema, one message). */
async function checkContact(input: {name: string; email?: string; phone?: string}): Promise<void> {
  if (!input.email && !input.phone) return
  const {personSchema} = await import('../core/workspace/config.js')
  const result = personSchema.safeParse({name: input.name, ...(input.email ? {email: input.email} : {}), ...(input.phone ? {phone: input.phone} : {})})
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new UserError(`--${String(issue.path[0] ?? 'name')}: ${issue.message}`)
  }
}

/** `runbook assign ROLE NAME`: who holds a role in this incident from now on (a later assignment hands it over). */
export async function assignRole(ctx: Context, input: AssignRequest): Promise<{event: StoredEvent; people: RolePeople; previous: string | null}> {
  const role = parseRole(input.role)
  await checkContact(input)
  const session = await resolveIncident(ctx, input.incident)
  const draft = assignEvent(session.state, role, input, session.who(occurredAt(session, input.at)))
  const [event] = await session.record(draft)
  const {roster} = await ctx.workspace.config()
  const people = rolePeople(role, roster, session.state.roles)
  if (!people.holder?.inRoster && !people.holder?.phone && !people.holder?.email) {
    ctx.notice(
      ctx.io.errStyle.yellow(
        `${input.name.trim()} is not on the roster in runbook.yaml: add --phone or --email so others can reach them, or add them to the roster.`,
      ),
    )
  }
  const previous = draft.type === 'role.assigned' ? (draft.payload.previous ?? null) : null
  return {event: event!, people, previous}
}

/** `runbook unassign ROLE`: nobody holds the role in this incident from now on. */
export async function releaseRole(
  ctx: Context,
  input: {role: string; reason?: string; incident?: string; at?: string},
): Promise<{event: StoredEvent; people: RolePeople; previous: string}> {
  const role = parseRole(input.role)
  const session = await resolveIncident(ctx, input.incident)
  const draft = releaseEvent(session.state, role, input.reason, session.who(occurredAt(session, input.at)))
  const [event] = await session.record(draft)
  const {roster} = await ctx.workspace.config()
  return {event: event!, people: rolePeople(role, roster, session.state.roles), previous: draft.type === 'role.released' ? draft.payload.previous : ''}
}

/** `runbook roster`: the call list, with who holds each role in the incident named (or the single open one). */
export async function rosterFor(
  ctx: Context,
  incident?: string,
): Promise<{list: RolePeople[]; incident: {id: string; timezone: string; title: string} | null}> {
  const {roster} = await ctx.workspace.config()
  let id = incident
  if (!id) {
    const open = (await listSummaries(ctx, {drills: true})).filter((s) => !s.closed)
    if (open.length === 1) id = open[0]!.id
    else if (open.length > 1) ctx.notice(`${open.length} incidents are open; name one with --incident ID to see who holds each role in it.`)
  }
  if (!id) return {list: callList(roster), incident: null}
  const {state} = await resolveIncident(ctx, id)
  return {list: callList(roster, state), incident: {id: state.id, timezone: state.timezone, title: state.title}}
}
