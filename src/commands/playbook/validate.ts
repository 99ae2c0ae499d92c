import * as Args from '@oclif/core/args'
import {existsSync, readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
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
    return this.reportValidation(results, 'playbook or scenario')
  }
}
