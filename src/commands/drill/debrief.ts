import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {hotwash} from '../../app/drill-control.js'
import {BaseCommand} from '../../cli/base-command.js'
import {drillFlag} from '../../cli/flags.js'
import {debriefLines} from '../../ui/drill-view.js'

export default class DrillDebrief extends BaseCommand {
  static override summary = 'Record a hotwash note (what worked, what did not) with its author, or list the notes so far.'
  static override description = 'Works during the drill and after it ended. The notes go into the after-action report, each with who said it.'
  static override examples = [
    '<%= config.bin %> drill debrief "Nobody knew who could approve the holding statement" --as Anna',
    '<%= config.bin %> drill debrief',
  ]
  static override enableJsonFlag = true
  static override args = {text: Args.string({description: 'the note; without it, the notes so far are listed'})}
  static override flags = {drill: drillFlag, as: Flags.string({summary: 'Who says it (default: RUNBOOK_ACTOR or your OS user name).'})}

  async run() {
    const {args, flags} = await this.parse(DrillDebrief)
    const result = await hotwash(this.context(flags), flags.drill, args.text)
    for (const line of debriefLines(result.notes, this.style, result.added)) this.log(line)
    return result
  }
}
