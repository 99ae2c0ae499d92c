import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {addNote} from '../app/record.js'
import {BaseCommand} from '../cli/base-command.js'
import {atFlag, asFlag, expectSeqFlag, incidentFlag} from '../cli/flags.js'

export default class Note extends BaseCommand {
  static override summary = 'Add a note to the incident timeline.'
  static override description = `Long or pasted text (a chat transcript, command output) is best given as a file (--file PATH) or on standard input (-): it is read whole and recorded as it is, up to 1 MB.`
  static override examples = [
    '<%= config.bin %> note "Called the insurer; claim 4471 opened"',
    '<%= config.bin %> note "Backups from Tuesday are clean" --step restore-from-backups --as bob',
    '<%= config.bin %> note --file bridge-transcript.txt',
    'pbpaste | <%= config.bin %> note -',
  ]
  static override enableJsonFlag = true
  static override args = {text: Args.string({description: 'the note; - reads it from standard input'})}
  static override flags = {
    incident: incidentFlag,
    file: Flags.string({char: 'f', summary: 'Read the note from this file (UTF-8 text, up to 1 MB).'}),
    step: Flags.string({summary: 'Attach the note to a step.'}),
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(Note)
    const event = await addNote(this.context(flags), {incident: flags.incident, at: flags.at, text: args.text, file: flags.file, step: flags.step})
    this.log(`Noted (#${event.seq}).`)
    return event
  }
}
