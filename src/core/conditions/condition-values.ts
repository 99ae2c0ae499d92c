import {factDefinition, type FactDefinition, type FactType} from '../facts/vocabulary.js'
import type {Condition} from './condition.js'

type Value = string | number | boolean

/**
 * What a condition compares a fact with that the fact can never be: a quoted "false" for a yes/no fact, a choice
 * misspelt (risk: hihg), a number for a text. Such a condition never holds, so a rule written with it never applies
 * while its validation said ok, and its 'why' read 'encrypted is false'. Unknown facts are reported elsewhere.
 */
export function conditionValueProblems(condition: Condition, orgFacts: readonly FactDefinition[] = []): string[] {
  if ('all' in condition) return condition.all.flatMap((c) => conditionValueProblems(c, orgFacts))
  if ('any' in condition) return condition.any.flatMap((c) => conditionValueProblems(c, orgFacts))
  if ('not' in condition) return conditionValueProblems(condition.not, orgFacts)
  if (!('fact' in condition)) return []
  const type = factDefinition(condition.fact, orgFacts)?.type
  if (!type) return []
  const values: Value[] =
    'equals' in condition
      ? [condition.equals]
      : 'in' in condition
        ? condition.in
        : 'includes' in condition
          ? [condition.includes]
          : 'includes_any' in condition
            ? condition.includes_any
            : []
  const problem = values.map((value) => valueProblem(type, value)).find(Boolean)
  return problem ? [`${condition.fact}: ${problem}`] : []
}

function valueProblem(type: FactType, value: Value): string | undefined {
  const shown = JSON.stringify(value)
  switch (type.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${shown} is not true or false (write it without quotes)`
    case 'count':
    case 'number':
      return typeof value === 'number' ? undefined : `${shown} is not a number (write it without quotes)`
    case 'choice':
    case 'choices':
      return typeof value === 'string' && type.values.includes(value) ? undefined : `${shown} is not one of ${type.values.join(', ')}`
    default:
      return typeof value === 'string' ? undefined : `${shown} is not text (quote it)`
  }
}
