import {regulationCatalogue} from '../../app/content.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class RegulationList extends BaseCommand {
  static override summary = 'List the notification regimes runbook knows, with their source and review date.'
  static override examples = ['<%= config.bin %> regulation list', '<%= config.bin %> regulation list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(RegulationList)
    const {rows, broken} = await regulationCatalogue(this.context(flags))
    for (const row of rows) {
      this.log(
        `${this.style.bold(row.id.padEnd(10))} ${row.jurisdiction.padEnd(6)} ${row.name} ${this.style.dim(`(${row.obligations.length} obligations, reviewed ${row.lastReviewed}, ${row.confidence}${row.origin === 'workspace' ? ', workspace' : ''})`)}`,
      )
    }
    for (const file of broken) this.logToStderr(this.errStyle.yellow(`Skipped ${file}: it does not validate (run \`runbook regulation validate ${file}\`).`))
    return rows
  }
}
