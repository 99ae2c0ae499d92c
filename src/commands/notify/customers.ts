import {notifyCustomers} from '../../app/notify.js'
import {BaseCommand} from '../../cli/base-command.js'
import {notifyFlags} from '../../cli/notify-flags.js'
import {dryRunLines, nextStepLines, notifySummaryLines} from '../../ui/notify-view.js'

export default class NotifyCustomers extends BaseCommand {
  static override summary = 'Produce one personalised notice per affected customer from a CSV: the notice their law calls for, in their language.'
  static override description = `Streams the recipients CSV (quoted fields, embedded newlines, UTF-8 with or without BOM). Columns: id (required), email and/or address, and optionally name, language, channel (email, letter or none), country, state, data_categories (their own, separated by ; or |). Rename a file's columns with --map.
Each reader gets the notice their jurisdiction's law calls for (templates/routing.yaml and notices.routes in runbook.yaml: US states, the EEA, the UK, Japan ...), in their language where the template has it. --template forces one template: readers it does not serve are rejected with the reason, or sent it anyway with --force-template (counted). A row with no country, or a country no route covers, is rejected with the reason.
Email goes to one mbox file in --out (or a folder of .eml, JSONL, or HTML pages); letters to print-ready HTML files of 500 with page breaks; "none" is counted. Duplicate ids or emails get one notice (duplicates.csv). Bad rows go to rejects.csv with the row number and reason, and the run goes on; --strict makes any reject fail the run.
The timeline records only the recipients file's SHA-256, the counts, the template files used and each output file's SHA-256: never a name, address or email; MANIFEST.sha256 in --out lists the files written. With notices.require_approval in runbook.yaml, the template files the notices come from must be approved as they are (runbook notice approve) before anything is written. Ctrl-C stops at a checkpoint; --resume continues, producing each notice exactly once.`
  static override examples = [
    '<%= config.bin %> notify customers --recipients affected.csv --out notices/ --dry-run',
    '<%= config.bin %> notify customers --recipients affected.csv --out notices/',
    '<%= config.bin %> notify customers --recipients export.csv --map customer_no=id,mail=email --template customer/gdpr --short --out notices/ --format eml',
    '<%= config.bin %> notify customers --recipients affected.csv --out notices/ --resume',
  ]
  static override enableJsonFlag = true
  static override flags = notifyFlags

  async run() {
    const {flags} = await this.parse(NotifyCustomers)
    const dryRun = flags['dry-run'] ?? false
    const summary = await notifyCustomers(this.context(flags), flags)
    if (summary.interrupted) {
      this.logToStderr(`Stopped after ${summary.counts.notices} notices; everything up to here is saved. Continue with the same command and --resume.`)
      process.exitCode = 130
      return {interrupted: true, counts: summary.counts}
    }
    if (dryRun) for (const line of dryRunLines(summary, this.style)) this.log(line)
    for (const line of notifySummaryLines({...summary, out: flags.out}, this.style)) this.log(line)
    if (summary.next && flags.out) for (const line of nextStepLines({...summary, ...summary.next, out: flags.out}, this.style)) this.log(line)
    return {
      counts: summary.counts,
      recipientsSha256: summary.recipientsSha256,
      outputs: summary.outputs,
      rejected: summary.rejected,
      seconds: summary.seconds,
      dryRun,
    }
  }
}
