import * as Args from '@oclif/core/args'
import {resolve} from 'node:path'
import {BaseCommand} from '../../cli/base-command.js'
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
    return this.reportValidation(results, 'regulation')
  }
}
