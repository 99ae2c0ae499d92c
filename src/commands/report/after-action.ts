import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {writeAfterAction} from '../../app/after-action.js'
import {resolveIncident} from '../../store/incidents.js'
import {REPORT_FORMATS} from '../../render/report.js'

export default class ReportAfterAction extends BaseCommand {
  static override summary = 'The post-incident (after-action) report of a real incident: metrics, what went well, what to improve, and a plan.'
  static override examples = ['<%= config.bin %> report after-action', '<%= config.bin %> report after-action 20261129-ransomware-7f3a --format html --out lessons.html']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    format: Flags.string({char: 'f', options: [...REPORT_FORMATS], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600) instead of standard output.'}),
  }

  async run() {
    const {args, flags} = await this.parse(ReportAfterAction)
    const workspace = this.workspace(flags.workspace)
    const incident = resolveIncident(workspace, args.id)
    const {report, output} = await writeAfterAction(workspace, incident, {format: flags.format as 'md' | 'html', out: flags.out, actor: this.actor()})
    if (this.jsonEnabled()) return report
    if (flags.out) this.logToStderr(`Wrote ${flags.out}.`)
    else process.stdout.write(output)
    return report
  }
}
