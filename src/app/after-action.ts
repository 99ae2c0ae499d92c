import {afterActionReport} from '../core/report/after-action.js'
import {incidentNow} from '../core/incident/now.js'
import type {LoadedIncident} from '../store/incidents.js'
import {templateSearchPaths} from '../store/templates.js'
import {writeFileAtomic} from '../store/files.js'
import type {Workspace} from '../store/workspace.js'
import {renderAfterAction} from '../render/report.js'
import {computeDeadlines} from './deadlines.js'

/** Builds the after-action report for an incident or a drill, and writes or returns it. */
export async function writeAfterAction(workspace: Workspace, incident: LoadedIncident, options: {format: 'md' | 'html'; out?: string; actor: string}) {
  const now = incidentNow(incident.state, Date.now())
  const {obligations} = await computeDeadlines(workspace, incident.state, now, options.actor)
  const report = afterActionReport(incident.state, incident.events, obligations, now)
  const config = await workspace.config()
  const output = renderAfterAction(report, {searchPaths: templateSearchPaths(workspace.root), zone: incident.state.timezone, format: options.format, orgName: config.organization.name})
  if (options.out) writeFileAtomic(options.out, output)
  return {report, output}
}
