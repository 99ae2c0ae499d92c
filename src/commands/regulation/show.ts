import * as Args from '@oclif/core/args'
import {showRegulation} from '../../app/content.js'
import {BaseCommand} from '../../cli/base-command.js'
import {regulationLines} from '../../ui/regulation-view.js'

export default class RegulationShow extends BaseCommand {
  static override summary = "One regime's rules in plain words: who is told, when it applies, the deadline, what a notice must contain, sources."
  static override examples = ['<%= config.bin %> regulation show us-ma', '<%= config.bin %> regulation show gdpr --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'regulation id (see `runbook regulation list`)', required: true})}

  async run() {
    const {args, flags} = await this.parse(RegulationShow)
    const {regulation, file, origin} = await showRegulation(this.context(flags), args.id)
    for (const line of regulationLines(regulation, origin, this.style)) this.log(line)
    return {...regulation, file, origin}
  }
}
