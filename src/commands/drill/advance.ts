import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {advanceDrill} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'
import {inZone} from '../../ui/record-view.js'
import {injectLines} from '../../ui/drill-view.js'

export default class DrillAdvance extends BaseCommand {
  static override summary = "Move the drill's simulated clock forward, and deliver the injects whose time has come."
  static override examples = [
    '<%= config.bin %> drill advance 2h',
    '<%= config.bin %> drill advance 1d6h --drill drill-20261129-ransomware-double-extortion-1a2b',
  ]
  static override enableJsonFlag = true
  static override args = {by: Args.string({description: 'how far: 30m, 2h, 1d6h', required: true})}
  static override flags = {drill: drillFlag, as: Flags.string({summary: "The facilitator's name."})}

  async run() {
    const {args, flags} = await this.parse(DrillAdvance)
    const {session, simulatedNow, delivered} = await advanceDrill(this.context(flags), {drill: flags.drill, by: args.by})
    this.log(`Simulated time is now ${inZone(simulatedNow, session.state.timezone)}.`)
    for (const inject of delivered) for (const line of injectLines(inject, session.state, this.style)) this.log(line)
    return {simulatedNow: simulatedNow.toISOString(), delivered: delivered.map((i) => i.id)}
  }
}
