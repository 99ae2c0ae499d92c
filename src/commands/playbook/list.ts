import {playbookCatalogue} from '../../app/content.js'
import {skippedPlaybookLine} from '../../ui/playbook-view.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class PlaybookList extends BaseCommand {
  static override summary = 'List the breach playbooks you can walk.'
  static override description =
    "Built-in playbooks, and the workspace's own from its playbooks/ folder (a workspace file with the same id replaces the built-in one)."
  static override examples = ['<%= config.bin %> playbook list', '<%= config.bin %> playbook list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(PlaybookList)
    const {rows, broken} = playbookCatalogue(this.context(flags))
    const width = Math.max(...rows.map((r) => r.id.length), 2)
    for (const row of rows) {
      this.log(
        `${this.style.bold(row.id.padEnd(width))}  ${row.title} ${this.style.dim(`(v${row.version}, ${row.steps} steps, reviewed ${row.reviewedAt}${row.origin === 'workspace' ? ', workspace' : ''})`)}`,
      )
    }
    for (const {file, hides} of broken) this.logToStderr(this.errStyle.yellow(skippedPlaybookLine(file, hides)))
    if (rows.length > 0) this.log(this.style.dim(`\nWalk one with: runbook start ${rows[0]!.id}`))
    return rows
  }
}
