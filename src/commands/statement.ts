import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {evaluateObligations} from '../core/deadlines/obligations.js'
import {OperationalError} from '../core/errors.js'
import {lintNotice} from '../core/notices/lint.js'
import {worstCaseFacts} from '../core/readiness/score.js'
import {availableRegulations} from '../store/regulations.js'
import {templateSearchPaths} from '../store/templates.js'
import {writeFileAtomic} from '../store/files.js'
import {createRenderer} from '../render/notice.js'
import {findingLines} from '../ui/findings-view.js'
import {commitments} from '../core/readiness/statement.js'

export default class Statement extends BaseCommand {
  static override summary = 'A short public page on how the organisation handles a breach: whom it tells and how fast, how customers are contacted, their choices, whom to ask.'
  static override description = 'Built from the obligations of the workspace\'s regions and data, its contact channels and languages. Plain language, linted like a notice.'
  static override examples = ['<%= config.bin %> statement', '<%= config.bin %> statement --format html --out breach-response.html']
  static override flags = {
    format: Flags.string({char: 'f', options: ['md', 'html'], default: 'md', summary: 'Output format.'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600).'}),
  }

  async run() {
    const {flags} = await this.parse(Statement)
    const workspace = this.workspace(flags.workspace)
    const config = await workspace.config()
    const {regulations} = await availableRegulations(workspace.root)
    const obligations = evaluateObligations({regulations: regulations.map((r) => r.regulation), facts: worstCaseFacts(config), met: {}, now: new Date(), isHoliday: () => false})
    const renderer = createRenderer(templateSearchPaths(workspace.root))
    const languageNames = new Intl.DisplayNames(['en'], {type: 'language'})
    const context = {
      org: config.organization,
      commitments: commitments(obligations),
      channels: config.channels ?? ['email'],
      languages: config.organization.locales.map((l) => languageNames.of(l) ?? l),
      locale: 'en',
      zone: config.organization.timezone,
    }
    let markdown: string
    try {
      markdown = renderer.plain.render('reports/statement.en.md.njk', context).replace(/^\{#---[\s\S]*?---#\}\n?/, '')
    } catch (error) {
      throw new OperationalError(`cannot render the statement: ${(error as Error).message.split('\n').slice(-1)[0]?.trim()}`, {hint: 'Set organization.contact in runbook.yaml (email, phone, website).'})
    }
    const findings = lintNotice({text: markdown, locale: 'en', kind: 'public', short: false, exercise: false, required: [], grade: 9})
    const output = flags.format === 'html'
      ? renderer.html.render('layouts/page.html.njk', {title: `How ${config.organization.name} handles a data breach`, body: renderer.markdown.render(markdown), lang: 'en', org: config.organization})
      : markdown
    if (flags.out) writeFileAtomic(flags.out, output)
    else process.stdout.write(output)
    for (const line of findingLines(findings, this.style)) this.logToStderr(line)
    if (findings.some((f) => f.severity === 'error')) throw new OperationalError('the statement has lint errors', {hint: 'Fix runbook.yaml (contact details) or templates/reports/statement.en.md.njk.'})
  }
}
