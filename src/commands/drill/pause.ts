import * as Flags from '@oclif/core/flags'
import {pauseDrill} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag, facilitatorFlag} from '../../cli/flags.js'
import {controlLines} from '../../ui/drill-view.js'

export default class DrillPause extends BaseCommand {
  static override summary = "Pause the drill's simulated clock (a break, a discussion): it stands still, whatever --speed, until `runbook drill resume`."
  static override examples = ['<%= config.bin %> drill pause', '<%= config.bin %> drill pause --drill drill-20261129-ransomware-double-extortion-1a2b']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag, facilitator: facilitatorFlag, as: Flags.string({summary: "The facilitator's name."})}

  async run() {
    const {flags} = await this.parse(DrillPause)
    const result = await pauseDrill(this.context(flags), flags.drill, {audience: flags.facilitator ? 'facilitator' : 'player'})
    this.log(
      this.style.yellow(
        'Paused: the simulated clock stands still until `runbook drill resume`. Injects can still be fired (`runbook drill inject --fire ID`).',
      ),
    )
    for (const line of controlLines(result, this.style, flags.facilitator)) this.log(line)
    return result
  }
}
