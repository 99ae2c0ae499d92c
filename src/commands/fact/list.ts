import * as Flags from '@oclif/core/flags'
import {listFacts} from '../../app/record.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {FACT_DEFINITIONS, formatFactValue} from '../../core/facts/vocabulary.js'
import {formatInZone} from '../../core/time/instant.js'

export default class FactList extends BaseCommand {
  static override summary = 'List the incident\'s facts, with who set each and when.'
  static override examples = ['<%= config.bin %> fact list', '<%= config.bin %> fact list --json', '<%= config.bin %> fact list --known']
  static override enableJsonFlag = true
  static override flags = {
    incident: incidentFlag,
    known: Flags.boolean({summary: 'List the fact keys runbook knows, with their meaning, instead.'}),
  }

  async run() {
    const {flags} = await this.parse(FactList)
    if (flags.known) {
      for (const d of FACT_DEFINITIONS) this.log(`${d.key.padEnd(28)} ${d.type.kind.padEnd(8)} ${d.description}`)
      this.log(`${'affected.<REGION>'.padEnd(28)} ${'count'.padEnd(8)} people affected who reside in an ISO 3166 region (affected.US-CA, affected.DE)`)
      return FACT_DEFINITIONS.map((d) => ({key: d.key, type: d.type, description: d.description}))
    }
    const {rows, timezone} = await listFacts(this.context(flags), flags.incident)
    if (rows.length === 0) this.log('No facts recorded yet. Set one with: runbook fact set KEY VALUE')
    const width = Math.max(...rows.map((r) => r.key.length), 3)
    for (const row of rows) this.log(`${row.key.padEnd(width)}  ${formatFactValue(row.value)} ${this.style.dim(`(${row.setBy}, ${formatInZone(row.setAt, timezone, 'yyyy-MM-dd HH:mm xxx')})`)}`)
    return rows
  }
}
