import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {rateObjective} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'

export default class DrillRate extends BaseCommand {
  static override summary = 'Rate how an objective was met (HSEEP): P, S, M or U, with a note. The latest rating counts.'
  static override description = `P performed without challenges; S performed with some challenges; M performed with major challenges; U unable to be performed.
Objectives are numbered as \`runbook drill show\` lists them. Works during the drill and after it ended.`
  static override examples = ['<%= config.bin %> drill rate 1 S --note "Declared in 40 minutes: the bridge number was out of date" --as Kim']
  static override enableJsonFlag = true
  static override args = {
    objective: Args.string({description: 'objective number (1, 2 ...)', required: true}),
    rating: Args.string({description: 'P, S, M or U', required: true}),
  }
  static override flags = {
    note: Flags.string({char: 'n', summary: 'Why: what was observed.'}),
    drill: drillFlag,
    as: Flags.string({summary: "The evaluator's name."}),
  }

  async run() {
    const {args, flags} = await this.parse(DrillRate)
    const rated = await rateObjective(this.context(flags), flags.drill, args.objective, args.rating, flags.note)
    this.log(`Objective ${rated.objective} rated ${rated.rating} (${rated.meaning!.toLowerCase()}): ${rated.text}`)
    return rated
  }
}
