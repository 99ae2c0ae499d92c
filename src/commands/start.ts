import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {startIncident} from '../app/walk.js'
import {BaseCommand} from '../cli/base-command.js'

export default class Start extends BaseCommand {
  static override summary = 'Open an incident on a playbook and walk it at once (incident open + incident run).'
  static override description =
    'Without PLAYBOOK, choose one from a list. With an incident already open on the playbook, you choose to walk it or open another (--new). Needs a terminal; in scripts use `runbook incident open` and `runbook step`.'
  static override examples = [
    '<%= config.bin %> start ransomware',
    '<%= config.bin %> start lost-device --title "Laptop stolen in Lyon" --aware-at "2026-03-28 09:15" --tz Europe/Paris',
  ]
  static override args = {playbook: Args.string({description: 'playbook id (see `runbook playbook list`)'})}
  static override flags = {
    title: Flags.string({char: 't', summary: 'A short title for the incident.'}),
    'aware-at': Flags.string({summary: 'When the organisation became aware (default: asked in the walk).'}),
    tz: Flags.string({summary: "Time zone the incident is shown in (default: the workspace's)."}),
    as: Flags.string({summary: 'Who is walking (default: RUNBOOK_ACTOR or your OS user name).'}),
    new: Flags.boolean({summary: 'Open a new incident even if one on this playbook is open (otherwise you are asked).'}),
  }

  async run() {
    const {args, flags} = await this.parse(Start)
    await startIncident(this.context(flags), {
      playbookId: args.playbook,
      title: flags.title,
      awareAt: flags['aware-at'],
      timezone: flags.tz,
      another: flags.new,
    })
  }
}
