import {UserError} from '../errors.js'
import type {MissingValueError} from './context.js'

/** One value a template reads that is not there, with how to supply it. */
export interface MissingItem {
  path: string
  fix: string
  /** The template reads a fact runbook does not know: a typo, or a fact runbook.yaml does not declare. */
  unknown: boolean
  suggestions: string[]
  /** Where the template reads it (file:line), for an unknown fact. */
  where?: string
}

/**
 * Every value a render is missing, found by rendering once with each missing value true and once with each false:
 * `needed` are read either way; `depending` only on one side of a condition on a missing value (whether they are
 * needed depends on the values still to be set). `incomplete` when a pass stopped on something else.
 */
export interface MissingReport {
  needed: MissingItem[]
  depending: MissingItem[]
  incomplete: boolean
}

export interface CollectingPass {
  missing: readonly MissingValueError[]
  /** The pass rendered to the end (it did not stop on an error of another kind). */
  completed: boolean
}

const item = (e: MissingValueError): MissingItem => ({path: e.path, fix: e.fix, unknown: e.unknown, suggestions: e.suggestions})

/** Merges what the real render stopped on with the two collecting passes. */
export function missingReport(first: readonly MissingValueError[], truthy: CollectingPass, falsy: CollectingPass): MissingReport {
  const byPath = new Map<string, MissingValueError>()
  for (const e of [...first, ...truthy.missing, ...falsy.missing]) if (!byPath.has(e.path)) byPath.set(e.path, e)
  const inTruthy = new Set(truthy.missing.map((e) => e.path))
  const inFalsy = new Set(falsy.missing.map((e) => e.path))
  const inFirst = new Set(first.map((e) => e.path))
  const paths = [...byPath.keys()]
  // A missing object (org.contact) is reported by its missing fields (org.contact.phone) when the passes found them.
  const covered = (path: string) => paths.some((other) => other.startsWith(`${path}.`))
  const needed: MissingItem[] = []
  const depending: MissingItem[] = []
  for (const [path, error] of byPath) {
    if (covered(path)) continue
    if (inFirst.has(path) || (inTruthy.has(path) && inFalsy.has(path))) needed.push(item(error))
    else depending.push(item(error))
  }
  return {needed, depending, incomplete: !truthy.completed || !falsy.completed}
}

const describe = (entry: MissingItem, width: number): string => {
  const what = entry.unknown ? `not a fact runbook knows${entry.where ? ` (${entry.where})` : ''}: ` : ''
  return `  ${entry.path.padEnd(width)}  ${what}${entry.fix}`
}

/** The error that lists every missing value at once, with the command (or the change) that supplies each. */
export function missingValuesError(file: string, report: MissingReport, hint = 'Set them, then render again; nothing was written.'): UserError {
  const all = [...report.needed, ...report.depending]
  const width = Math.min(32, Math.max(...all.map((e) => e.path.length)))
  const lines = [`cannot render ${file}: ${all.length === 1 ? '1 value is' : `${all.length} values are`} missing`]
  lines.push(...report.needed.map((e) => describe(e, width)))
  if (report.depending.length) {
    lines.push(report.needed.length ? 'Depending on the values above, it may also need:' : 'Depending on values not set yet, it may need:')
    lines.push(...report.depending.map((e) => describe(e, width)))
  }
  if (report.incomplete) lines.push('(The template stopped on something else before the end, so there may be more.)')
  return new UserError(lines.join('\n'), {hint, result: {missing: report}})
}
