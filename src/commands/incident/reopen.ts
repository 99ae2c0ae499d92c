import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {reopenIncident} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {expectSeqFlag, incidentArgFlag, incidentRequired} from '../../cli/flags.js'

export default class IncidentReopen extends BaseCommand {
  static override summary = 'Reopen a closed incident so more can be recorded.'
  static override examples = ['<%= config.bin %> incident reopen 20261129-ransomware-7f3a --reason "new evidence"']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id'})}
  static override flags = {
    incident: incidentArgFlag,
    reason: Flags.string({summary: 'Why it is reopened.'}),
    as: Flags.string({summary: 'Who reopens it.'}),
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(IncidentReopen)
    const id = incidentRequired(args.id, flags.incident, 'incident reopen')
    await reopenIncident(this.context(flags), id, flags.reason)
    this.log(`Reopened ${id}.`)
    return {id, closed: false}
  }
}
