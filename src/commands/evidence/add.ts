import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {addEvidence} from '../../app/evidence.js'
import {BaseCommand} from '../../cli/base-command.js'
import {atFlag, asFlag, incidentFlag, expectSeqFlag} from '../../cli/flags.js'
import {addedLines} from '../../ui/evidence-view.js'

export default class EvidenceAdd extends BaseCommand {
  static override summary = 'Register a file as evidence: its SHA-256, size, source and custodian (never its content).'
  static override description = `The file is read once, in chunks, to compute its SHA-256; nothing of its content is recorded. Only a regular file can be registered: a folder, a device or a named pipe is refused. The item gets an id (EV-<n>) for \`evidence transfer\` and shows in the timeline and the after-action report.`
  static override examples = [
    '<%= config.bin %> evidence add dc01-memory.raw --desc "Memory image of DC01" --source "DC01, 10.0.4.2" --custodian alice',
    '<%= config.bin %> evidence add ransom-note.txt --source "FS02 share \\\\finance" --json',
  ]
  static override enableJsonFlag = true
  static override args = {path: Args.string({description: 'the file to register', required: true})}
  static override flags = {
    incident: incidentFlag,
    desc: Flags.string({summary: 'What it is (a memory image of DC01, the VPN log export for March).'}),
    source: Flags.string({summary: 'Where it came from: the host, system, account or person.'}),
    custodian: Flags.string({summary: 'Who holds it now (default: whoever registers it, see --as).'}),
    at: atFlag,
    as: asFlag,
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(EvidenceAdd)
    const added = await addEvidence(this.context(flags), {
      incident: flags.incident,
      at: flags.at,
      path: args.path,
      description: flags.desc,
      source: flags.source,
      custodian: flags.custodian,
    })
    for (const line of addedLines(added.item, added.sameAs, this.style)) this.log(line)
    return {incident: added.incident, item: added.item, sameAs: added.sameAs.map((e) => e.id)}
  }
}
