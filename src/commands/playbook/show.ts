import * as Args from '@oclif/core/args'
import {showPlaybook} from '../../app/content.js'
import {BaseCommand} from '../../cli/base-command.js'
import {playbookLines} from '../../ui/playbook-view.js'

export default class PlaybookShow extends BaseCommand {
  static override summary = 'Show a playbook: its phases, steps, owners, targets and questions.'
  static override examples = ['<%= config.bin %> playbook show ransomware', '<%= config.bin %> playbook show lost-device --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'playbook id (see `runbook playbook list`)', required: true})}

  async run() {
    const {args, flags} = await this.parse(PlaybookShow)
    const {playbook, file, origin} = showPlaybook(this.context(flags), args.id)
    for (const line of playbookLines(playbook, origin, this.style)) this.log(line)
    return {...playbook, file, origin}
  }
}
