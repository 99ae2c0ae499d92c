import {BaseCommand} from '../../cli/base-command.js'
import {scenarioFiles} from '../../store/scenarios.js'

export default class DrillList extends BaseCommand {
  static override summary = 'List the tabletop scenarios: id, title, playbook, length and number of injects.'
  static override examples = ['<%= config.bin %> drill list', '<%= config.bin %> drill list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(DrillList)
    const files = await scenarioFiles(this.workspace(flags.workspace).root)
    const rows = files.filter((f) => f.scenario).map(({scenario: s, origin}) => ({
      id: s!.id, title: s!.title, playbook: s!.playbook, length: s!.length, injects: s!.injects.length, highRisk: s!.high_risk, origin,
    }))
    const width = Math.max(...rows.map((r) => r.id.length))
    for (const row of rows) {
      this.log(`${this.style.bold(row.id.padEnd(width))}  ${row.title} ${this.style.dim(`(playbook ${row.playbook}, about ${row.length}, ${row.injects} injects${row.highRisk ? ', high risk' : ''})`)}`)
    }
    for (const file of files.filter((f) => !f.scenario)) this.logToStderr(this.style.yellow(`Skipped ${file.file}: it does not validate (run \`runbook playbook validate ${file.file}\`).`))
    if (rows.length) this.log(this.style.dim(`\nRun one with: runbook drill start --scenario ${rows[0]!.id} --speed 60`))
    return rows
  }
}
