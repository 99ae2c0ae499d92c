import * as Flags from '@oclif/core/flags'
import {endDrill} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'

export default class DrillEnd extends BaseCommand {
  static override summary = 'End the drill (the simulated clock stops) and close its incident.'
  static override examples = ['<%= config.bin %> drill end', '<%= config.bin %> drill end && runbook drill report --format html --out after-action.html']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag, as: Flags.string({summary: "The facilitator's name."})}

  async run() {
    const {flags} = await this.parse(DrillEnd)
    const session = await endDrill(this.context(flags), flags.drill)
    this.log(`Drill ${session.id} ended. Write the after-action report: runbook drill report --drill ${session.id} --format html --out after-action.html`)
    return {id: session.id, ended: session.state.exercise?.ended}
  }
}
