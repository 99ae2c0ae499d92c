import * as Flags from '@oclif/core/flags'
import {listIncidents} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentLines} from '../../ui/record-view.js'

export default class IncidentList extends BaseCommand {
  static override summary = 'List the incidents in the workspace.'
  static override examples = ['<%= config.bin %> incident list', '<%= config.bin %> incident list --open --json']
  static override enableJsonFlag = true
  static override flags = {open: Flags.boolean({summary: 'Only incidents that are still open.'})}

  async run() {
    const {flags} = await this.parse(IncidentList)
    const incidents = await listIncidents(this.context(flags), {openOnly: flags.open ?? false})
    for (const line of incidentLines(incidents, this.style)) this.log(line)
    return incidents.map((s) => ({
      id: s.id,
      title: s.title,
      playbook: s.playbook,
      status: s.closed ? 'closed' : 'open',
      openedAt: s.openedAt,
      openSteps: s.openSteps,
      drill: s.drill,
    }))
  }
}
