import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {approveFile} from '../../app/approvals.js'
import {BaseCommand} from '../../cli/base-command.js'
import {incidentFlag, expectSeqFlag} from '../../cli/flags.js'
import {ROLES} from '../../cli/options.js'
import type {Role} from '../../core/playbook/model.js'
import {approveLines} from '../../ui/notice-view.js'

export default class NoticeApprove extends BaseCommand {
  static override summary = 'Sign off a template or a rendered notice: records who approved it, in what role, when, and the SHA-256 of its bytes.'
  static override description = `FILE is a template file (templates/customer/us.en.md.njk), a rendered notice (notice.html), or a template id (every language and form of it).
An approval is of the bytes: a file changed afterwards needs a new one. With notices.require_approval: true in runbook.yaml, \`notify customers\` and \`notice render --out\` refuse template files without an approval of their current bytes (in the role notices.approver_role names, when set), and say who must approve.`
  static override examples = [
    '<%= config.bin %> notice approve templates/customer/us.en.md.njk --as "Dana Reyes" --role legal',
    '<%= config.bin %> notice approve customer/us --as "Dana Reyes" --role legal',
    '<%= config.bin %> notice approve notice.html --as "Dana Reyes" --role legal',
  ]
  static override enableJsonFlag = true
  static override args = {file: Args.string({description: 'a template file, a rendered notice, or a template id', required: true})}
  static override flags = {
    as: Flags.string({required: true, summary: 'Who approves (recorded as the approver).'}),
    role: Flags.string({options: [...ROLES], summary: 'In what role, e.g. legal.'}),
    incident: incidentFlag,
    'expect-seq': expectSeqFlag,
  }

  async run() {
    const {args, flags} = await this.parse(NoticeApprove)
    const role = flags.role as Role | undefined
    const result = await approveFile(this.context(flags), {target: args.file, role, incident: flags.incident})
    for (const line of approveLines(result, flags.as, role)) this.log(line)
    return result
  }
}
