import * as Flags from '@oclif/core/flags'
import {startDrill} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'
import {PARTICIPANT_ROLES} from '../../cli/options.js'
import type {ParticipantRole} from '../../core/drills/schema.js'
import {EXERCISE_MARK} from '../../ui/drill-view.js'

export default class DrillStart extends BaseCommand {
  static override summary = "Start a tabletop drill: an EXERCISE incident on the scenario's playbook, with a simulated clock."
  static override description = `The simulated clock runs --speed times faster than real time (60: an hour passes each minute), or only moves when the facilitator says \`runbook drill advance 2h\` (--manual).
Players walk it with \`runbook incident run --role player\`; injects appear with their whole message when their time comes, in the walk and with \`runbook drill injects\`. The facilitator steers with \`drill pause\`, \`resume\`, \`next\` and \`inject --defer|--fire|--add\`; expected answers show only with --facilitator. Deadlines and notices work as in a real incident, on the simulated clock, and everything produced is marked EXERCISE.`
  static override examples = [
    '<%= config.bin %> drill start --scenario ransomware-double-extortion --speed 60',
    '<%= config.bin %> drill start --scenario vendor-breach-press --manual',
  ]
  static override enableJsonFlag = true
  static override flags = {
    scenario: Flags.string({char: 's', required: true, summary: 'Scenario id (see `runbook drill list`).'}),
    speed: Flags.integer({min: 1, max: 10_000, exclusive: ['manual'], summary: 'Simulated minutes per real minute (default 60).'}),
    manual: Flags.boolean({exclusive: ['speed'], summary: 'The clock moves only with `runbook drill advance`.'}),
    tz: Flags.string({summary: "Time zone to show times in (default: the workspace's)."}),
    as: Flags.string({summary: "The facilitator's name."}),
    role: Flags.string({
      options: [...PARTICIPANT_ROLES],
      default: 'controller',
      summary: 'Your role in the drill (others record theirs with `runbook drill join`).',
    }),
  }

  async run() {
    const {flags} = await this.parse(DrillStart)
    const ctx = this.context(flags)
    const manual = flags.manual ?? false
    if (flags.speed === undefined && !manual && !ctx.io.canPrompt) this.logToStderr('No --speed given: the simulated clock runs at 60x (an hour per minute).')
    const {session, scenario, speed} = await startDrill(ctx, {
      scenario: flags.scenario,
      speed: flags.speed,
      manual,
      timezone: flags.tz,
      role: flags.role as ParticipantRole,
    })
    this.log(session.id)
    this.logToStderr(this.errStyle.exercise(EXERCISE_MARK))
    this.logToStderr(`${scenario.title}: ${scenario.situation.trim()}`)
    const clock = manual ? 'manual (runbook drill advance 2h)' : `${speed}x real time`
    this.logToStderr(
      this.errStyle.dim(
        `Clock: ${clock}. Walk it: runbook incident run ${session.id}. Injects: runbook drill injects. Pause: runbook drill pause. End: runbook drill end.`,
      ),
    )
    return {id: session.id, scenario: scenario.id, speed: manual ? null : speed, manual}
  }
}
