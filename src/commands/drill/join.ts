import * as Flags from '@oclif/core/flags'
import {joinDrill} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'
import {PARTICIPANT_ROLES} from '../../cli/options.js'

export default class DrillJoin extends BaseCommand {
  static override summary = 'Record who takes part in the drill, and as what: player, controller or evaluator (for the after-action report).'
  static override examples = ['<%= config.bin %> drill join --role player --as "Anna (IC)"', '<%= config.bin %> drill join --role evaluator --as Kim']
  static override enableJsonFlag = true
  static override flags = {
    role: Flags.string({
      char: 'r',
      required: true,
      options: [...PARTICIPANT_ROLES],
      summary: 'Players respond; controllers run the drill; evaluators observe and rate.',
    }),
    as: Flags.string({summary: 'Who (default: RUNBOOK_ACTOR or your OS user name).'}),
    drill: drillFlag,
  }

  async run() {
    const {flags} = await this.parse(DrillJoin)
    const ctx = this.context(flags)
    const result = await joinDrill(ctx, flags.drill, {role: flags.role})
    this.log(`${ctx.actor} takes part as ${flags.role}. ${result.participants.length} participant(s) recorded.`)
    return result
  }
}
