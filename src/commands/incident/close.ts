import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {Recorder} from '../../app/session.js'
import {closeEvent} from '../../core/incident/actions.js'
import {isOpen} from '../../core/incident/state.js'
import {resolveIncident} from '../../store/incidents.js'

export default class IncidentClose extends BaseCommand {
  static override summary = 'Close an incident (its log stays; reopen with `runbook incident reopen`).'
  static override examples = ['<%= config.bin %> incident close 20261129-ransomware-7f3a --reason "contained, notices sent"']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    reason: Flags.string({summary: 'Why it is closed.'}),
    as: Flags.string({summary: 'Who closes it.'}),
  }

  async run() {
    const {args, flags} = await this.parse(IncidentClose)
    const recorder = new Recorder(resolveIncident(this.workspace(flags.workspace), args.id))
    const open = recorder.state.steps.filter(isOpen)
    await recorder.record(closeEvent(recorder.state, flags.reason, {actor: this.actor(flags.as)}))
    this.log(`Closed ${recorder.state.id}.`)
    if (open.length > 0) this.logToStderr(this.style.yellow(`Note: ${open.length} step(s) were still open: ${open.map((s) => s.step.id).join(', ')}.`))
    return {id: recorder.state.id, closed: true, openSteps: open.map((s) => s.step.id)}
  }
}
