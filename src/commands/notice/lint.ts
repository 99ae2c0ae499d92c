import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {assertLintPassed, lintTarget} from '../../app/notices.js'
import {BaseCommand} from '../../cli/base-command.js'
import {forFlag, incidentFlag} from '../../cli/flags.js'
import {NOTICE_KINDS} from '../../cli/options.js'
import {findingLines} from '../../ui/findings-view.js'

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
    for: forFlag,
  }

  async run() {
    const {args, flags} = await this.parse(NoticeLint)
    const request = {
      target: args.target,
      regimes: flags.regime ?? [],
      strict: flags.strict ?? false,
      kind: flags.kind as (typeof NOTICE_KINDS)[number],
      locale: flags.locale,
      short: flags.short,
      incident: flags.incident,
      forJurisdiction: flags.for,
    }
    const summary = await lintTarget(this.context(flags), request)
    if (summary.fellBack) this.logToStderr(this.errStyle.yellow(`Note: ${summary.fellBack}.`))
    for (const line of findingLines(summary.findings, this.style, summary.where)) this.log(line)
    assertLintPassed(summary)
    this.log(this.style.green(`${args.target}: ${summary.errors} errors, ${summary.warnings} warnings.`))
    return summary
  }
}
