import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {startDrill} from '../../app/drills.js'
import {UserError} from '../../core/errors.js'
import {findScenario} from '../../store/scenarios.js'

export default class DrillStart extends BaseCommand {
  static override summary = 'Start a tabletop drill: an EXERCISE incident on the scenario\'s playbook, with a simulated clock.'
  static override description = `The simulated clock runs --speed times faster than real time (60: an hour passes each minute), or only moves when the facilitator says \`runbook drill advance 2h\` (--manual).
Walk it with \`runbook incident run\`; injects appear when their time comes, in the walk and with \`runbook drill injects\`. Deadlines and notices work as in a real incident, on the simulated clock, and everything produced is marked EXERCISE.`
  static override examples = [
    '<%= config.bin %> drill start --scenario ransomware-double-extortion --speed 60',
    '<%= config.bin %> drill start --scenario vendor-breach-press --manual',
  ]
  static override enableJsonFlag = true
  static override flags = {
    scenario: Flags.string({char: 's', required: true, summary: 'Scenario id (see `runbook drill list`).'}),
    speed: Flags.integer({min: 1, max: 10_000, exclusive: ['manual'], summary: 'Simulated minutes per real minute (default 60).'}),
    manual: Flags.boolean({exclusive: ['speed'], summary: 'The clock moves only with `runbook drill advance`.'}),
    tz: Flags.string({summary: 'Time zone to show times in (default: the workspace\'s).'}),
    as: Flags.string({summary: 'The facilitator\'s name.'}),
  }

  async run() {
    const {flags} = await this.parse(DrillStart)
    const workspace = this.workspace(flags.workspace)
    const scenario = await findScenario(flags.scenario, workspace.root)
    const timezone = flags.tz ?? (await workspace.config()).organization.timezone
    if (flags.speed === undefined && !flags.manual && !process.stdin.isTTY) this.logToStderr('No --speed given: the simulated clock runs at 60x (an hour per minute).')
    const speed = flags.speed ?? 60
    if (!Number.isFinite(speed)) throw new UserError('--speed must be a number')
    const drill = await startDrill(workspace, scenario, {speed, manual: flags.manual ?? false, actor: this.actor(flags.as), now: new Date(), timezone})
    const {state} = drill
    this.log(state.id)
    this.logToStderr(this.style.exercise('EXERCISE EXERCISE EXERCISE'))
    this.logToStderr(`${scenario.title}: ${scenario.situation.trim()}`)
    this.logToStderr(this.style.dim(`Clock: ${flags.manual ? 'manual (runbook drill advance 2h)' : `${speed}x real time`}. Walk it: runbook incident run ${state.id}. Injects: runbook drill injects. End: runbook drill end.`))
    return {id: state.id, scenario: scenario.id, speed: flags.manual ? null : speed, manual: flags.manual ?? false}
  }
}
