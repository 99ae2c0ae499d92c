import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import {loadHelpClass} from '@oclif/core/help'

/**
 * `runbook help [COMMAND]`. The same as --help; kept as a command of our own rather than @oclif/plugin-help,
 * because every start of runbook paid for loading that plugin (its package.json and manifest) for this alone.
 */
export default class Help extends Command {
  static override summary = 'Show help for runbook or for one command.'
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help notify customers']
  static override strict = false
  static override args = {command: Args.string({description: 'The command to explain, e.g. "incident open".', required: false})}
  static override flags = {'nested-commands': Flags.boolean({char: 'n', description: 'Include all nested commands in the output.'})}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Help)
    const HelpClass = await loadHelpClass(this.config)
    await new HelpClass(this.config, {all: flags['nested-commands']}).showHelp(argv as string[])
  }
}
