import {printableLine} from '../../core/printable.js'
import * as Flags from '@oclif/core/flags'
import {openIncident} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class IncidentOpen extends BaseCommand {
  static override summary = 'Open an incident on a playbook and print its id.'
  static override description =
    'With an incident already open on the same playbook, asks at a terminal; without one it exits 2 naming it, unless --new. Drills do not count.'
  static override examples = [
    '<%= config.bin %> incident open --playbook ransomware',
    '<%= config.bin %> incident open --playbook ransomware --from 20261130-triage-7f3a',
    '<%= config.bin %> incident open --playbook lost-device --title "Laptop stolen in Lyon" --aware-at 2026-03-28T09:15+01:00 --tz Europe/Paris',
  ]
  static override enableJsonFlag = true
  static override flags = {
    playbook: Flags.string({char: 'p', summary: 'Playbook id (see `runbook playbook list`).', required: true}),
    title: Flags.string({char: 't', summary: 'A short title for the incident.'}),
    'aware-at': Flags.string({summary: 'When the organisation became aware (sets the aware_at fact; starts the regulatory clocks).'}),
    tz: Flags.string({summary: "Time zone the incident is shown in (default: the workspace's)."}),
    as: Flags.string({summary: 'Who opens it (default: RUNBOOK_ACTOR or your OS user name).'}),
    new: Flags.boolean({summary: 'Open it even if an incident on this playbook is already open (without a terminal, refused otherwise).'}),
    from: Flags.string({summary: 'Continue this incident (e.g. a triage) here: its awareness time, zone and facts carry over, and it is closed.'}),
  }

  async run() {
    const {flags} = await this.parse(IncidentOpen)
    const {state} = await openIncident(this.context(flags), {
      playbookId: flags.playbook,
      title: flags.title,
      awareAt: flags['aware-at'],
      timezone: flags.tz,
      another: flags.new,
      from: flags.from,
    })
    this.log(state.id)
    this.logToStderr(
      this.errStyle.dim(`Opened "${printableLine(state.title)}" on playbook ${state.playbook.id}. Walk it with: runbook incident run ${state.id}`),
    )
    return {id: state.id, title: state.title, playbook: state.playbook.id, timezone: state.timezone, openedAt: state.openedAt}
  }
}
