import {Args} from '@oclif/core'
import {resolve} from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
import {formatProblem} from '../../core/content/yaml-source.js'
import {UserError} from '../../core/errors.js'
import {loadPlaybookFile, playbookFiles} from '../../store/playbooks.js'

export default class PlaybookValidate extends BaseCommand {
  static override summary = 'Check playbook files against the schema; every problem names file, line, column and field.'
  static override description = 'Without FILE, checks every built-in and workspace playbook. Exits 2 when any file has a problem.'
  static override examples = ['<%= config.bin %> playbook validate', '<%= config.bin %> playbook validate playbooks/my-playbook.yaml']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {file: Args.string({description: 'playbook YAML file(s)'})}

  async run() {
    const {argv, flags} = await this.parse(PlaybookValidate)
    const files = (argv as string[]).length > 0
      ? (argv as string[]).map((f) => loadPlaybookFile(resolve(f), 'workspace'))
      : playbookFiles(this.workspace(flags.workspace).root)
    const results = files.map((f) => ({file: f.file, id: f.playbook?.id, valid: f.problems.length === 0, problems: f.problems}))
    for (const result of results) {
      if (result.valid) this.log(`${this.style.green('ok')}   ${result.file}`)
      else for (const problem of result.problems) this.logToStderr(`${this.style.red('error')} ${formatProblem(problem)}`)
    }
    const bad = results.filter((r) => !r.valid)
    if (bad.length > 0) {
      if (this.jsonEnabled()) {
        this.logJson(results)
        this.exit(2)
      }
      throw new UserError(`${bad.length} of ${results.length} playbook file(s) have problems`, {hint: 'Fix each line named above and run the command again.'})
    }
    return results
  }
}
