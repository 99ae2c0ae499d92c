import {printable} from '../core/printable.js'
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {recordStep} from '../app/record.js'
import type {StepAction} from '../core/incident/actions.js'
import {BaseCommand} from './base-command.js'
import {atFlag, asFlag, expectSeqFlag, incidentFlag} from './flags.js'

/** The four `runbook step ...` commands differ only in the action they record. */
export abstract class StepCommand extends BaseCommand {
  static override enableJsonFlag = true
  static override args = {step: Args.string({description: 'step id (see `runbook status` or `runbook playbook show`)', required: true})}
  static override flags = {
    incident: incidentFlag,
    note: Flags.string({char: 'n', aliases: ['reason'], summary: 'A note; the reason, for skip and block (--reason works too).'}),
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
  }

  protected abstract readonly action: StepAction

  async run() {
    // oclif spreads the options object, which drops inherited statics: name them explicitly.
    const {args, flags} = await this.parse({
      args: StepCommand.args,
      flags: StepCommand.flags,
      baseFlags: StepCommand.baseFlags,
      enableJsonFlag: true,
      strict: true,
    })
    const {event, description} = await recordStep(this.context(flags), {
      incident: flags.incident,
      at: flags.at,
      step: args.step,
      action: this.action,
      note: flags.note,
    })
    this.log(`Recorded (#${event.seq}): ${printable(description)}`)
    return event
  }
}
