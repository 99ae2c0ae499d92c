import * as Flags from '@oclif/core/flags'
import {listIncidents} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {formatInZone} from '../../core/time/instant.js'

export default class IncidentList extends BaseCommand {
  static override summary = 'List the incidents in the workspace.'
  static override examples = ['<%= config.bin %> incident list', '<%= config.bin %> incident list --open --json']
  static override enableJsonFlag = true
  static override flags = {open: Flags.boolean({summary: 'Only incidents that are still open.'})}

  async run() {
    const {flags} = await this.parse(IncidentList)
    const incidents = await listIncidents(this.context(flags), {openOnly: flags.open ?? false})
    if (incidents.length === 0) this.log('No incidents yet. Start one with: runbook start ransomware')
    for (const s of incidents) {
      const status = s.closed ? this.style.dim('closed') : this.style.green('open  ')
      this.log(`${s.id}  ${status}  ${formatInZone(s.openedAt, s.timezone, 'yyyy-MM-dd HH:mm')}  ${s.title} ${this.style.dim(`(${s.openSteps} steps open)`)}`)
    }
    return incidents.map((s) => ({id: s.id, title: s.title, playbook: s.playbook, status: s.closed ? 'closed' : 'open', openedAt: s.openedAt, openSteps: s.openSteps, drill: s.drill}))
  }
}
