import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {assertRenderLinted, renderNoticeForIncident} from '../../app/notices.js'
import {BaseCommand} from '../../cli/base-command.js'
import {forFlag, incidentFlag} from '../../cli/flags.js'
import {OUTPUT_FORMATS} from '../../cli/options.js'
import type {OutputFormat} from '../../render/notice.js'
import {findingLines} from '../../ui/findings-view.js'

export default class NoticeRender extends BaseCommand {
  static override summary = "Render a customer notice or regulator report with the incident's facts, then lint it."
  static override description = `Every fact the template needs and the incident lacks is listed at once, each with the command that sets it (a misspelt fact in the template with the name it is near); nothing is written.
HTML is a complete, print-ready page; .eml is a MIME message (text and HTML parts, UTF-8 subject) that mail clients open; PDF is printed by the local Chromium (Debian package chromium) on the reader's paper, pages numbered, and needs --out. Files are written atomically, mode 0600.
With notices.require_approval in runbook.yaml, a render to a file (--out) needs the template's files approved as they are (runbook notice approve), or these very bytes approved.
The timeline records which template was rendered and the SHA-256 of the output, never its text. Lint findings are printed; errors make the exit code 1 (the file is still written so it can be fixed).`
  static override examples = [
    '<%= config.bin %> notice render customer/us --format html --out notice.html',
    '<%= config.bin %> notice render customer/us --short --format eml --out notice.eml',
    '<%= config.bin %> notice render regulator/gdpr-art33 --format md',
    '<%= config.bin %> notice render customer/appi --locale ja --format txt',
    '<%= config.bin %> notice render regulator/gdpr-art33 --format pdf --out art33.pdf',
  ]
  static override args = {template: Args.string({description: 'template id (see `runbook notice list`), e.g. customer/us', required: true})}
  static override flags = {
    incident: incidentFlag,
    for: forFlag,
    'allow-fallback': Flags.boolean({
      summary: "Print a fact in the organisation's own language when it has no translation in the notice's (default: stop and name it).",
    }),
    format: Flags.string({char: 'f', options: [...OUTPUT_FORMATS], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file instead of standard output.'}),
    short: Flags.boolean({default: false, summary: 'The short (layered) form: about a minute of reading.'}),
    locale: Flags.string({char: 'l', summary: "Language, e.g. en or ja (default: the organisation's first locale; falls back to English)."}),
    regime: Flags.string({multiple: true, summary: "Also lint against this obligation's required content (e.g. gdpr-art34)."}),
    as: Flags.string({summary: 'Who renders it (recorded).'}),
  }

  async run() {
    const {args, flags} = await this.parse(NoticeRender)
    const request = {
      incident: flags.incident,
      forJurisdiction: flags.for,
      allowFallback: flags['allow-fallback'],
      templateId: args.template,
      format: flags.format as OutputFormat,
      short: flags.short,
      locale: flags.locale,
      out: flags.out,
      regimes: flags.regime ?? [],
    }
    const {result, bytes, sha256, errors} = await renderNoticeForIncident(this.context(flags), request)
    if (result.fellBack) this.logToStderr(this.errStyle.yellow(`Note: ${result.fellBack}.`))
    if (result.factFallbacks.length)
      this.logToStderr(this.errStyle.yellow(`Note: printed in the organisation's language, no translation set: ${result.factFallbacks.join(', ')}.`))
    if (result.reader) this.logToStderr(this.errStyle.dim(`For a reader in ${result.reader.jurisdiction}: ${result.reader.why}.`))
    for (const line of findingLines(result.findings, this.errStyle, flags.out ?? '')) this.logToStderr(line)
    if (flags.out) this.logToStderr(`Wrote ${flags.out} (${bytes.length} bytes, sha256 ${sha256.slice(0, 16)}...); recorded in the timeline.`)
    assertRenderLinted(args.template, errors)
  }
}
