import {Args} from '@oclif/core'
import {existsSync, readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
import {formatProblem} from '../../core/content/yaml-source.js'
import {UserError} from '../../core/errors.js'
import {loadPlaybookFile, playbookFiles} from '../../store/playbooks.js'
import {loadScenarioFile, scenarioFiles} from '../../store/scenarios.js'

export default class PlaybookValidate extends BaseCommand {
  static override summary = 'Check playbook and drill scenario files; every problem names file, line, column and field.'
  static override description = 'Without FILE, checks every built-in and workspace playbook. Exits 2 when any file has a problem.'
  static override examples = ['<%= config.bin %> playbook validate', '<%= config.bin %> playbook validate playbooks/my-playbook.yaml']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {file: Args.string({description: 'playbook YAML file(s)'})}

  async run() {
    const {argv, flags} = await this.parse(PlaybookValidate)
    const root = this.workspace(flags.workspace).root
    // Scenarios are checked here too: their injects refer to playbook steps and facts.
    const isScenario = (file: string) => existsSync(file) && /^injects:/m.test(readFileSync(file, 'utf8'))
    const files = (argv as string[]).length > 0
      ? await Promise.all((argv as string[]).map((f) => resolve(f)).map((f) => (isScenario(f) ? loadScenarioFile(f, 'workspace', process.cwd(), root) : loadPlaybookFile(f, 'workspace'))))
      : [...playbookFiles(root), ...(await scenarioFiles(root))]
    const results = files.map((f) => ({file: f.file, id: 'scenario' in f ? f.scenario?.id : 'playbook' in f ? f.playbook?.id : undefined, valid: f.problems.length === 0, problems: f.problems}))
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
