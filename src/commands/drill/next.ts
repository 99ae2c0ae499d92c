import * as Flags from '@oclif/core/flags'
import {nextInject} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag, facilitatorFlag} from '../../cli/flags.js'
import {controlLines} from '../../ui/drill-view.js'

export default class DrillNext extends BaseCommand {
  static override summary = 'Move the simulated clock to the next inject due, and deliver it: never past it.'
  static override examples = ['<%= config.bin %> drill next', '<%= config.bin %> drill next --facilitator']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag, facilitator: facilitatorFlag, as: Flags.string({summary: "The facilitator's name."})}

  async run() {
    const {flags} = await this.parse(DrillNext)
    const result = await nextInject(this.context(flags), flags.drill, {audience: flags.facilitator ? 'facilitator' : 'player'})
    for (const line of controlLines(result, this.style, flags.facilitator)) this.log(line)
    return result
  }
}
