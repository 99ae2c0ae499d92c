import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {findTornTail, repairTornTail} from '../../app/integrity.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class IncidentRepair extends BaseCommand {
  static override summary = 'Move an incomplete last line (from a crash mid-write) aside into a side file, after confirmation.'
  static override description = 'Only a torn last line is ever moved, into events.jsonl.torn-<time> next to the log; no complete event is dropped.'
  static override examples = ['<%= config.bin %> incident repair 20261129-ransomware-7f3a', '<%= config.bin %> incident repair 20261129-ransomware-7f3a --yes']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id', required: true})}
  static override flags = {yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'})}

  async run() {
    const {args, flags} = await this.parse(IncidentRepair)
    const ctx = this.context(flags)
    const {id, torn} = await findTornTail(ctx, args.id)
    if (!torn) {
      this.log('Nothing to repair: the log ends with a complete event. Run `runbook verify` to check the whole chain.')
      return {repaired: false}
    }
    this.log(`The last line of ${torn.path} is incomplete (${torn.bytes} bytes): ${JSON.stringify(torn.preview)}`)
    const result = await repairTornTail(ctx, id, {yes: flags.yes ?? false})
    if (result === 'declined') {
      this.log('Nothing changed.')
      return {repaired: false}
    }
    this.log(`Moved ${result?.bytes ?? 0} bytes to ${result?.sideFile}. The log is whole again.`)
    return {repaired: true, ...result}
  }
}
