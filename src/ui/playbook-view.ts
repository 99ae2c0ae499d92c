import {describeCondition} from '../core/conditions/condition.js'
import {PHASE_TITLES, ROLE_TITLES} from '../core/playbook/model.js'
import type {Playbook} from '../core/playbook/schema.js'
import type {Styler} from './io.js'

/** A playbook as `runbook playbook show` prints it: phases, steps with owner and target, conditions and questions. */
export function playbookLines(playbook: Playbook, origin: string, s: Styler): string[] {
  const lines = [
    `${s.bold(playbook.title)} ${s.dim(`(${playbook.id} v${playbook.version}, reviewed ${playbook.reviewed_at}, ${origin})`)}`,
    playbook.description.trim(),
  ]
  for (const phase of playbook.phases) {
    lines.push(`\n${s.cyan(PHASE_TITLES[phase.phase])}`)
    for (const step of phase.steps) {
      const target = step.target ? `, target ${step.target}` : ''
      lines.push(`  ${s.bold(step.id)}: ${step.title} ${s.dim(`[${ROLE_TITLES[step.owner]}, ${step.csf_function}${target}]`)}`)
      if (step.when) lines.push(s.dim(`    only when ${describeCondition(step.when)}`))
      for (const ask of step.asks ?? []) lines.push(s.dim(`    asks: ${ask.prompt} -> ${ask.fact}`))
    }
  }
  return lines
}

/** A workspace playbook that does not validate: said loudly, with what it means for the built-in it would replace. */
export function skippedPlaybookLine(file: string, hides?: string): string {
  const fix = `run \`runbook playbook validate ${file}\``
  return hides
    ? `${file} does not validate: playbook "${hides}" cannot be walked until it is fixed (the built-in one is not used in its place; ${fix}).`
    : `Skipped ${file}: it does not validate (${fix}).`
}
