import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {openOnPlaybook} from '../app/incidents.js'
import {requireTerminal, runWalk} from '../app/walk.js'
import {availablePlaybooks} from '../store/playbooks.js'

export default class Start extends BaseCommand {
  static override summary = 'Open an incident on a playbook and walk it at once (incident open + incident run).'
  static override description = 'Without PLAYBOOK, choose one from a list. Needs a terminal; in scripts use `runbook incident open` and `runbook step`.'
  static override examples = [
    '<%= config.bin %> start ransomware',
    '<%= config.bin %> start lost-device --title "Laptop stolen in Lyon" --aware-at "2026-03-28 09:15" --tz Europe/Paris',
  ]
  static override args = {playbook: Args.string({description: 'playbook id (see `runbook playbook list`)'})}
  static override flags = {
    title: Flags.string({char: 't', summary: 'A short title for the incident.'}),
    'aware-at': Flags.string({summary: 'When the organisation became aware (default: asked in the walk).'}),
    tz: Flags.string({summary: 'Time zone the incident is shown in (default: the workspace\'s).'}),
    as: Flags.string({summary: 'Who is walking (default: RUNBOOK_ACTOR or your OS user name).'}),
  }

  async run() {
    const {args, flags} = await this.parse(Start)
    requireTerminal('`runbook start`')
    const workspace = this.workspace(flags.workspace)
    let playbookId = args.playbook
    if (!playbookId) {
      const {select} = await import('@inquirer/prompts')
      const playbooks = [...availablePlaybooks(workspace.root).values()].sort((a, b) => a.playbook.title.localeCompare(b.playbook.title))
      playbookId = await select({message: 'Which playbook?', choices: playbooks.map(({playbook}) => ({name: playbook.title, value: playbook.id, description: playbook.description.trim().split('\n')[0]}))})
    }
    const actor = this.actor(flags.as)
    const incident = await openOnPlaybook(workspace, {playbookId, title: flags.title, awareAt: flags['aware-at'], timezone: flags.tz, actor, now: new Date()})
    this.log(this.style.bold(`Opened incident ${incident.state.id}: ${incident.state.title}`))
    this.log(this.style.dim(`Log: ${incident.log.path}. Other responders can record with --incident ${incident.state.id}.`))
    await runWalk(incident, {actor, style: this.style, print: (line) => this.log(line)})
  }
}
