import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {closeIncident} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {expectSeqFlag, incidentArgFlag, incidentNamed} from '../../cli/flags.js'

export default class IncidentClose extends BaseCommand {
  static override summary = 'Close an incident (its log stays; reopen with `runbook incident reopen`).'
  static override examples = ['<%= config.bin %> incident close 20261129-ransomware-7f3a --reason "contained, notices sent"']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    reason: Flags.string({summary: 'Why it is closed.'}),
    as: Flags.string({summary: 'Who closes it.'}),
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(IncidentClose)
    const {session, openSteps} = await closeIncident(this.context(flags), incidentNamed(args.id, flags.incident), flags.reason)
    this.log(`Closed ${session.id}.`)
    if (openSteps.length > 0) this.logToStderr(this.errStyle.yellow(`Note: ${openSteps.length} step(s) were still open: ${openSteps.join(', ')}.`))
    return {id: session.id, closed: true, openSteps}
  }
}
