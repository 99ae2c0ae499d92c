import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/drill-flags.js'
import {Recorder} from '../../app/session.js'
import {resolveDrill} from '../../cli/resolve-drill.js'
import {UserError} from '../../core/errors.js'

export default class DrillRespond extends BaseCommand {
  static override summary = 'Record the players\' decision on an inject.'
  static override examples = ['<%= config.bin %> drill respond journalist "Holding statement approved; only the CEO speaks to press"']
  static override enableJsonFlag = true
  static override args = {
    inject: Args.string({description: 'inject id (see `runbook drill injects`)', required: true}),
    decision: Args.string({description: 'what was decided', required: true}),
  }
  static override flags = {drill: drillFlag, as: Flags.string({summary: 'Who decided.'})}

  async run() {
    const {args, flags} = await this.parse(DrillRespond)
    const recorder = new Recorder(resolveDrill(this.workspace(flags.workspace), flags.drill))
    const drill = recorder.state.exercise!
    if (!drill.scenario.injects.some((i) => i.id === args.inject)) {
      throw new UserError(`scenario ${drill.scenario.id} has no inject "${args.inject}"`, {hint: `Injects: ${drill.scenario.injects.map((i) => i.id).join(', ')}`})
    }
    if (!drill.delivered[args.inject]) throw new UserError(`inject ${args.inject} has not arrived yet`, {hint: 'See what has arrived: runbook drill injects'})
    if (!args.decision.trim()) throw new UserError('the decision is empty')
    const [event] = await recorder.record({type: 'drill.decision', actor: this.actor(flags.as), payload: {inject: args.inject, decision: args.decision.trim()}})
    this.log(`Recorded (#${event!.seq}).`)
    return event
  }
}
