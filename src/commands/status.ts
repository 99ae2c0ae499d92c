import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {progress} from '../core/incident/progress.js'
import {resolveIncident} from '../store/incidents.js'
import {statusLines} from '../render/status.js'

export default class Status extends BaseCommand {
  static override summary = 'Where the incident stands: progress per phase, time since awareness, next steps, steps past their target.'
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status 20261129-ransomware-7f3a --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}

  async run() {
    const {args, flags} = await this.parse(Status)
    const {state} = resolveIncident(this.workspace(flags.workspace), args.id)
    const now = new Date()
    const report = progress(state, now)
    for (const line of statusLines(state, report, this.style)) this.log(line)
    return {
      id: state.id,
      title: state.title,
      closed: state.closed,
      drill: state.drill,
      playbook: {id: state.playbook.id, version: state.playbook.version},
      startedAt: report.startedAt,
      sinceStartMinutes: Math.floor(report.sinceStartMs / 60_000),
      phases: report.phases,
      next: report.nextSteps.map((s) => ({id: s.step.id, title: s.step.title, owner: s.step.owner, status: s.status})),
      pastTarget: report.pastTarget,
      complete: report.complete,
    }
  }
}
