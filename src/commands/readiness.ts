import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {assessReadiness} from '../app/readiness.js'
import {OperationalError} from '../core/errors.js'
import {readinessScore} from '../core/readiness/score.js'

export default class Readiness extends BaseCommand {
  static override summary = 'Score how ready the team is for a breach, out of 100, with the gaps most worth fixing first.'
  static override description = `Checks: the roster (a reachable primary and backup for every role the playbooks name); playbooks and scenarios valid and reviewed within 12 months; the notices the workspace's jurisdictions and data need exist and lint clean with sample facts; a drill in the last 12 months and one per high-risk scenario; a regulator-report template for every regulator obligation; real contact details.
--min-score makes it exit 1 below a threshold, so a team can run it in CI.`
  static override examples = ['<%= config.bin %> readiness', '<%= config.bin %> readiness --json', '<%= config.bin %> readiness --min-score 80']
  static override enableJsonFlag = true
  static override flags = {'min-score': Flags.integer({min: 0, max: 100, summary: 'Exit 1 when the score is below this.'})}

  async run() {
    const {flags} = await this.parse(Readiness)
    const workspace = this.workspace(flags.workspace)
    const checks = await assessReadiness(workspace, new Date())
    const score = readinessScore(checks)
    const s = this.style
    if (!this.jsonEnabled()) {
      this.log(s.bold(`Breach readiness: ${score}/100`) + s.dim(` (${workspace.root})`))
      for (const check of checks) {
        const mark = check.passed ? s.green('pass') : s.red('gap ')
        this.log(`\n${mark} ${check.title} ${s.dim(`(${Math.round(check.weight * check.score)}/${check.weight})`)}`)
        for (const detail of check.details.slice(0, 8)) this.log(s.dim(`     - ${detail}`))
        if (check.details.length > 8) this.log(s.dim(`     ... and ${check.details.length - 8} more`))
        if (!check.passed) this.log(`     fix: ${check.fix}`)
      }
    }
    const result = {score, checks: checks.map((c) => ({id: c.id, title: c.title, weight: c.weight, points: Math.round(c.weight * c.score * 10) / 10, passed: c.passed, details: c.details, fix: c.fix}))}
    if (flags['min-score'] !== undefined && score < flags['min-score']) {
      if (this.jsonEnabled()) {
        this.logJson(result)
        this.exit(1)
      }
      throw new OperationalError(`readiness score ${score} is below the minimum of ${flags['min-score']}`, {hint: 'Fix the gaps listed above, most valuable first.'})
    }
    return result
  }
}
