import * as Flags from '@oclif/core/flags'
import {existsSync} from 'node:fs'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {EMAIL_FORMATS, notifyCustomers, type EmailFormat} from '../../merge/run.js'
import {Recorder} from '../../app/session.js'
import {OperationalError, UserError} from '../../core/errors.js'
import {parseMapping} from '../../merge/recipients.js'
import {resolveIncident} from '../../store/incidents.js'

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
    map: Flags.string({multiple: true, summary: 'COLUMN=FIELD, e.g. customer_no=id (fields: id, name, email, address, language, channel, country, state, data_categories).'}),
    incident: incidentFlag,
    as: Flags.string({summary: 'Who runs it (recorded).'}),
  }

  async run() {
    const {flags} = await this.parse(NotifyCustomers)
    if (!existsSync(flags.recipients)) throw new UserError(`no recipients file at ${flags.recipients}`, {hint: 'Check the path given to --recipients.'})
    if (!flags['dry-run'] && !flags.out) throw new UserError('--out is required (or use --dry-run to preview)')
    if (flags.resume && flags.out && !existsSync(flags.out)) throw new UserError(`nothing to resume: ${flags.out} does not exist`)
    const workspace = this.workspace(flags.workspace)
    const incident = resolveIncident(workspace, flags.incident)
    const actor = this.actor(flags.as)
    let bar: {update: (value: number, payload?: object) => void; stop: () => void; start: (total: number, value: number, payload?: object) => void} | undefined
    if (process.stderr.isTTY && !this.jsonEnabled()) {
      const {default: progress} = await import('cli-progress')
      bar = new progress.SingleBar({format: ' {phase} {bar} {percentage}% | {notices} notices | {rate}/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true}, progress.Presets.shades_classic)
    }
    const started = Date.now()
    const {statSync} = await import('node:fs')
    const size = statSync(flags.recipients).size
    // The file is read twice: once for duplicates (the quicker pass), then for the notices.
    bar?.start(2 * size, 0, {phase: 'duplicates', notices: 0, rate: 0})
    let noticesSince: {at: number; notices: number} | undefined
    const result = await notifyCustomers(workspace, incident, {
      recipients: flags.recipients, templateId: flags.template, out: flags.out, format: flags.format as EmailFormat, short: flags.short,
      dryRun: flags['dry-run'] ?? false, resume: flags.resume ?? false, mapping: parseMapping(flags.map ?? []), actor,
      onProgress: (phase, bytes, notices) => {
        // The rate is notices per second of the writing pass, not of the whole run.
        if (phase === 'notices') noticesSince ??= {at: Date.now(), notices}
        const rate = noticesSince ? Math.round((notices - noticesSince.notices) / Math.max(0.001, (Date.now() - noticesSince.at) / 1000)) : 0
        bar?.update(phase === 'duplicates' ? bytes : size + bytes, {phase: phase === 'duplicates' ? 'duplicates' : 'notices   ', notices, rate})
      },
    })
    bar?.stop()
    const {counts} = result
    const seconds = (Date.now() - started) / 1000
    if (result.interrupted) {
      this.logToStderr(`Stopped after ${counts.notices} notices; everything up to here is saved. Continue with the same command and --resume.`)
      process.exitCode = 130
      return {interrupted: true, counts}
    }
    if (flags['dry-run']) {
      this.log(this.style.bold(`Dry run: ${counts.notices} notices from ${counts.rows} rows (nothing written)`))
      for (const sample of result.samples) {
        this.log(this.style.dim(`\n--- sample: ${sample.channel}, ${sample.language}, ${sample.jurisdiction} ---`))
        this.log(`Subject: ${sample.subject}\n\n${sample.text.trim()}`)
      }
    } else {
      await new Recorder(incident).record({
        type: 'notify.completed', actor,
        payload: {template: flags.template, format: flags.format, recipientsSha256: result.recipientsSha256, counts, outputs: result.outputs, resumed: flags.resume ?? false},
      })
    }
    const table = (title: string, record: Record<string, number>) => `${title}: ${Object.entries(record).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`
    this.log(`\n${counts.notices} notices${flags['dry-run'] ? ' would be produced' : ` in ${seconds.toFixed(1)} s`}; ${counts.rejects} rows rejected${counts.rejects && flags.out && !flags['dry-run'] ? ` (${flags.out}/rejects.csv)` : ''}; ${counts.duplicates} duplicates; ${counts.fallbackToEnglish} fell back to English.`)
    this.log(table('By channel', counts.byChannel))
    this.log(table('By language', counts.byLanguage))
    const jurisdictions = Object.entries(counts.byJurisdiction).sort((a, b) => b[1] - a[1])
    this.log(`By jurisdiction: ${jurisdictions.slice(0, 12).map(([k, v]) => `${k} ${v}`).join(', ')}${jurisdictions.length > 12 ? `, and ${jurisdictions.length - 12} more` : ''}`)
    for (const line of describeOutputs(result.outputs)) this.log(this.style.dim(`  ${line}`))
    if (result.outputs.length) this.log(this.style.dim('  (every file\'s SHA-256 is in the timeline and in --json)'))
    const summary = {counts, recipientsSha256: result.recipientsSha256, outputs: result.outputs, seconds, dryRun: flags['dry-run'] ?? false}
    if (flags.strict && counts.rejects > 0) {
      if (this.jsonEnabled()) {
        this.logJson(summary)
        this.exit(1)
      }
      throw new OperationalError(`${counts.rejects} row(s) were rejected (--strict)`, {hint: 'Fix the rows listed in rejects.csv and run again.'})
    }
    return summary
  }
}

/** One line per file, but batches (letters-0001.html ...) as one line each: a run of a million has hundreds. */
function describeOutputs(outputs: readonly {file: string; bytes: number; sha256: string}[]): string[] {
  const lines: string[] = []
  const batches = new Map<string, {first: string; last: string; files: number; bytes: number}>()
  for (const output of outputs) {
    const batch = /^(.*)-\d{4}\.html$/.exec(output.file)?.[1]
    if (!batch) {
      lines.push(`${output.file}  ${output.bytes.toLocaleString('en-US')} bytes  sha256 ${output.sha256.slice(0, 16)}...`)
      continue
    }
    const group = batches.get(batch) ?? {first: output.file, last: output.file, files: 0, bytes: 0}
    group.last = output.file
    group.files++
    group.bytes += output.bytes
    batches.set(batch, group)
  }
  for (const group of batches.values()) {
    lines.push(`${group.files === 1 ? group.first : `${group.first} ... ${group.last}`}  ${group.files} file${group.files === 1 ? '' : 's'}, ${group.bytes.toLocaleString('en-US')} bytes`)
  }
  return lines.sort()
}
