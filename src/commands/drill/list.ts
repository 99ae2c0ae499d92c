import {scenarioCatalogue} from '../../app/drills.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class DrillList extends BaseCommand {
  static override summary = 'List the tabletop scenarios: id, title, playbook, length and number of injects.'
  static override examples = ['<%= config.bin %> drill list', '<%= config.bin %> drill list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(DrillList)
    const {rows, broken} = await scenarioCatalogue(this.context(flags))
    const width = Math.max(...rows.map((r) => r.id.length))
    for (const row of rows) {
      this.log(
        `${this.style.bold(row.id.padEnd(width))}  ${row.title} ${this.style.dim(`(playbook ${row.playbook}, about ${row.length}, ${row.injects} injects${row.highRisk ? ', high risk' : ''})`)}`,
      )
    }
    for (const file of broken) this.logToStderr(this.errStyle.yellow(`Skipped ${file}: it does not validate (run \`runbook playbook validate ${file}\`).`))
    if (rows.length) this.log(this.style.dim(`\nRun one with: runbook drill start --scenario ${rows[0]!.id} --speed 60`))
    return rows
  }
}
