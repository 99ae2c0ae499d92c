import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {markMet} from '../../app/deadlines.js'
import {BaseCommand} from '../../cli/base-command.js'
import {atFlag, asFlag, incidentFlag, expectSeqFlag} from '../../cli/flags.js'
import {metVerdict} from '../../ui/record-view.js'

export default class DeadlineMet extends BaseCommand {
  static override summary = 'Record that a notification was made, so its deadline shows as met on time or late.'
  static override description =
    'A late notification under a law that asks for it (GDPR Art. 33(1), LGPD, PDPA) needs the reason for the delay: asked at a terminal, else --delay-reason. It is kept for the report.'
  static override examples = [
    '<%= config.bin %> deadline met gdpr-art33 --ref "CNIL notification 2026-0412"',
    '<%= config.bin %> deadline met ca-1798.82-individual --at "2026-04-20 10:00"',
    '<%= config.bin %> deadline met gdpr-art33 --delay-reason "scope was only confirmed on day 4 by forensics"',
  ]
  static override enableJsonFlag = true
  static override args = {obligation: Args.string({description: 'obligation id (see `runbook deadlines`)', required: true})}
  static override flags = {
    incident: incidentFlag,
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
    ref: Flags.string({summary: "A reference: the regulator's case number, a filing id, a mailing batch."}),
    'delay-reason': Flags.string({summary: 'Why it was late (required when late under laws that ask for it).'}),
    force: Flags.boolean({summary: 'Record an --at from before the organisation knew of the breach all the same.'}),
  }

  async run() {
    const {args, flags} = await this.parse(DeadlineMet)
    const met = await markMet(this.context(flags), {
      obligation: args.obligation,
      incident: flags.incident,
      at: flags.at,
      ref: flags.ref,
      delayReason: flags['delay-reason'],
      force: flags.force,
    })
    this.log(`Recorded (#${met.seq}): ${met.obligation.id} made: ${metVerdict(met, this.style)}.`)
    return {
      obligation: met.obligation.id,
      at: met.at,
      ref: met.ref,
      delayReason: met.delayReason,
      dueAt: met.dueAt,
      lateByMinutes: met.dueAt ? Math.round(met.lateByMs / 60_000) : null,
    }
  }
}
