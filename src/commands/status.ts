import * as Args from '@oclif/core/args'
import {BaseCommand} from '../cli/base-command.js'
import {progress} from '../core/incident/progress.js'
import {resolveIncident} from '../store/incidents.js'
import {statusLines} from '../ui/status-view.js'
import {computeDeadlines} from '../app/deadlines.js'
import {nearestDeadlineLines} from '../ui/deadlines-view.js'
import {incidentNow} from '../core/incident/now.js'

export default class Status extends BaseCommand {
  static override summary = 'Where the incident stands: progress per phase, time since awareness, next steps, steps past their target.'
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status 20261129-ransomware-7f3a --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}

  async run() {
    const {args, flags} = await this.parse(Status)
    const workspace = this.workspace(flags.workspace)
    const {state} = resolveIncident(workspace, args.id)
    const now = incidentNow(state, Date.now())
    const report = progress(state, now)
    const {obligations} = await computeDeadlines(workspace, state, now, this.actor())
    // Text only when it is shown: formatting instants in a time zone sets up ICU's calendars (~15 ms at start-up).
    if (!this.jsonEnabled()) {
      const [title, ...rest] = statusLines(state, report, this.style)
      // The nearest notification deadlines come first: they are what a commander must not miss.
      const deadlines = nearestDeadlineLines(obligations, state.timezone, now, this.style)
      for (const line of [title!, rest[0]!, ...(deadlines.length ? ['', ...deadlines] : []), ...rest.slice(1)]) this.log(line)
    }
    const pending = obligations.filter((o) => o.applies === 'yes' && !o.met)
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
      deadlines: pending.slice(0, 5).map((o) => ({id: o.id, title: o.title, dueAt: o.dueAt, status: o.status})),
      deadlinesMayApply: obligations.filter((o) => o.applies === 'maybe' && !o.met).length,
      complete: report.complete,
    }
  }
}
