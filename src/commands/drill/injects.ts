import {listInjects} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'
import {inZone} from '../../ui/record-view.js'
import {injectLines} from '../../ui/drill-view.js'

export default class DrillInjects extends BaseCommand {
  static override summary = 'Show the injects that have arrived (delivering any whose time has come) and how many are still to come.'
  static override examples = ['<%= config.bin %> drill injects', '<%= config.bin %> drill injects --json']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag}

  async run() {
    const {flags} = await this.parse(DrillInjects)
    const {session, simulatedNow, arrived, upcoming} = await listInjects(this.context(flags), flags.drill)
    const {state} = session
    const s = this.style
    this.log(s.exercise(`EXERCISE: ${state.exercise!.scenario.title}`) + s.dim(` (simulated time ${inZone(simulatedNow, state.timezone)})`))
    for (const {inject, fresh, decisions} of arrived) {
      for (const line of injectLines(inject, state, s)) this.log(fresh ? line : s.dim(line))
      for (const d of decisions) this.log(s.green(`  Decided (${d.actor}, ${inZone(d.at, state.timezone)}): ${d.decision}`))
    }
    this.log(s.dim(`\n${upcoming} inject(s) still to come.`))
    return {
      simulatedNow: simulatedNow.toISOString(),
      arrived: arrived.map(({inject: i, at, decisions}) => ({
        id: i.id,
        at: at.toISOString(),
        from: i.from,
        title: i.title,
        message: i.message,
        expects: i.expects ?? null,
        decisions,
      })),
      upcoming,
    }
  }
}
