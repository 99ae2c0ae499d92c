import {randomBytes} from 'node:crypto'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {UserError} from '../core/errors.js'
import type {EventDraft, StoredEvent} from '../core/incident/events.js'
import {fold, type IncidentState} from '../core/incident/state.js'
import {EventLog} from './event-log.js'
import {ensurePrivateDir} from './files.js'
import {incidentsDir, type Workspace} from './workspace.js'

export const LOG_FILE = 'events.jsonl'

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,80}$/

/** A readable, sortable, collision-resistant id: 20261129-ransomware-7f3a. */
export function newIncidentId(playbookId: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '')
  return `${day}-${playbookId}-${randomBytes(2).toString('hex')}`
}

/** Drills live apart from real incidents, under drills/; their ids start with "drill-". */
export const DRILL_PREFIX = 'drill-'

function dirFor(workspace: Workspace, id: string): string {
  return id.startsWith(DRILL_PREFIX) ? join(workspace.root, 'drills') : incidentsDir(workspace)
}

export function incidentDir(workspace: Workspace, id: string): string {
  return join(dirFor(workspace, id), id)
}

export function incidentLog(workspace: Workspace, id: string): EventLog {
  return new EventLog(join(incidentDir(workspace, id), LOG_FILE))
}

/** Every incident id, real ones first; with drills: true, the drills too. */
export function incidentIds(workspace: Workspace, options: {drills?: boolean} = {}): string[] {
  const dirs = [incidentsDir(workspace), ...(options.drills ? [join(workspace.root, 'drills')] : [])]
  return dirs.flatMap((dir) => {
    if (!existsSync(dir)) return []
    return readdirSync(dir, {withFileTypes: true})
      .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, LOG_FILE)))
      .map((e) => e.name)
      .sort()
  })
}

export async function createIncident(workspace: Workspace, id: string, opened: EventDraft, more: EventDraft[] = []): Promise<StoredEvent[]> {
  if (!ID_PATTERN.test(id)) throw new UserError(`"${id}" is not a valid incident id (lower-case letters, digits and hyphens)`)
  const dir = incidentDir(workspace, id)
  if (existsSync(join(dir, LOG_FILE))) throw new UserError(`incident ${id} already exists`)
  ensurePrivateDir(dirFor(workspace, id))
  ensurePrivateDir(dir)
  const log = new EventLog(join(dir, LOG_FILE))
  const first = await log.create(opened)
  const rest = more.length > 0 ? await log.append(more) : []
  return [first, ...rest]
}

export interface LoadedIncident {
  log: EventLog
  events: StoredEvent[]
  state: IncidentState
}

export function loadIncident(workspace: Workspace, id: string): LoadedIncident {
  const log = incidentLog(workspace, id)
  if (!log.exists()) {
    const known = incidentIds(workspace, {drills: true})
    throw new UserError(`unknown incident "${id}"${known.length ? `. Known: ${known.join(', ')}` : ': this workspace has no incidents yet'}`, {
      hint: known.length ? 'Run `runbook incident list` to see them.' : 'Open one with `runbook start PLAYBOOK` or `runbook incident open --playbook ID`.',
    })
  }
  const events = log.readAll()
  return {log, events, state: fold(events)}
}

export function listIncidents(workspace: Workspace, options: {drills?: boolean} = {}): IncidentState[] {
  return incidentIds(workspace, options).map((id) => loadIncident(workspace, id).state)
}

/** The incident a command acts on: the one named, else the single open one. */
export function resolveIncident(workspace: Workspace, id?: string): LoadedIncident {
  if (id) return loadIncident(workspace, id)
  // Running drills count too: a facilitator's `runbook step done` acts on the drill when it is the only one open.
  const open = listIncidents(workspace, {drills: true}).filter((s) => !s.closed)
  if (open.length === 1) return loadIncident(workspace, open[0]!.id)
  if (open.length === 0) {
    throw new UserError('there is no open incident in this workspace', {hint: 'Open one with `runbook start PLAYBOOK`, or name a closed one by its id (see `runbook incident list`).'})
  }
  throw new UserError(`${open.length} incidents are open; say which one with --incident ID:\n${open.map((s) => `  ${s.id}  ${s.drill ? '[EXERCISE] ' : ''}${s.title}`).join('\n')}`)
}
