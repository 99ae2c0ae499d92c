import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {advanceDrill} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag, facilitatorFlag} from '../../cli/flags.js'
import {controlLines} from '../../ui/drill-view.js'

export default class DrillAdvance extends BaseCommand {
  static override summary = "Move the drill's simulated clock forward, and deliver the injects whose time has come."
  static override examples = [
    '<%= config.bin %> drill advance 2h',
    '<%= config.bin %> drill advance 1d6h --drill drill-20261129-ransomware-double-extortion-1a2b',
    '<%= config.bin %> drill advance 30m --facilitator',
  ]
  static override enableJsonFlag = true
  static override args = {by: Args.string({description: 'how far: 30m, 2h, 1d6h', required: true})}
  static override flags = {drill: drillFlag, facilitator: facilitatorFlag, as: Flags.string({summary: "The facilitator's name."})}

  async run() {
    const {args, flags} = await this.parse(DrillAdvance)
    const audience = flags.facilitator ? 'facilitator' : 'player'
    const result = await advanceDrill(this.context(flags), flags.drill, args.by, {audience})
    for (const line of controlLines(result, this.style, flags.facilitator)) this.log(line)
    return {...result, simulatedNow: result.clock.simulatedNow}
  }
}
