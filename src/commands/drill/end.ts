import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/drill-flags.js'
import {Recorder} from '../../app/session.js'
import {resolveDrill} from '../../cli/resolve-drill.js'

export default class DrillEnd extends BaseCommand {
  static override summary = 'End the drill (the simulated clock stops) and close its incident.'
  static override examples = ['<%= config.bin %> drill end', '<%= config.bin %> drill end && runbook drill report --format html --out after-action.html']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag, as: Flags.string({summary: 'The facilitator\'s name.'})}

  async run() {
    const {flags} = await this.parse(DrillEnd)
    const recorder = new Recorder(resolveDrill(this.workspace(flags.workspace), flags.drill))
    const actor = this.actor(flags.as)
    await recorder.record({type: 'drill.ended', actor, payload: {}}, ...(recorder.state.closed ? [] : [{type: 'incident.closed' as const, actor, payload: {reason: 'exercise ended'}}]))
    this.log(`Drill ${recorder.state.id} ended. Write the after-action report: runbook drill report --drill ${recorder.state.id} --format html --out after-action.html`)
    return {id: recorder.state.id, ended: recorder.state.exercise?.ended}
  }
}
