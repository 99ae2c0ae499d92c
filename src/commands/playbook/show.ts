import * as Args from '@oclif/core/args'
import {BaseCommand} from '../../cli/base-command.js'
import {describeCondition} from '../../core/conditions/condition.js'
import {PHASE_TITLES, ROLE_TITLES} from '../../core/playbook/model.js'
import {findPlaybook} from '../../store/playbooks.js'

export default class PlaybookShow extends BaseCommand {
  static override summary = 'Show a playbook: its phases, steps, owners, targets and questions.'
  static override examples = ['<%= config.bin %> playbook show ransomware', '<%= config.bin %> playbook show lost-device --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'playbook id (see `runbook playbook list`)', required: true})}

  async run() {
    const {args, flags} = await this.parse(PlaybookShow)
    const {playbook, file, origin} = findPlaybook(args.id, this.workspace(flags.workspace).root)
    const s = this.style
    this.log(`${s.bold(playbook.title)} ${s.dim(`(${playbook.id} v${playbook.version}, reviewed ${playbook.reviewed_at}, ${origin})`)}`)
    this.log(playbook.description.trim())
    for (const phase of playbook.phases) {
      this.log(`\n${s.cyan(PHASE_TITLES[phase.phase])}`)
      for (const step of phase.steps) {
        const target = step.target ? `, target ${step.target}` : ''
        this.log(`  ${s.bold(step.id)}: ${step.title} ${s.dim(`[${ROLE_TITLES[step.owner]}, ${step.csf_function}${target}]`)}`)
        if (step.when) this.log(s.dim(`    only when ${describeCondition(step.when)}`))
        for (const ask of step.asks ?? []) this.log(s.dim(`    asks: ${ask.prompt} -> ${ask.fact}`))
      }
    }
    return {...playbook, file, origin}
  }
}
