import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {transferEvidence} from '../../app/evidence.js'
import {BaseCommand} from '../../cli/base-command.js'
import {atFlag, asFlag, incidentFlag, expectSeqFlag} from '../../cli/flags.js'
import {transferredLine} from '../../ui/evidence-view.js'

export default class EvidenceTransfer extends BaseCommand {
  static override summary = 'Record that an evidence item passed to someone else (chain of custody).'
  static override examples = [
    '<%= config.bin %> evidence transfer EV-14 --to "Kroll, case 2291" --reason "forensic analysis"',
    '<%= config.bin %> evidence transfer 14 --to "FBI Boston, SA Ruiz" --at "2026-04-02 15:30"',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'the item id, e.g. EV-14 (see `runbook evidence list`)', required: true})}
  static override flags = {
    incident: incidentFlag,
    to: Flags.string({summary: 'Who receives it (a person, a firm, an agency, with a case number).', required: true}),
    reason: Flags.string({summary: 'Why it changed hands.'}),
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(EvidenceTransfer)
    const {incident, item, seq} = await transferEvidence(this.context(flags), {
      incident: flags.incident,
      at: flags.at,
      id: args.id,
      to: flags.to,
      reason: flags.reason,
    })
    this.log(transferredLine(item, seq))
    return {incident, item}
  }
}
