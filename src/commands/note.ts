import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {atFlag, asFlag, incidentFlag} from '../cli/flags.js'
import {Recorder} from '../app/session.js'
import {noteEvent, parseAt} from '../core/incident/actions.js'
import {resolveIncident} from '../store/incidents.js'
import {incidentNow} from '../core/incident/now.js'

export default class Note extends BaseCommand {
  static override summary = 'Add a note to the incident timeline.'
  static override examples = [
    '<%= config.bin %> note "Called the insurer; claim 4471 opened"',
    '<%= config.bin %> note "Backups from Tuesday are clean" --step restore-backups --as bob',
  ]
  static override enableJsonFlag = true
  static override args = {text: Args.string({description: 'the note', required: true})}
  static override flags = {incident: incidentFlag, step: Flags.string({summary: 'Attach the note to a step.'}), at: atFlag, as: asFlag}

  async run() {
    const {args, flags} = await this.parse(Note)
    const recorder = new Recorder(resolveIncident(this.workspace(flags.workspace), flags.incident))
    const occurredAt = parseAt(flags.at, recorder.state.timezone, incidentNow(recorder.state, Date.now()))
    const [event] = await recorder.record(noteEvent(recorder.state, args.text, flags.step, {actor: this.actor(flags.as), occurredAt}))
    this.log(`Noted (#${event!.seq}).`)
    return event
  }
}
