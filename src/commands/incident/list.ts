import * as Flags from '@oclif/core/flags'
import {listIncidents} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {OperationalError} from '../../core/errors.js'
import {incidentLines} from '../../ui/record-view.js'

export default class IncidentList extends BaseCommand {
  static override summary = 'List the incidents in the workspace.'
  static override examples = ['<%= config.bin %> incident list', '<%= config.bin %> incident list --open --json']
  static override enableJsonFlag = true
  static override flags = {open: Flags.boolean({summary: 'Only incidents that are still open.'})}

  async run() {
    const {flags} = await this.parse(IncidentList)
    const {incidents, damaged} = await listIncidents(this.context(flags), {openOnly: flags.open ?? false})
    if (incidents.length > 0 || damaged.length === 0) for (const line of incidentLines(incidents, this.style)) this.log(line)
    const rows = incidents.map((s) => ({
      id: s.id,
      title: s.title,
      playbook: s.playbook,
      status: s.closed ? 'closed' : 'open',
      openedAt: s.openedAt,
      openSteps: s.openSteps,
      drill: s.drill,
    }))
    // A log that cannot be read was left out with "No incidents yet" and exit 0: named, and the exit says so.
    if (damaged.length > 0) {
      throw new OperationalError(`${damaged.length} incident log(s) could not be read: ${damaged.map((d) => `${d.id} (${d.problem})`).join('; ')}`, {
        hint: `See the first bad line with: runbook verify ${damaged[0]!.id}. Nothing was changed.`,
        result: [...rows, ...damaged.map((d) => ({id: d.id, status: 'damaged', where: d.where, problem: d.problem}))],
      })
    }
    return rows
  }
}
