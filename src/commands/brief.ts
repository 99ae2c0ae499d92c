import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {handoverBrief} from '../app/brief.js'
import {BaseCommand} from '../cli/base-command.js'
import {briefLines, briefMarkdown} from '../ui/brief-view.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Brief extends BaseCommand {
  static override summary = 'The handover brief: what changed since the last handover, or since a time.'
  static override description = `By default the brief starts at the last change of incident commander (\`runbook assign incident-commander NAME\`), or at the opening when there was none: the outgoing commander runs it before handing over, and the one taking over can read the shift before with the command printed at the end.
It lists steps done, skipped, started and blocked; steps newly overdue; facts set or changed (old -> new); notes; notifications made; deadlines overdue or due within 24 hours; open decisions; who holds which role.
--format md gives Markdown to paste into a chat (what responders typed is escaped, so it stays text).`
  static override examples = [
    '<%= config.bin %> brief',
    '<%= config.bin %> brief --since "2026-03-29 03:00"',
    '<%= config.bin %> brief --since 8h --format md | pbcopy',
    '<%= config.bin %> brief 20261129-ransomware-7f3a --json',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    since: Flags.string({
      char: 's',
      summary: 'Start here instead: a time (ISO 8601, or local time in the incident time zone), a duration ago such as 8h, or "opened".',
    }),
    format: Flags.string({char: 'f', summary: 'text for a terminal, md to paste into a chat.', options: ['text', 'md'], default: 'text'}),
  }

  async run() {
    const {args, flags} = await this.parse(Brief)
    const brief = await handoverBrief(this.context(flags), {incident: incidentNamed(args.id, flags.incident), since: flags.since})
    if (this.jsonEnabled()) return brief
    if (flags.format === 'md') this.write(briefMarkdown(brief))
    else for (const line of briefLines(brief, this.style)) this.log(line)
    return brief
  }
}
