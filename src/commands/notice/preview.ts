import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {previewNotice} from '../../app/notice-workflow.js'
import {BaseCommand} from '../../cli/base-command.js'
import {forFlag, incidentFlag} from '../../cli/flags.js'
import {previewLines} from '../../ui/notice-view.js'

export default class NoticePreview extends BaseCommand {
  static override summary = "See a notice as its reader will: render it with the incident's facts to an HTML page and open it (or print its path)."
  static override description = `The page is written to a private temporary folder (mode 0700, the file 0600) and its path printed; --open also opens it in the desktop's browser (xdg-open or open) where there is a display. Nothing is recorded in the timeline.
Every fact the template needs and the incident lacks is listed at once, with the command that sets each.`
  static override examples = [
    '<%= config.bin %> notice preview customer/us --open',
    '<%= config.bin %> notice preview customer/us --for US-MA',
    '<%= config.bin %> notice preview customer/appi --locale ja',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'template id (see `runbook notice list`), e.g. customer/us', required: true})}
  static override flags = {
    open: Flags.boolean({summary: "Open the page in the desktop's browser."}),
    incident: incidentFlag,
    for: forFlag,
    locale: Flags.string({char: 'l', summary: "Language, e.g. en or ja (default: the organisation's first locale)."}),
    short: Flags.boolean({default: false, summary: 'The short (layered) form.'}),
  }

  async run() {
    const {args, flags} = await this.parse(NoticePreview)
    const input = {id: args.id, incident: flags.incident, forJurisdiction: flags.for, locale: flags.locale, short: flags.short, open: flags.open ?? false}
    const result = await previewNotice(this.context(flags), input)
    if (result.fellBack) this.logToStderr(this.errStyle.yellow(`Note: ${result.fellBack}.`))
    const errors = result.findings.filter((f) => f.severity === 'error').length
    for (const line of previewLines({...result, errors, warnings: result.findings.length - errors}, this.style)) this.log(line)
    return result
  }
}
