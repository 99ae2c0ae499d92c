import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {checkCopied, copyIncidents} from '../../app/store.js'
import {BaseCommand} from '../../cli/base-command.js'
import {copyLines} from '../../ui/store-view.js'

export default class StoreCopy extends BaseCommand {
  static override summary = "Copy incidents between this workspace's files and a PostgreSQL database, hashes and all."
  static override description = `--to URL copies the incidents in this workspace's folder into the database; --from URL copies the database's incidents into the folder. Without IDs, every incident (drills too).
Each record is copied byte for byte, so every event keeps its hash; it must verify before, and is read back and verified after. An incident already at the destination with the same events is left alone; one with different events is not touched and is reported. Nothing is deleted at the source.`
  static override examples = [
    '<%= config.bin %> store copy --to postgresql://anna@db.example.com/runbook',
    '<%= config.bin %> store copy --from postgresql://anna@db.example.com/runbook 20261129-ransomware-7f3a',
  ]
  static override enableJsonFlag = true
  static override strict = false
  static override args = {id: Args.string({description: 'incident id(s) (default: all)'})}
  static override flags = {
    to: Flags.string({summary: 'Copy into this database.', exclusive: ['from']}),
    from: Flags.string({summary: 'Copy from this database into the workspace folder.', exclusive: ['to']}),
  }

  async run() {
    const {argv, flags} = await this.parse(StoreCopy)
    const report = await copyIncidents(this.context(flags), {to: flags.to, from: flags.from, ids: argv as string[]})
    for (const line of copyLines(report, this.style)) this.log(line)
    checkCopied(report)
    return report
  }
}
