import * as Flags from '@oclif/core/flags'
import {assertMinimumScore, assessReadiness} from '../app/readiness.js'
import {BaseCommand} from '../cli/base-command.js'
import {readinessJson, readinessLines} from '../ui/readiness-view.js'

export default class Readiness extends BaseCommand {
  static override summary = 'Score how ready the team is for a breach, out of 100, with the gaps most worth fixing first.'
  static override description = `Checks: the roster (a reachable primary and backup for every role the playbooks name); playbooks and scenarios valid and reviewed within 12 months; the notices the workspace's jurisdictions and data need exist in each language of organization.locales and lint clean with sample facts; a drill in the last 12 months and one per high-risk scenario; a regulator-report template for every regulator obligation; real contact details.
--min-score makes it exit 1 below a threshold, so a team can run it in CI.`
  static override examples = ['<%= config.bin %> readiness', '<%= config.bin %> readiness --json', '<%= config.bin %> readiness --min-score 80']
  static override enableJsonFlag = true
  static override flags = {'min-score': Flags.integer({min: 0, max: 100, summary: 'Exit 1 when the score is below this.'})}

  async run() {
    const {flags} = await this.parse(Readiness)
    const ctx = this.context(flags)
    const {score, checks} = await assessReadiness(ctx)
    if (!this.jsonEnabled()) for (const line of readinessLines(score, checks, ctx.workspace.root, this.style)) this.log(line)
    const result = readinessJson(score, checks)
    assertMinimumScore(score, flags['min-score'], result)
    return result
  }
}
