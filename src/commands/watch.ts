import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {followIncident} from '../app/watch.js'
import {BaseCommand} from '../cli/base-command.js'
import {watchLine} from '../ui/store-view.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Watch extends BaseCommand {
  static override summary = 'Follow the incident timeline live: every event as any responder records it. Ctrl-C stops.'
  static override description =
    'Shows the latest events, then each new one as it is recorded, from any machine: on PostgreSQL it is told of every commit; on the file store it watches the log.'
  static override examples = ['<%= config.bin %> watch', '<%= config.bin %> watch 20261129-ransomware-7f3a --last 30']
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    last: Flags.integer({summary: 'How many recorded events to show first.', default: 10, min: 0}),
  }

  async run() {
    const {args, flags} = await this.parse(Watch)
    const {shown} = await followIncident(this.context(flags), incidentNamed(args.id, flags.incident), {
      last: flags.last,
      show: (events, state) => {
        const titles = new Map(state.steps.map((s) => [s.step.id, s.step.title]))
        for (const event of events) this.log(watchLine(event, state.timezone, titles, this.style))
      },
      watching: (state, earlier) =>
        this.logToStderr(
          this.errStyle.dim(
            `${earlier > 0 ? `(${earlier} earlier events: runbook timeline ${state.id}) ` : ''}Watching ${state.id} for new events; Ctrl-C stops.`,
          ),
        ),
    })
    this.logToStderr(this.errStyle.dim(`Stopped watching (${shown} events shown).`))
  }
}
