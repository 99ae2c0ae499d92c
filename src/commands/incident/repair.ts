import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {findTornTail, repairForkedLog, repairTornTail} from '../../app/integrity.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentArgFlag, incidentRequired} from '../../cli/flags.js'

export default class IncidentRepair extends BaseCommand {
  static override summary = 'Repair an incident log after a crash mid-write or a fork, after confirmation; nothing is ever dropped.'
  static override description = `A torn last line (a crash mid-write) is moved into events.jsonl.torn-<time>. A forked branch (events that do not continue the chain, e.g. from two copies of the log synced by hand) is moved into events.jsonl.fork-<time> and its events are recorded again after the intact chain, marked as recovered, with a record of what was done. An edited event is never "repaired": it stays as evidence.`
  static override examples = ['<%= config.bin %> incident repair 20261129-ransomware-7f3a', '<%= config.bin %> incident repair 20261129-ransomware-7f3a --yes']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id'})}
  static override flags = {incident: incidentArgFlag, yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'})}

  async run() {
    const {args, flags} = await this.parse(IncidentRepair)
    const ctx = this.context(flags)
    const {id, torn} = await findTornTail(ctx, incidentRequired(args.id, flags.incident, 'incident repair'))
    if (torn) {
      const what = torn.preview.trim() === '' ? 'ends with blank lines after its last event' : 'has an incomplete last line'
      this.log(`${torn.path} ${what} (${torn.bytes} bytes): ${JSON.stringify(torn.preview)}`)
      const result = await repairTornTail(ctx, id, {yes: flags.yes ?? false})
      if (result === 'declined') return this.unchanged()
      this.log(`Moved ${result?.bytes ?? 0} bytes to ${result?.sideFile}. Run \`runbook incident repair ${id}\` again if verify still fails.`)
      return {repaired: true, torn: result}
    }
    const fork = await repairForkedLog(ctx, id, {yes: flags.yes ?? false})
    if (fork === 'declined') return this.unchanged()
    if (fork === null) {
      this.log('Nothing to repair: the log ends with a complete event and its chain is intact. Run `runbook verify` to check it.')
      return {repaired: false}
    }
    this.log(`Moved ${fork.moved} event(s) from line ${fork.fromLine} to ${fork.sideFile} and recorded them again as recovered. The chain is whole.`)
    return {repaired: true, fork}
  }

  private unchanged() {
    this.log('Nothing changed.')
    return {repaired: false}
  }
}
