import * as Flags from '@oclif/core/flags'
import {afterAction} from '../../app/after-action.js'
import {latestDrill} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'
import {REPORT_FORMATS} from '../../cli/options.js'
import type {ReportFormat} from '../../render/report.js'

export default class DrillReport extends BaseCommand {
  static override summary = 'The after-action report of a drill (HSEEP shape): overview, objectives, metrics, strengths, improvements, plan, timeline.'
  static override examples = ['<%= config.bin %> drill report', '<%= config.bin %> drill report --format html --out after-action.html']
  static override enableJsonFlag = true
  static override flags = {
    drill: drillFlag,
    format: Flags.string({char: 'f', options: [...REPORT_FORMATS], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600) instead of standard output.'}),
  }

  async run() {
    const {flags} = await this.parse(DrillReport)
    const ctx = this.context(flags)
    const {report, output} = await afterAction(ctx, await latestDrill(ctx, flags.drill), {format: flags.format as ReportFormat, out: flags.out})
    if (this.jsonEnabled()) return report
    if (flags.out) this.logToStderr(`Wrote ${flags.out}.`)
    else this.write(output)
    return report
  }
}
