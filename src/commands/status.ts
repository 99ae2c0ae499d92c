import * as Args from '@oclif/core/args'
import {incidentStatus} from '../app/status.js'
import {BaseCommand} from '../cli/base-command.js'
import {statusJson, statusScreen} from '../ui/status-view.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Status extends BaseCommand {
  static override summary = 'Where the incident stands: progress per phase, time since awareness, next steps, steps past their target.'
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status 20261129-ransomware-7f3a --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {incident: incidentArgFlag}

  async run() {
    const {args, flags} = await this.parse(Status)
    const {session, report, obligations, now, roster} = await incidentStatus(this.context(flags), incidentNamed(args.id, flags.incident))
    // Text only when it is shown: formatting instants in a time zone sets up ICU's calendars (~15 ms at start-up).
    if (!this.jsonEnabled()) for (const line of statusScreen(session.state, report, obligations, now, this.style, roster)) this.log(line)
    return statusJson(session.state, report, obligations, roster)
  }
}
