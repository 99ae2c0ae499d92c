import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {editTemplate} from '../../app/notice-workflow.js'
import {BaseCommand} from '../../cli/base-command.js'
import {editLines} from '../../ui/notice-view.js'

export default class NoticeEdit extends BaseCommand {
  static override summary = "Change a template's wording: copy every language and form of a built-in template into the workspace and open it."
  static override description = `The copies go to the workspace's templates/ folder under the same names, where they replace runbook's own (\`runbook notice list\` says so). At a terminal they open in $VISUAL or $EDITOR; otherwise their paths are printed.
An existing copy is never overwritten: --force replaces it with runbook's version. A template that is the workspace's own is opened as it is.
The front matter between the two --- lines says what the template is (title, kind, serves); the JSON Schema is schemas/template.schema.json.`
  static override examples = [
    '<%= config.bin %> notice edit customer/us',
    'EDITOR=nano <%= config.bin %> notice edit customer/gdpr',
    '<%= config.bin %> notice edit customer/us --force',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'template id (see `runbook notice list`), e.g. customer/us', required: true})}
  static override flags = {
    force: Flags.boolean({summary: "Replace the workspace's copy with runbook's version (its changes are lost)."}),
  }

  async run() {
    const {args, flags} = await this.parse(NoticeEdit)
    const result = await editTemplate(this.context(flags), {id: args.id, force: flags.force ?? false})
    for (const line of editLines(result, this.style)) this.log(line)
    return {id: result.id, files: result.files, copied: result.copied, editor: result.editor}
  }
}
