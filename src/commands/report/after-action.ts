import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {afterAction} from '../../app/after-action.js'
import {resolveIncident} from '../../app/incidents.js'
import {BaseCommand} from '../../cli/base-command.js'
import {REPORT_FORMATS} from '../../cli/options.js'
import type {ReportFormat} from '../../render/report.js'
import {incidentArgFlag, incidentNamed} from '../../cli/flags.js'

export default class ReportAfterAction extends BaseCommand {
  static override summary = 'The post-incident (after-action) report of a real incident: metrics, what went well, what to improve, and a plan.'
  static override examples = [
    '<%= config.bin %> report after-action',
    '<%= config.bin %> report after-action 20261129-ransomware-7f3a --format html --out lessons.html',
    '<%= config.bin %> report after-action --format pdf --out lessons.pdf',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    format: Flags.string({char: 'f', options: [...REPORT_FORMATS], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600) instead of standard output; a PDF needs it.'}),
  }

  async run() {
    const {args, flags} = await this.parse(ReportAfterAction)
    const ctx = this.context(flags)
    const {report, output} = await afterAction(ctx, await resolveIncident(ctx, incidentNamed(args.id, flags.incident)), {
      format: flags.format as ReportFormat,
      out: flags.out,
    })
    if (this.jsonEnabled()) return report
    if (flags.out) this.logToStderr(`Wrote ${flags.out}.`)
    else this.write(output)
    return report
  }
}
