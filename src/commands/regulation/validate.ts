import * as Args from '@oclif/core/args'
import {validateRegulations} from '../../app/content.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class RegulationValidate extends BaseCommand {
  static override summary = 'Check regulation files; every problem names file, line, column and field.'
  static override description = 'Without FILE, checks every built-in and workspace regulation. Exits 2 when any file has a problem.'
  static override examples = ['<%= config.bin %> regulation validate', '<%= config.bin %> regulation validate regulations/acme-dpa.yaml']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {file: Args.string({description: 'regulation YAML file(s)'})}

  async run() {
    const {argv, flags} = await this.parse(RegulationValidate)
    return this.reportValidation(await validateRegulations(this.context(flags), argv as string[]), 'regulation')
  }
}
