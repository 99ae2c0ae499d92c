import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {assignRole} from '../app/roster.js'
import {BaseCommand} from '../cli/base-command.js'
import {asFlag, atFlag, incidentFlag, expectSeqFlag} from '../cli/flags.js'
import {contactLine} from '../ui/people-view.js'

export default class Assign extends BaseCommand {
  static override summary = 'Record who holds a role in this incident; assigning it again hands it over.'
  static override description = `Roles: incident-commander (ic), security-lead, legal, privacy (dpo), communications (comms), it-ops, executive.
The roster in runbook.yaml says whom to call; this records who actually holds the role now, with their phone and email from the roster (or --phone, --email). A later assignment of the same role replaces it, and the timeline shows the handover. The last change of incident commander is where \`runbook brief\` starts.`
  static override examples = [
    '<%= config.bin %> assign incident-commander "Anna Weber"',
    '<%= config.bin %> assign ic "Ben Ode" --at "2026-03-29 03:10"',
    '<%= config.bin %> assign legal "Dr. Lee Park" --phone "+1 617 555 0199" --email lee@counsel.example',
  ]
  static override enableJsonFlag = true
  static override args = {
    role: Args.string({description: 'the role, e.g. incident-commander (ic), legal, privacy (dpo), communications (comms)', required: true}),
    name: Args.string({description: 'who holds it from now on', required: true}),
  }
  static override flags = {
    incident: incidentFlag,
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
    phone: Flags.string({summary: 'Their phone, when the roster does not have it.'}),
    email: Flags.string({summary: 'Their email, when the roster does not have it.'}),
  }

  async run() {
    const {args, flags} = await this.parse(Assign)
    const {event, people, previous} = await assignRole(this.context(flags), {role: args.role, name: args.name, ...flags})
    const who = people.holder ? contactLine(people.holder) : args.name
    this.log(`Recorded (#${event.seq}): ${who} holds ${people.title}${previous ? ` (handed over from ${previous})` : ''}.`)
    return {seq: event.seq, role: people.role, holder: people.holder, previous, primary: people.primary, backup: people.backup}
  }
}
