import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {scenarioPreview} from '../../app/drill-preview.js'
import {BaseCommand} from '../../cli/base-command.js'
import {facilitatorFlag} from '../../cli/flags.js'
import {previewLines} from '../../ui/drill-view.js'

export default class DrillShow extends BaseCommand {
  static override summary = 'Preview a scenario: situation, objectives and inject schedule, as if it started now. Expected actions only with --facilitator.'
  static override examples = ['<%= config.bin %> drill show ransomware-double-extortion', '<%= config.bin %> drill show vendor-breach-press --facilitator']
  static override enableJsonFlag = true
  static override args = {scenario: Args.string({description: 'scenario id (see `runbook drill list`)', required: true})}
  static override flags = {facilitator: facilitatorFlag, tz: Flags.string({summary: "Time zone to show times in (default: the workspace's)."})}

  async run() {
    const {args, flags} = await this.parse(DrillShow)
    const preview = await scenarioPreview(this.context(flags), args.scenario, {audience: flags.facilitator ? 'facilitator' : 'player', tz: flags.tz})
    for (const line of previewLines(preview, this.style, this.context().io.columns)) this.log(line)
    return preview
  }
}
