import {listNoticeTemplates} from '../../app/notices.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class NoticeList extends BaseCommand {
  static override summary = 'List the notice and report templates: id, kind, languages, forms and the obligations each serves.'
  static override examples = ['<%= config.bin %> notice list', '<%= config.bin %> notice list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(NoticeList)
    const rows = await listNoticeTemplates(this.context(flags))
    const width = Math.max(...rows.map((r) => r.id.length))
    for (const row of rows) {
      this.log(
        `${this.style.bold(row.id.padEnd(width))}  ${row.kind.padEnd(9)} ${row.locales.join(',').padEnd(5)} ${row.forms.join('+').padEnd(10)} ${row.title}${row.serves.length ? this.style.dim(` [${row.serves.join(', ')}]`) : ''}`,
      )
    }
    this.log(this.style.dim('\nRender one with: runbook notice render ID [--format md|html|txt|eml] [--short] [--out FILE]'))
    return rows
  }
}
