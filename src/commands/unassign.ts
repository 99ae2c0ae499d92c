import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {releaseRole} from '../app/roster.js'
import {BaseCommand} from '../cli/base-command.js'
import {asFlag, atFlag, expectSeqFlag, incidentFlag} from '../cli/flags.js'
import {contactLine} from '../ui/people-view.js'

export default class Unassign extends BaseCommand {
  static override summary = 'Record that nobody holds a role in this incident from now on.'
  static override description = `For someone who leaves the incident with nobody to take over yet; to hand a role to someone, use \`runbook assign\`. The roster's primary and backup are shown as the people to call.`
  static override examples = ['<%= config.bin %> unassign legal --reason "Dr. Park is off shift until 08:00"', '<%= config.bin %> unassign ic --incident ID']
  static override enableJsonFlag = true
  static override args = {
    role: Args.string({description: 'the role, e.g. incident-commander (ic), legal, privacy (dpo), communications (comms)', required: true}),
  }
  static override flags = {
    reason: Flags.string({summary: 'Why, for the timeline.'}),
    incident: incidentFlag,
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(Unassign)
    const {event, people, previous} = await releaseRole(this.context(flags), {role: args.role, ...flags})
    const call = [people.primary, people.backup].filter((p) => p !== null).map(contactLine)
    this.log(`Recorded (#${event.seq}): nobody holds ${people.title} now (was ${previous}).`)
    this.log(
      call.length ? `To call for it: ${call.join('; ')}.` : `Nobody is on the roster for it: runbook assign ${people.role} "Name" when someone takes it.`,
    )
    return {seq: event.seq, role: people.role, previous, primary: people.primary, backup: people.backup}
  }
}
