import {listInjects} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag, facilitatorFlag} from '../../cli/flags.js'
import {clockLine, injectLines} from '../../ui/drill-view.js'
import {inZone} from '../../ui/record-view.js'

export default class DrillInjects extends BaseCommand {
  static override summary = 'Show the injects that have arrived, with their whole message (delivering any whose time has come), and how many are to come.'
  static override examples = ['<%= config.bin %> drill injects', '<%= config.bin %> drill injects --facilitator', '<%= config.bin %> drill injects --json']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag, facilitator: facilitatorFlag}

  async run() {
    const {flags} = await this.parse(DrillInjects)
    const result = await listInjects(this.context(flags), flags.drill, {audience: flags.facilitator ? 'facilitator' : 'player'})
    const s = this.style
    this.log(s.exercise(`EXERCISE: ${result.title}`) + s.dim(` (${clockLine(result.clock, s)})`))
    for (const inject of result.arrived) {
      for (const line of injectLines(inject, result.clock.zone, s, {expected: flags.facilitator ? inject.expected : null}))
        this.log(inject.fresh ? line : s.dim(line))
      for (const d of inject.decisions) this.log(s.green(`  Decided (${d.actor}, ${inZone(d.at, result.clock.zone)}): ${d.decision}`))
    }
    this.log(s.dim(`\n${result.upcoming} inject(s) still to come.`))
    return {...result, simulatedNow: result.clock.simulatedNow}
  }
}
