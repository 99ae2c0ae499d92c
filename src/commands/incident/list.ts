import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {isOpen} from '../../core/incident/state.js'
import {formatInZone} from '../../core/time/instant.js'
import {listIncidents} from '../../store/incidents.js'

export default class IncidentList extends BaseCommand {
  static override summary = 'List the incidents in the workspace.'
  static override examples = ['<%= config.bin %> incident list', '<%= config.bin %> incident list --open --json']
  static override enableJsonFlag = true
  static override flags = {open: Flags.boolean({summary: 'Only incidents that are still open.'})}

  async run() {
    const {flags} = await this.parse(IncidentList)
    const incidents = listIncidents(this.workspace(flags.workspace)).filter((s) => !flags.open || !s.closed)
    const rows = incidents.map((s) => ({
      id: s.id,
      title: s.title,
      playbook: s.playbook.id,
      status: s.closed ? 'closed' : 'open',
      openedAt: s.openedAt,
      openSteps: s.steps.filter(isOpen).length,
      drill: s.drill,
    }))
    if (rows.length === 0) this.log('No incidents yet. Start one with: runbook start ransomware')
    for (const [i, row] of rows.entries()) {
      const state = incidents[i]!
      const status = row.status === 'open' ? this.style.green('open  ') : this.style.dim('closed')
      this.log(`${row.id}  ${status}  ${formatInZone(row.openedAt, state.timezone, 'yyyy-MM-dd HH:mm')}  ${row.title} ${this.style.dim(`(${row.openSteps} steps open)`)}`)
    }
    return rows
  }
}
