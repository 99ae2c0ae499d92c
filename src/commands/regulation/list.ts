import {regulationCatalogue} from '../../app/content.js'
import {BaseCommand} from '../../cli/base-command.js'
import {regulationListLines} from '../../ui/regulation-view.js'

export default class RegulationList extends BaseCommand {
  static override summary = 'List the notification regimes runbook knows, with their source, review date and coming changes.'
  static override examples = ['<%= config.bin %> regulation list', '<%= config.bin %> regulation list --json']
  static override enableJsonFlag = true

  async run() {
    const {flags} = await this.parse(RegulationList)
    const {rows, broken} = await regulationCatalogue(this.context(flags))
    for (const line of regulationListLines(rows, this.style)) this.log(line)
    for (const file of broken) this.logToStderr(this.errStyle.yellow(`Skipped ${file}: it does not validate (run \`runbook regulation validate ${file}\`).`))
    return rows
  }
}
