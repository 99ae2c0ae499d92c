import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {verifyIncident} from '../app/integrity.js'
import {BaseCommand} from '../cli/base-command.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Verify extends BaseCommand {
  static override summary = 'Check that the incident log is intact: every event in sequence and chained by its hash.'
  static override description = 'Exits 1 and names the first bad line when an event was edited, deleted, reordered, or a write was torn.'
  static override examples = [
    '<%= config.bin %> verify',
    '<%= config.bin %> verify 20261129-ransomware-7f3a --json',
    '<%= config.bin %> verify --receipt receipt.json',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    receipt: Flags.file({summary: 'Also check that the log still holds the head this receipt names (from `runbook receipt`).'}),
  }

  async run() {
    const {args, flags} = await this.parse(Verify)
    const summary = await verifyIncident(this.context(flags), incidentNamed(args.id, flags.incident), {receiptFile: flags.receipt})
    this.log(`${this.style.green('ok')}: ${summary.events} events, chain intact (last hash ${summary.lastHash.slice(0, 16)}...)`)
    if (summary.receipt)
      this.log(
        `${this.style.green('ok')}: holds event #${summary.receipt.seq} as the receipt of ${summary.receipt.signedAt} names it (key ${summary.receipt.keyId}${summary.receipt.signer === 'this-machine' ? ', this machine' : ", not this machine's key: check it is the one you expect"})`,
      )
    for (const skew of summary.clockSkews)
      this.logToStderr(
        this.errStyle.yellow(`Note: event #${skew.seq} was recorded by a clock ${Math.round(skew.behindMs / 1000)} s behind the event before it.`),
      )
    return summary
  }
}
