import {BaseCommand} from '../../cli/base-command.js'
import {stepsInOrder} from '../../core/playbook/model.js'
import {availablePlaybooks, playbookFiles} from '../../store/playbooks.js'

export default class PlaybookList extends BaseCommand {
  static override summary = 'List the breach playbooks you can walk.'
  static override description = 'Built-in playbooks, and the workspace\'s own from its playbooks/ folder (a workspace file with the same id replaces the built-in one).'
  static override examples = ['<%= config.bin %> playbook list', '<%= config.bin %> playbook list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(PlaybookList)
    const workspace = this.workspace(flags.workspace)
    const playbooks = [...availablePlaybooks(workspace.root).values()].sort((a, b) => a.playbook.id.localeCompare(b.playbook.id))
    const broken = playbookFiles(workspace.root).filter((f) => !f.playbook)
    const rows = playbooks.map(({playbook, origin, file}) => ({
      id: playbook.id,
      title: playbook.title,
      version: playbook.version,
      reviewedAt: playbook.reviewed_at,
      steps: stepsInOrder(playbook).length,
      origin,
      file,
    }))
    const width = Math.max(...rows.map((r) => r.id.length), 2)
    for (const row of rows) {
      this.log(`${this.style.bold(row.id.padEnd(width))}  ${row.title} ${this.style.dim(`(v${row.version}, ${row.steps} steps, reviewed ${row.reviewedAt}${row.origin === 'workspace' ? ', workspace' : ''})`)}`)
    }
    for (const file of broken) this.logToStderr(this.style.yellow(`Skipped ${file.file}: it does not validate (run \`runbook playbook validate ${file.file}\`).`))
    if (rows.length > 0) this.log(this.style.dim(`\nWalk one with: runbook start ${rows[0]!.id}`))
    return rows
  }
}
