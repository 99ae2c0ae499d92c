import type {Facts} from '../core/conditions/condition.js'
import {neededCalendars} from '../core/deadlines/calendars.js'
import {evaluateObligations, type ObligationResult} from '../core/deadlines/obligations.js'
import type {EventDraft} from '../core/incident/events.js'
import {factValues, type IncidentState} from '../core/incident/state.js'
import type {Regulation} from '../core/regulations/schema.js'
import {loadHolidayLookup} from '../store/holidays.js'
import {availableRegulations, type RegulationFile} from '../store/regulations.js'
import type {Workspace} from '../store/workspace.js'

export interface RuleChange {
  regulation: string
  file: string
  since: string
  was: string
  now: string
}

export interface DeadlineReport {
  obligations: ObligationResult[]
  files: (RegulationFile & {regulation: Regulation})[]
  broken: RegulationFile[]
  /** Regulation files that changed since the incident was last evaluated with them. */
  changed: RuleChange[]
  /** The event to append so the incident records the versions it was evaluated with (none if unchanged). */
  record?: EventDraft
}

/** The facts deadlines are decided on: the workspace's organisation-wide defaults, then the incident's facts. */
export async function deadlineFacts(workspace: Workspace, state: IncidentState): Promise<Facts> {
  const organisation = (await workspace.config()).organization
  return {...(organisation.entity_types ? {entity_types: organisation.entity_types} : {}), ...factValues(state)}
}

export async function computeDeadlines(workspace: Workspace, state: IncidentState, now: Date, actor: string): Promise<DeadlineReport> {
  const {regulations: files, broken} = await availableRegulations(workspace.root)
  const regulations = files.map((f) => f.regulation)
  const facts = await deadlineFacts(workspace, state)
  const isHoliday = await loadHolidayLookup(neededCalendars(regulations, facts))
  const obligations = evaluateObligations({regulations, facts, met: state.met, now, isHoliday})
  const changed: RuleChange[] = []
  const versions: Record<string, {sha256: string; lastReviewed: string; file: string}> = {}
  for (const file of files) {
    const previous = state.regulationVersions[file.regulation.id]
    if (previous?.sha256 === file.sha256) continue
    if (previous) changed.push({regulation: file.regulation.id, file: file.file, since: previous.at, was: previous.sha256, now: file.sha256})
    versions[file.regulation.id] = {sha256: file.sha256, lastReviewed: file.regulation.last_reviewed, file: file.file}
  }
  const record: EventDraft | undefined = Object.keys(versions).length > 0 ? {type: 'regulations.evaluated', actor, payload: {versions}} : undefined
  return {obligations, files, broken, changed, record}
}
