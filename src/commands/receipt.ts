import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {issueReceipt} from '../app/integrity.js'
import {BaseCommand} from '../cli/base-command.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Receipt extends BaseCommand {
  static override summary = "Sign the incident log's head, so that cutting, emptying or rewriting the log is caught later."
  static override description = `A receipt names the last event (its sequence number and hash) and is signed with an Ed25519 key kept in your settings folder, outside every workspace. Give it to someone else (legal, your own mailbox); \`runbook verify --receipt FILE\` later proves the log still holds that event.`
  static override examples = ['<%= config.bin %> receipt --out receipt-2026-11-30.json', '<%= config.bin %> verify --receipt receipt-2026-11-30.json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    out: Flags.file({char: 'o', summary: 'Write the receipt to this file (mode 0600) instead of standard output.'}),
  }

  async run() {
    const {args, flags} = await this.parse(Receipt)
    const {receipt, keyFile} = await issueReceipt(this.context(flags), incidentNamed(args.id, flags.incident), flags.out)
    if (this.jsonEnabled()) return receipt
    if (!flags.out) this.log(JSON.stringify(receipt, null, 2))
    this.logToStderr(this.errStyle.dim(`Signed event #${receipt.seq} of ${receipt.incident} with key ${receipt.keyId} (${keyFile}).`))
    if (flags.out) this.logToStderr(`Wrote the receipt to ${flags.out}. Keep a copy outside this machine.`)
    return receipt
  }
}
