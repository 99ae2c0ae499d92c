import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {addNote} from '../app/record.js'
import {BaseCommand} from '../cli/base-command.js'
import {atFlag, asFlag, incidentFlag, expectSeqFlag} from '../cli/flags.js'

export default class Note extends BaseCommand {
  static override summary = 'Add a note to the incident timeline.'
  static override examples = [
    '<%= config.bin %> note "Called the insurer; claim 4471 opened"',
    '<%= config.bin %> note "Backups from Tuesday are clean" --step restore-from-backups --as bob',
  ]
  static override enableJsonFlag = true
  static override args = {text: Args.string({description: 'the note', required: true})}
  static override flags = {
    incident: incidentFlag,
    step: Flags.string({summary: 'Attach the note to a step.'}),
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(Note)
    const event = await addNote(this.context(flags), {incident: flags.incident, at: flags.at, text: args.text, step: flags.step})
    this.log(`Noted (#${event.seq}).`)
    return event
  }
}
