import {listEvidence} from '../../app/evidence.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {evidenceLines} from '../../ui/evidence-view.js'

export default class EvidenceList extends BaseCommand {
  static override summary = 'List the evidence register: each item, its SHA-256 and size, and its chain of custody.'
  static override examples = ['<%= config.bin %> evidence list', '<%= config.bin %> evidence list --incident 20261129-ransomware-7f3a --json']
  static override enableJsonFlag = true
  static override flags = {incident: incidentFlag}

  async run() {
    const {flags} = await this.parse(EvidenceList)
    const {incident, timezone, items} = await listEvidence(this.context(flags), flags.incident)
    for (const line of evidenceLines(items, timezone, this.style)) this.log(line)
    return {incident, items}
  }
}
