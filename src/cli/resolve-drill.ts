import {UserError} from '../core/errors.js'
import {listIncidents, loadIncident, type LoadedIncident} from '../store/incidents.js'
import type {Workspace} from '../store/workspace.js'

/** The drill a facilitator command acts on: the one named, else the single running one. */
export function resolveDrill(workspace: Workspace, id?: string): LoadedIncident {
  if (id) {
    const incident = loadIncident(workspace, id)
    if (!incident.state.exercise) throw new UserError(`${id} is a real incident, not a drill`)
    return incident
  }
  const running = listIncidents(workspace, {drills: true}).filter((s) => s.exercise && !s.exercise.ended)
  if (running.length === 1) return loadIncident(workspace, running[0]!.id)
  if (running.length === 0) throw new UserError('no drill is running', {hint: 'Start one with `runbook drill start --scenario ID` (see `runbook drill list`).'})
  throw new UserError(`${running.length} drills are running; say which with --drill ID:\n${running.map((s) => `  ${s.id}`).join('\n')}`)
}
