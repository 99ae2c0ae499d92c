import * as Flags from '@oclif/core/flags'
import {knownFactDefinitions, listFacts} from '../../app/record.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {factLines, knownFacts} from '../../ui/record-view.js'

export default class FactList extends BaseCommand {
  static override summary = "List the incident's facts, with who set each and when."
  static override examples = ['<%= config.bin %> fact list', '<%= config.bin %> fact list --json', '<%= config.bin %> fact list --known']
  static override enableJsonFlag = true
  static override flags = {
    incident: incidentFlag,
    known: Flags.boolean({summary: "List the fact keys runbook knows, with their meaning, and the organisation's own (runbook.yaml facts:), instead."}),
  }

  async run() {
    const {flags} = await this.parse(FactList)
    if (flags.known) {
      const known = knownFacts(await knownFactDefinitions(this.context(flags)), this.style)
      for (const line of known.lines) this.log(line)
      return known.json
    }
    const {rows, timezone} = await listFacts(this.context(flags), flags.incident)
    for (const line of factLines(rows, timezone, this.style)) this.log(line)
    return rows
  }
}
