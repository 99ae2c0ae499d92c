import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {Recorder} from '../../app/session.js'
import {reopenEvent} from '../../core/incident/actions.js'
import {loadIncident} from '../../store/incidents.js'

export default class IncidentReopen extends BaseCommand {
  static override summary = 'Reopen a closed incident so more can be recorded.'
  static override examples = ['<%= config.bin %> incident reopen 20261129-ransomware-7f3a --reason "new evidence"']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id', required: true})}
  static override flags = {reason: Flags.string({summary: 'Why it is reopened.'}), as: Flags.string({summary: 'Who reopens it.'})}

  async run() {
    const {args, flags} = await this.parse(IncidentReopen)
    const recorder = new Recorder(loadIncident(this.workspace(flags.workspace), args.id))
    await recorder.record(reopenEvent(recorder.state, flags.reason, {actor: this.actor(flags.as)}))
    this.log(`Reopened ${args.id}.`)
    return {id: args.id, closed: false}
  }
}
