import * as Args from '@oclif/core/args'
import {validatePlaybooks} from '../../app/content.js'
import {BaseCommand} from '../../cli/base-command.js'

export default class PlaybookValidate extends BaseCommand {
  static override summary = 'Check playbook and drill scenario files; every problem names file, line, column and field.'
  static override description = 'Without FILE, checks every built-in and workspace playbook. Exits 2 when any file has a problem.'
  static override examples = ['<%= config.bin %> playbook validate', '<%= config.bin %> playbook validate playbooks/my-playbook.yaml']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {file: Args.string({description: 'playbook YAML file(s)'})}

  async run() {
    const {argv, flags} = await this.parse(PlaybookValidate)
    return this.reportValidation(await validatePlaybooks(this.context(flags), argv as string[]), 'playbook or scenario')
  }
}
