import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {scenarioHandout} from '../../app/drill-preview.js'
import {BaseCommand} from '../../cli/base-command.js'
import {REPORT_FORMATS} from '../../cli/options.js'

export default class DrillHandout extends BaseCommand {
  static override summary = 'A printable participant handout: situation, objectives, roles and rules of play. No injects, no expected actions.'
  static override examples = [
    '<%= config.bin %> drill handout ransomware-double-extortion --format html --out handout.html',
    '<%= config.bin %> drill handout vendor-breach-press > handout.md',
  ]
  static override enableJsonFlag = true
  static override args = {scenario: Args.string({description: 'scenario id (see `runbook drill list`)', required: true})}
  static override flags = {
    format: Flags.string({char: 'f', options: [...REPORT_FORMATS], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600) instead of standard output.'}),
    tz: Flags.string({summary: "Time zone to show times in (default: the workspace's)."}),
  }

  async run() {
    const {args, flags} = await this.parse(DrillHandout)
    const {handout, output} = await scenarioHandout(this.context(flags), args.scenario, {format: flags.format as 'md' | 'html', out: flags.out, tz: flags.tz})
    if (this.jsonEnabled()) return handout
    if (flags.out) this.logToStderr(`Wrote ${flags.out}.`)
    else this.write(output)
    return handout
  }
}
