import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/drill-flags.js'
import {deliverInjects, injectLines} from '../../app/drills.js'
import {Recorder} from '../../app/session.js'
import {resolveDrill} from '../../cli/resolve-drill.js'
import {UserError} from '../../core/errors.js'
import {offsetToMs} from '../../core/drills/clock.js'
import {incidentNow} from '../../core/incident/now.js'
import {formatInZone} from '../../core/time/instant.js'

export default class DrillAdvance extends BaseCommand {
  static override summary = 'Move the drill\'s simulated clock forward, and deliver the injects whose time has come.'
  static override examples = ['<%= config.bin %> drill advance 2h', '<%= config.bin %> drill advance 1d6h --drill drill-20261129-ransomware-double-extortion-1a2b']
  static override enableJsonFlag = true
  static override args = {by: Args.string({description: 'how far: 30m, 2h, 1d6h', required: true})}
  static override flags = {drill: drillFlag, as: Flags.string({summary: 'The facilitator\'s name.'})}

  async run() {
    const {args, flags} = await this.parse(DrillAdvance)
    const by = args.by.replace(/^\+/, '')
    if (!/^(\d+d)?(\d+h)?(\d+m)?$/.test(by) || offsetToMs(by) <= 0) throw new UserError(`"${args.by}" is not a duration; use 30m, 2h or 1d6h`)
    const recorder = new Recorder(resolveDrill(this.workspace(flags.workspace), flags.drill))
    if (recorder.state.exercise?.ended) throw new UserError(`drill ${recorder.state.id} has ended`)
    await recorder.record({type: 'drill.advanced', actor: this.actor(flags.as), payload: {byMs: offsetToMs(by), by}})
    const now = incidentNow(recorder.state, Date.now())
    this.log(`Simulated time is now ${formatInZone(now, recorder.state.timezone)}.`)
    const injects = await deliverInjects(recorder)
    for (const inject of injects) for (const line of injectLines(inject, recorder.state, this.style)) this.log(line)
    return {simulatedNow: now.toISOString(), delivered: injects.map((i) => i.id)}
  }
}
