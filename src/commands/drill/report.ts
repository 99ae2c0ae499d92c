import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {writeAfterAction} from '../../app/after-action.js'
import {drillFlag} from '../../cli/drill-flags.js'
import {UserError} from '../../core/errors.js'
import {incidentIds, loadIncident} from '../../store/incidents.js'
import {REPORT_FORMATS} from '../../render/report.js'

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
    const workspace = this.workspace(flags.workspace)
    // Without --drill: the most recent drill, running or ended.
    const id = flags.drill ?? incidentIds(workspace, {drills: true}).filter((i) => i.startsWith('drill-')).at(-1)
    if (!id) throw new UserError('no drill has been run in this workspace', {hint: 'Start one with `runbook drill start --scenario ID`.'})
    const incident = loadIncident(workspace, id)
    if (!incident.state.exercise) throw new UserError(`${id} is a real incident; use \`runbook report after-action ${id}\``)
    const {report, output} = await writeAfterAction(workspace, incident, {format: flags.format as 'md' | 'html', out: flags.out, actor: this.actor()})
    if (this.jsonEnabled()) return report
    if (flags.out) this.logToStderr(`Wrote ${flags.out}.`)
    else process.stdout.write(output)
    return report
  }
}
