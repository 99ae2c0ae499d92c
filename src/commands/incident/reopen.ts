import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {reopenIncident} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {expectSeqFlag} from '../../cli/flags.js'

export default class IncidentReopen extends BaseCommand {
  static override summary = 'Reopen a closed incident so more can be recorded.'
  static override examples = ['<%= config.bin %> incident reopen 20261129-ransomware-7f3a --reason "new evidence"']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id', required: true})}
  static override flags = {reason: Flags.string({summary: 'Why it is reopened.'}), as: Flags.string({summary: 'Who reopens it.'}), 'expect-seq': expectSeqFlag}

  async run() {
    const {args, flags} = await this.parse(IncidentReopen)
    await reopenIncident(this.context(flags), args.id, flags.reason)
    this.log(`Reopened ${args.id}.`)
    return {id: args.id, closed: false}
  }
}
