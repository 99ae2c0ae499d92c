import * as Args from '@oclif/core/args'
import {verifyEvidence} from '../../app/evidence.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {verifiedLines} from '../../ui/evidence-view.js'

export default class EvidenceVerify extends BaseCommand {
  static override summary = 'Check a file against the evidence register: which registered item it is, by SHA-256.'
  static override description = 'Exits 1 when no registered item has the same SHA-256 (the file changed since it was registered, or it is another file).'
  static override examples = ['<%= config.bin %> evidence verify dc01-memory.raw', '<%= config.bin %> evidence verify /mnt/usb/dc01-memory.raw --json']
  static override enableJsonFlag = true
  static override args = {path: Args.string({description: 'the file to check', required: true})}
  static override flags = {incident: incidentFlag}

  async run() {
    const {args, flags} = await this.parse(EvidenceVerify)
    const check = await verifyEvidence(this.context(flags), {incident: flags.incident, path: args.path})
    for (const line of verifiedLines(check.file.name, check.file.sha256, check.matches, this.style)) this.log(line)
    return check
  }
}
