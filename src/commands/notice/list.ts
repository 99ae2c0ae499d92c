import {listNoticeTemplates} from '../../app/notices.js'
import {BaseCommand} from '../../cli/base-command.js'
import {templateListLines} from '../../ui/notice-view.js'

export default class NoticeList extends BaseCommand {
  static override summary = 'List the notice and report templates: id, kind, languages, forms, where each lives and the obligations each serves.'
  static override description = `Where: "built-in" is runbook's own; "workspace" is a file in the workspace's templates/ folder, which replaces runbook's file of the same name ("overrides built-in"). \`runbook notice edit ID\` makes such a copy.`
  static override examples = ['<%= config.bin %> notice list', '<%= config.bin %> notice list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(NoticeList)
    const rows = await listNoticeTemplates(this.context(flags))
    for (const line of templateListLines(rows, this.style)) this.log(line)
    return rows
  }
}
