import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from './base-command.js'
import {atFlag, asFlag, incidentFlag} from './flags.js'
import {Recorder} from '../app/session.js'
import {parseAt, stepEvent, type StepAction} from '../core/incident/actions.js'
import {describeEvent} from '../core/incident/describe.js'
import {resolveIncident} from '../store/incidents.js'
import {incidentNow} from '../core/incident/now.js'

/** The four `runbook step ...` commands differ only in the action they record. */
export abstract class StepCommand extends BaseCommand {
  static override enableJsonFlag = true
  static override args = {step: Args.string({description: 'step id (see `runbook status` or `runbook playbook show`)', required: true})}
  static override flags = {
    incident: incidentFlag,
    note: Flags.string({char: 'n', aliases: ['reason'], summary: 'A note; the reason, for skip and block (--reason works too).'}),
    at: atFlag,
    as: asFlag,
  }

  protected abstract readonly action: StepAction

  async run() {
    // oclif spreads the options object, which drops inherited statics: name them explicitly.
    const {args, flags} = await this.parse({args: StepCommand.args, flags: StepCommand.flags, baseFlags: StepCommand.baseFlags, enableJsonFlag: true, strict: true})
    const recorder = new Recorder(resolveIncident(this.workspace(flags.workspace), flags.incident))
    const {state} = recorder
    const occurredAt = parseAt(flags.at, state.timezone, incidentNow(state, Date.now()))
    const [event] = await recorder.record(stepEvent(state, args.step, this.action, flags.note, {actor: this.actor(flags.as), occurredAt}))
    const titles = new Map(state.steps.map((s) => [s.step.id, s.step.title]))
    this.log(`Recorded (#${event!.seq}): ${describeEvent(event!, titles)}`)
    return event
  }
}
