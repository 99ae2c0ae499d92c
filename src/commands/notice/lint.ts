import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {existsSync, readFileSync} from 'node:fs'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag} from '../../cli/flags.js'
import {renderForIncident, requirementsFor} from '../../app/notices.js'
import {OperationalError} from '../../core/errors.js'
import {lintNotice, type Finding} from '../../core/notices/lint.js'
import {NOTICE_KINDS} from '../../core/notices/schema.js'
import {resolveIncident} from '../../store/incidents.js'
import {findingLines} from '../../ui/findings-view.js'
import {incidentNow} from '../../core/incident/now.js'

export default class NoticeLint extends BaseCommand {
  static override summary = 'Check a notice before it goes out: required elements, leftovers, plain language, vague phrases, contact details.'
  static override description = `FILE is a rendered notice (md, txt, html or eml); TEMPLATE is a template id, rendered with the incident's facts first.
Errors (a missing required element, a leftover placeholder, no real contact) exit 1; warnings (reading grade, length, vague phrases) do not, unless --strict.`
  static override examples = [
    '<%= config.bin %> notice lint notice.md --regime ca-1798.82-individual',
    '<%= config.bin %> notice lint customer/us --short',
    '<%= config.bin %> notice lint draft.txt --kind regulator --regime gdpr-art33 --strict --json',
  ]
  static override enableJsonFlag = true
  static override args = {target: Args.string({description: 'a rendered file, or a template id', required: true})}
  static override flags = {
    regime: Flags.string({multiple: true, summary: 'Check the required content of this obligation (e.g. gdpr-art33).'}),
    strict: Flags.boolean({summary: 'Warnings fail too.'}),
    kind: Flags.string({options: [...NOTICE_KINDS], default: 'customer', summary: 'What the file is (for a FILE).'}),
    locale: Flags.string({summary: 'Language of the file (default: detected) or the template to render.'}),
    short: Flags.boolean({default: false, summary: 'Lint the short form (word budget).'}),
    incident: incidentFlag,
  }

  async run() {
    const {args, flags} = await this.parse(NoticeLint)
    const workspace = this.workspace(flags.workspace)
    let findings: Finding[]
    let where = args.target
    if (existsSync(args.target)) {
      let text = readFileSync(args.target, 'utf8')
      if (/\.html?$/i.test(args.target) || /^Content-Type:/im.test(text)) text = text.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, '\n').replace(/&nbsp;/g, ' ')
      const locale = flags.locale ?? (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) ? 'ja' : 'en')
      const required = await requirementsFor(workspace, flags.regime ?? [])
      findings = lintNotice({text, locale, kind: flags.kind as (typeof NOTICE_KINDS)[number], short: flags.short, exercise: /EXERCISE EXERCISE EXERCISE/.test(text), required})
    } else {
      const incident = resolveIncident(workspace, flags.incident)
      const result = await renderForIncident(workspace, incident, {templateId: args.target, format: 'md', short: flags.short, locale: flags.locale, now: incidentNow(incident.state, Date.now()), actor: this.actor()}, flags.regime ?? [])
      findings = result.findings
      where = `${args.target} (${result.rendered.variant.name})`
      if (result.fellBack) this.logToStderr(this.style.yellow(`Note: ${result.fellBack}.`))
    }
    const errors = findings.filter((f) => f.severity === 'error').length
    const warnings = findings.length - errors
    for (const line of findingLines(findings, this.style, where)) this.log(line)
    const summary = {target: args.target, errors, warnings, findings}
    const failed = errors > 0 || (flags.strict && warnings > 0)
    if (failed) {
      if (this.jsonEnabled()) {
        this.logJson(summary)
        this.exit(1)
      }
      throw new OperationalError(`${errors} error(s) and ${warnings} warning(s) in ${args.target}${flags.strict && errors === 0 ? ' (--strict)' : ''}`)
    }
    this.log(this.style.green(`${args.target}: ${errors} errors, ${warnings} warnings.`))
    return summary
  }
}
