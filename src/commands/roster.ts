import {rosterFor} from '../app/roster.js'
import {BaseCommand} from '../cli/base-command.js'
import {incidentFlag} from '../cli/flags.js'
import {rosterLines} from '../ui/people-view.js'

export default class Roster extends BaseCommand {
  static override summary = 'The call list: each role, its primary and backup, and who holds it in the current incident.'
  static override description =
    'The roster comes from runbook.yaml (roster: a primary and a backup per role, with name, phone and email); who holds a role comes from `runbook assign` in the incident named, or the single open one.'
  static override examples = ['<%= config.bin %> roster', '<%= config.bin %> roster --incident 20261129-ransomware-7f3a --json']
  static override enableJsonFlag = true
  static override flags = {incident: incidentFlag}

  async run() {
    const {flags} = await this.parse(Roster)
    const {list, incident} = await rosterFor(this.context(flags), flags.incident)
    for (const line of rosterLines(list, incident, this.style)) this.log(line)
    return {incident: incident?.id ?? null, roles: list}
  }
}
