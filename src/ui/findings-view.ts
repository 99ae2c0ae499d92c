import type {Finding} from '../core/notices/lint.js'
import type {Styler} from './io.js'

export function findingLines(findings: readonly Finding[], style: Styler, where = ''): string[] {
  return findings.map((f) => {
    const label = f.severity === 'error' ? style.red('error  ') : style.yellow('warning')
    const at = f.line ? `${where}:${f.line} ` : where ? `${where} ` : ''
    return `${label} ${at}${f.message} ${style.dim(`[${f.rule}]`)}${f.suggestion ? `\n        ${style.dim(f.suggestion)}` : ''}`
  })
}
