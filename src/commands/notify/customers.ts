import * as Flags from '@oclif/core/flags'
import {notifyCustomers} from '../../app/notify.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {EMAIL_FORMATS} from '../../cli/options.js'
import {dryRunLines, notifySummaryLines} from '../../ui/notify-view.js'

export default class NotifyCustomers extends BaseCommand {
  static override summary = 'Produce one personalised notice per affected customer from a CSV: their language, their channel, only their data.'
  static override description = `Streams the recipients CSV (quoted fields, embedded newlines, UTF-8 with or without BOM). Columns: id (required), email and/or address, and optionally name, language, channel (email, letter or none), country, state, data_categories (their own, separated by ; or |). Rename a file's columns with --map.
Email goes to one mbox file in --out (or a folder of .eml, JSONL, or HTML pages); letters to print-ready HTML files of 500 with page breaks; "none" is counted. Duplicate ids or emails get one notice (duplicates.csv). Bad rows go to rejects.csv with the row number and reason, and the run goes on; --strict makes any reject fail the run.
The timeline records only the recipients file's SHA-256, the counts, the template and each output file's SHA-256: never a name, address or email. Ctrl-C stops at a checkpoint; --resume continues, producing each notice exactly once.`
  static override examples = [
    '<%= config.bin %> notify customers --recipients affected.csv --template customer/us --out notices/ --dry-run',
    '<%= config.bin %> notify customers --recipients affected.csv --template customer/us --out notices/',
    '<%= config.bin %> notify customers --recipients export.csv --map customer_no=id,mail=email --template customer/gdpr --short --out notices/ --format eml',
    '<%= config.bin %> notify customers --recipients affected.csv --template customer/us --out notices/ --resume',
  ]
  static override enableJsonFlag = true
  static override flags = {
    recipients: Flags.file({char: 'r', required: true, summary: 'The recipients CSV.'}),
    template: Flags.string({char: 't', required: true, summary: 'Template id, e.g. customer/us (see `runbook notice list`).'}),
    out: Flags.directory({char: 'o', summary: 'Folder to write into (created 0700); required unless --dry-run.'}),
    format: Flags.string({options: [...EMAIL_FORMATS], default: 'mbox', summary: 'How email notices are written.'}),
    short: Flags.boolean({default: false, summary: 'The short (layered) form.'}),
    'dry-run': Flags.boolean({summary: 'Count by channel, language and jurisdiction and show three samples; write nothing.'}),
    strict: Flags.boolean({summary: 'Fail (exit 1) when any row is rejected.'}),
    resume: Flags.boolean({summary: 'Continue an interrupted run in the same --out folder.'}),
    map: Flags.string({
      multiple: true,
      summary: 'COLUMN=FIELD, e.g. customer_no=id (fields: id, name, email, address, language, channel, country, state, data_categories).',
    }),
    incident: incidentFlag,
    as: Flags.string({summary: 'Who runs it (recorded).'}),
  }

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
    return {counts: summary.counts, recipientsSha256: summary.recipientsSha256, outputs: summary.outputs, seconds: summary.seconds, dryRun}
  }
}
