import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {respondToInject} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'

export default class DrillRespond extends BaseCommand {
  static override summary = "Record the players' decision on an inject."
  static override examples = ['<%= config.bin %> drill respond journalist "Holding statement approved; only the CEO speaks to press"']
  static override enableJsonFlag = true
  static override args = {
    inject: Args.string({description: 'inject id (see `runbook drill injects`)', required: true}),
    decision: Args.string({description: 'what was decided', required: true}),
  }
  static override flags = {drill: drillFlag, as: Flags.string({summary: 'Who decided.'})}

  async run() {
    const {args, flags} = await this.parse(DrillRespond)
    const event = await respondToInject(this.context(flags), {drill: flags.drill, inject: args.inject, decision: args.decision})
    this.log(`Recorded (#${event.seq}).`)
    return event
  }
}
