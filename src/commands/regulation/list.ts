import {BaseCommand} from '../../cli/base-command.js'
import {availableRegulations} from '../../store/regulations.js'

export default class RegulationList extends BaseCommand {
  static override summary = 'List the notification regimes runbook knows, with their source and review date.'
  static override examples = ['<%= config.bin %> regulation list', '<%= config.bin %> regulation list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(RegulationList)
    const {regulations, broken} = await availableRegulations(this.workspace(flags.workspace).root)
    const rows = regulations.map(({regulation: r, origin, file, sha256}) => ({
      id: r.id, name: r.name, jurisdiction: r.jurisdiction, kind: r.kind, obligations: r.obligations.map((o) => o.id),
      source: r.source, lastReviewed: r.last_reviewed, confidence: r.confidence, origin, file, sha256,
    })).sort((a, b) => a.id.localeCompare(b.id))
    for (const row of rows) {
      this.log(`${this.style.bold(row.id.padEnd(10))} ${row.jurisdiction.padEnd(6)} ${row.name} ${this.style.dim(`(${row.obligations.length} obligations, reviewed ${row.lastReviewed}, ${row.confidence}${row.origin === 'workspace' ? ', workspace' : ''})`)}`)
    }
    for (const file of broken) this.logToStderr(this.style.yellow(`Skipped ${file.file}: it does not validate (run \`runbook regulation validate ${file.file}\`).`))
    return rows
  }
}
