import type {Check} from '../core/readiness/score.js'
import type {Styler} from './io.js'

/** The readiness screen: the score, then each check with what it found and how to fix a gap. */
export function readinessLines(score: number, checks: readonly Check[], root: string, s: Styler): string[] {
  const lines = [s.bold(`Breach readiness: ${score}/100`) + s.dim(` (${root})`)]
  for (const check of checks) {
    const mark = check.passed ? s.green('pass') : s.red('gap ')
    lines.push(`\n${mark} ${check.title} ${s.dim(`(${Math.round(check.weight * check.score)}/${check.weight})`)}`)
    for (const detail of check.details.slice(0, 8)) lines.push(s.dim(`     - ${detail}`))
    if (check.details.length > 8) lines.push(s.dim(`     ... and ${check.details.length - 8} more`))
    if (!check.passed) lines.push(`     fix: ${check.fix}`)
  }
  return lines
}

export function readinessJson(score: number, checks: readonly Check[]) {
  return {
    score,
    checks: checks.map((c) => ({
      id: c.id,
      title: c.title,
      weight: c.weight,
      points: Math.round(c.weight * c.score * 10) / 10,
      passed: c.passed,
      details: c.details,
      fix: c.fix,
    })),
  }
}
