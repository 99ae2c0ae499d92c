import {openIncident} from '../core/incident/actions.js'
import {UserError} from '../core/errors.js'
import {parseInstant, INSTANT_HELP, isValidTimeZone} from '../core/time/instant.js'
import {createIncident, loadIncident, newIncidentId, type LoadedIncident} from '../store/incidents.js'
import {findPlaybook} from '../store/playbooks.js'
import type {Workspace} from '../store/workspace.js'

export interface OpenRequest {
  playbookId: string
  title?: string
  awareAt?: string
  timezone?: string
  actor: string
  now: Date
}

/** Opens an incident on a playbook (shared by `incident open` and `start`). */
export async function openOnPlaybook(workspace: Workspace, request: OpenRequest): Promise<LoadedIncident> {
  const {playbook, sha256} = findPlaybook(request.playbookId, workspace.root)
  const timezone = request.timezone ?? (await workspace.config()).organization.timezone
  if (!isValidTimeZone(timezone)) throw new UserError(`--tz "${timezone}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC`)
  let awareAt: string | undefined
  if (request.awareAt) {
    const parsed = parseInstant(request.awareAt, timezone)
    if (!parsed) throw new UserError(`--aware-at "${request.awareAt}" is not a time; use ${INSTANT_HELP}`)
    if (parsed.getTime() > request.now.getTime() + 5 * 60_000) throw new UserError(`--aware-at ${parsed.toISOString()} is in the future`)
    awareAt = parsed.toISOString()
  }
  const id = newIncidentId(playbook.id, request.now)
  const title = request.title?.trim() || `${playbook.title} (${request.now.toISOString().slice(0, 10)})`
  await createIncident(workspace, id, ...splitFirst(openIncident({id, title, timezone, playbook, playbookSha256: sha256, awareAt}, {actor: request.actor})))
  return loadIncident(workspace, id)
}

function splitFirst<T>(items: T[]): [T, T[]] {
  return [items[0]!, items.slice(1)]
}
