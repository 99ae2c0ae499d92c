import * as Flags from '@oclif/core/flags'
import {assertStatementLinted, publicStatement} from '../app/readiness.js'
import {BaseCommand} from '../cli/base-command.js'
import {findingLines} from '../ui/findings-view.js'

export default class Statement extends BaseCommand {
  static override summary =
    'A short public page on how the organisation handles a breach: whom it tells and how fast, how customers are contacted, their choices, whom to ask.'
  static override description =
    "Built from the obligations of the workspace's regions and data, its contact channels and languages. Plain language, linted like a notice."
  static override examples = ['<%= config.bin %> statement', '<%= config.bin %> statement --format html --out breach-response.html']
  static override flags = {
    format: Flags.string({char: 'f', options: ['md', 'html'], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600).'}),
  }

  async run() {
    const {flags} = await this.parse(Statement)
    const {output, findings} = await publicStatement(this.context(flags), {format: flags.format as 'md' | 'html', out: flags.out})
    if (!flags.out) this.write(output)
    for (const line of findingLines(findings, this.errStyle)) this.logToStderr(line)
    assertStatementLinted(findings)
  }
}
