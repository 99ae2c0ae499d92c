import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/drill-flags.js'
import {deliverInjects, injectLines} from '../../app/drills.js'
import {Recorder} from '../../app/session.js'
import {resolveDrill} from '../../cli/resolve-drill.js'
import {injectTime} from '../../core/drills/injects.js'
import {incidentNow} from '../../core/incident/now.js'
import {formatInZone} from '../../core/time/instant.js'

export default class DrillInjects extends BaseCommand {
  static override summary = 'Show the injects that have arrived (delivering any whose time has come) and how many are still to come.'
  static override examples = ['<%= config.bin %> drill injects', '<%= config.bin %> drill injects --json']
  static override enableJsonFlag = true
  static override flags = {drill: drillFlag}

  async run() {
    const {flags} = await this.parse(DrillInjects)
    const recorder = new Recorder(resolveDrill(this.workspace(flags.workspace), flags.drill))
    const fresh = new Set((await deliverInjects(recorder)).map((i) => i.id))
    const state = recorder.state
    const drill = state.exercise!
    const now = incidentNow(state, Date.now())
    this.log(this.style.exercise(`EXERCISE: ${drill.scenario.title}`) + this.style.dim(` (simulated time ${formatInZone(now, state.timezone)})`))
    const arrived = drill.scenario.injects.filter((i) => drill.delivered[i.id])
    for (const inject of arrived) {
      for (const line of injectLines(inject, state, this.style)) this.log(fresh.has(inject.id) ? line : this.style.dim(line))
      for (const d of drill.decisions[inject.id] ?? []) this.log(this.style.green(`  Decided (${d.actor}, ${formatInZone(d.at, state.timezone)}): ${d.decision}`))
    }
    const upcoming = drill.scenario.injects.filter((i) => !drill.delivered[i.id])
    this.log(this.style.dim(`\n${upcoming.length} inject(s) still to come.`))
    return {
      simulatedNow: now.toISOString(),
      arrived: arrived.map((i) => ({id: i.id, at: injectTime(state, i).toISOString(), from: i.from, title: i.title, message: i.message, expects: i.expects ?? null, decisions: drill.decisions[i.id] ?? []})),
      upcoming: upcoming.length,
    }
  }
}
