import * as Flags from '@oclif/core/flags'
import {controlInject, DEFAULT_DEFER, type InjectRequest} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag, facilitatorFlag} from '../../cli/flags.js'
import {controlLines} from '../../ui/drill-view.js'
import {inZone} from '../../ui/record-view.js'

export default class DrillInject extends BaseCommand {
  static override summary = 'Steer an inject: make one wait longer (--defer), send one now (--fire), or add one from the floor (--add).'
  static override examples = [
    '<%= config.bin %> drill inject --defer journalist --by 1h',
    '<%= config.bin %> drill inject --fire insurer',
    '<%= config.bin %> drill inject --add --title "CEO calls" --message "The CEO wants a one-line summary for the board, now." --from "the CEO"',
  ]
  static override enableJsonFlag = true
  static override flags = {
    defer: Flags.string({summary: 'Inject id to defer (see `runbook drill show` or the console).', exactlyOne: ['defer', 'fire', 'add']}),
    by: Flags.string({summary: `How much later, in simulated time: 30m, 2h, 1d (default ${DEFAULT_DEFER}).`, dependsOn: ['defer']}),
    fire: Flags.string({summary: 'Inject id to send now, before its time.', exactlyOne: ['defer', 'fire', 'add']}),
    add: Flags.boolean({summary: 'Add an inject from the floor, delivered now (needs --title and --message).', exactlyOne: ['defer', 'fire', 'add']}),
    title: Flags.string({summary: 'Title of the added inject.', dependsOn: ['add']}),
    message: Flags.string({summary: 'What the players read.', dependsOn: ['add']}),
    from: Flags.string({summary: 'Who sends it (default: the facilitator).', dependsOn: ['add']}),
    drill: drillFlag,
    facilitator: facilitatorFlag,
    as: Flags.string({summary: "The facilitator's name."}),
  }

  async run() {
    const {flags} = await this.parse(DrillInject)
    const request: InjectRequest = flags.defer
      ? {defer: flags.defer, by: flags.by}
      : flags.fire
        ? {fire: flags.fire}
        : {add: {title: flags.title ?? '', message: flags.message ?? '', from: flags.from}}
    const result = await controlInject(this.context(flags), flags.drill, request, {audience: flags.facilitator ? 'facilitator' : 'player'})
    if (result.action === 'deferred') this.log(`Inject ${result.inject} deferred by ${result.by}: now due ${inZone(result.dueAt!, result.clock.zone)}.`)
    for (const line of controlLines(result, this.style, flags.facilitator)) this.log(line)
    return result
  }
}
