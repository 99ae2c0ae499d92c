import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {renderForIncident} from '../../app/notices.js'
import {Recorder} from '../../app/session.js'
import {sha256} from '../../core/incident/chain.js'
import {OperationalError} from '../../core/errors.js'
import {resolveIncident} from '../../store/incidents.js'
import {writeFileAtomic} from '../../store/files.js'
import {OUTPUT_FORMATS, type OutputFormat} from '../../render/notice.js'
import {findingLines} from '../../ui/findings-view.js'
import {incidentNow} from '../../core/incident/now.js'

export default class NoticeRender extends BaseCommand {
  static override summary = 'Render a customer notice or regulator report with the incident\'s facts, then lint it.'
  static override description = `A fact the template needs and the incident lacks stops the render, naming the fact and the command that sets it; nothing is written.
HTML is a complete, print-ready page; .eml is a MIME message (text and HTML parts, UTF-8 subject) that mail clients open. Files are written atomically, mode 0600.
The timeline records which template was rendered and the SHA-256 of the output, never its text. Lint findings are printed; errors make the exit code 1 (the file is still written so it can be fixed).`
  static override examples = [
    '<%= config.bin %> notice render customer/us --format html --out notice.html',
    '<%= config.bin %> notice render customer/us --short --format eml --out notice.eml',
    '<%= config.bin %> notice render regulator/gdpr-art33 --format md',
    '<%= config.bin %> notice render customer/appi --locale ja --format txt',
  ]
  static override args = {template: Args.string({description: 'template id (see `runbook notice list`), e.g. customer/us', required: true})}
  static override flags = {
    incident: incidentFlag,
    format: Flags.string({char: 'f', options: [...OUTPUT_FORMATS], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file instead of standard output.'}),
    short: Flags.boolean({default: false, summary: 'The short (layered) form: about a minute of reading.'}),
    locale: Flags.string({char: 'l', summary: 'Language, e.g. en or ja (default: the organisation\'s first locale; falls back to English).'}),
    regime: Flags.string({multiple: true, summary: 'Also lint against this obligation\'s required content (e.g. gdpr-art34).'}),
    as: Flags.string({summary: 'Who renders it (recorded).'}),
  }

  async run() {
    const {args, flags} = await this.parse(NoticeRender)
    const workspace = this.workspace(flags.workspace)
    const incident = resolveIncident(workspace, flags.incident)
    const actor = this.actor(flags.as)
    const result = await renderForIncident(workspace, incident, {
      templateId: args.template, format: flags.format as OutputFormat, short: flags.short, locale: flags.locale, now: incidentNow(incident.state, Date.now()), actor,
    }, flags.regime ?? [])
    const {rendered, findings} = result
    if (result.fellBack) this.logToStderr(this.style.yellow(`Note: ${result.fellBack}.`))
    const bytes = typeof rendered.output === 'string' ? Buffer.from(rendered.output) : rendered.output
    if (flags.out) writeFileAtomic(flags.out, bytes)
    else process.stdout.write(bytes)
    const errors = findings.filter((f) => f.severity === 'error').length
    await new Recorder(incident).record({
      type: 'notice.rendered',
      actor,
      payload: {
        template: args.template, file: rendered.variant.name, locale: rendered.locale, format: rendered.format, short: flags.short,
        sha256: sha256(bytes), bytes: bytes.length, ...(flags.out ? {out: flags.out} : {}), lint: {errors, warnings: findings.length - errors},
      },
    })
    for (const line of findingLines(findings, this.style, flags.out ?? '')) this.logToStderr(line)
    if (flags.out) this.logToStderr(`Wrote ${flags.out} (${bytes.length} bytes, sha256 ${sha256(bytes).slice(0, 16)}...); recorded in the timeline.`)
    if (errors > 0) throw new OperationalError(`lint found ${errors} error(s) in the rendered ${args.template}`, {hint: 'Fix the facts or the template, render again, and check with `runbook notice lint`.'})
  }
}
