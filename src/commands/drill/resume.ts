import * as Flags from '@oclif/core/flags'
import {resumeDrill} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag, facilitatorFlag} from '../../cli/flags.js'
import {controlLines} from '../../ui/drill-view.js'

export default class DrillResume extends BaseCommand {
  static override summary = "Resume the drill's simulated clock where it stopped; the pause is not counted."
  static override examples = ['<%= config.bin %> drill resume', '<%= config.bin %> drill resume --drill drill-20261129-ransomware-double-extortion-1a2b']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag, facilitator: facilitatorFlag, as: Flags.string({summary: "The facilitator's name."})}

  async run() {
    const {flags} = await this.parse(DrillResume)
    const result = await resumeDrill(this.context(flags), flags.drill, {audience: flags.facilitator ? 'facilitator' : 'player'})
    this.log(this.style.green('Running again; the pause is not counted.'))
    for (const line of controlLines(result, this.style, flags.facilitator)) this.log(line)
    return result
  }
}
