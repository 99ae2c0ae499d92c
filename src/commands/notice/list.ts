import {BaseCommand} from '../../cli/base-command.js'
import {listTemplates, loadTemplateMeta} from '../../store/templates.js'
import {OUTPUT_FORMATS} from '../../render/notice.js'

export default class NoticeList extends BaseCommand {
  static override summary = 'List the notice and report templates: id, kind, languages, forms and the obligations each serves.'
  static override examples = ['<%= config.bin %> notice list', '<%= config.bin %> notice list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(NoticeList)
    const workspace = this.workspace(flags.workspace)
    const rows = []
    for (const entry of listTemplates(workspace.root).values()) {
      const first = entry.variants.find((v) => !v.short) ?? entry.variants[0]!
      const meta = await loadTemplateMeta(first)
      rows.push({
        id: entry.id,
        title: meta.title,
        kind: meta.kind,
        locales: [...new Set(entry.variants.map((v) => v.locale))].sort(),
        forms: [...new Set(entry.variants.map((v) => (v.short ? 'short' : 'full')))].sort(),
        formats: first.source === 'md' ? [...OUTPUT_FORMATS] : [first.source, 'html', 'eml'],
        serves: meta.serves,
        origin: entry.variants.some((v) => v.origin === 'workspace') ? 'workspace' : 'built-in',
      })
    }
    const width = Math.max(...rows.map((r) => r.id.length))
    for (const row of rows) {
      this.log(`${this.style.bold(row.id.padEnd(width))}  ${row.kind.padEnd(9)} ${row.locales.join(',').padEnd(5)} ${row.forms.join('+').padEnd(10)} ${row.title}${row.serves.length ? this.style.dim(` [${row.serves.join(', ')}]`) : ''}`)
    }
    this.log(this.style.dim('\nRender one with: runbook notice render ID [--format md|html|txt|eml] [--short] [--out FILE]'))
    return rows
  }
}
