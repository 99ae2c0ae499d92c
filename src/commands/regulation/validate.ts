import {Args} from '@oclif/core'
import {resolve} from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
import {formatProblem} from '../../core/content/format.js'
import {UserError} from '../../core/errors.js'
import {loadRegulationFile, regulationFiles} from '../../store/regulations.js'

export default class RegulationValidate extends BaseCommand {
  static override summary = 'Check regulation files; every problem names file, line, column and field.'
  static override description = 'Without FILE, checks every built-in and workspace regulation. Exits 2 when any file has a problem.'
  static override examples = ['<%= config.bin %> regulation validate', '<%= config.bin %> regulation validate regulations/acme-dpa.yaml']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {file: Args.string({description: 'regulation YAML file(s)'})}

  async run() {
    const {argv, flags} = await this.parse(RegulationValidate)
    const files = (argv as string[]).length > 0
      ? await Promise.all((argv as string[]).map((f) => loadRegulationFile(resolve(f), 'workspace', process.cwd())))
      : await regulationFiles(this.workspace(flags.workspace).root, {fresh: true})
    const results = files.map((f) => ({file: f.file, id: f.regulation?.id, valid: f.problems.length === 0, problems: f.problems}))
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
      throw new UserError(`${bad.length} of ${results.length} regulation file(s) have problems`, {hint: 'Fix each line named above and run the command again.'})
    }
    return results
  }
}
