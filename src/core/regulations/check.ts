import {factsIn, regionsIn, type Condition} from '../conditions/condition.js'
import {factDefinition, unknownFactMessage} from '../facts/vocabulary.js'
import {regionOrGroupProblem} from '../facts/regions.js'
import type {Regulation} from './schema.js'

export interface RegulationProblem {
  path: (string | number)[]
  message: string
}

/** Rules across a file: unique obligation ids, known facts and regions, chained clocks that point somewhere. */
export function checkRegulation(regulation: Regulation, knownObligationIds: ReadonlySet<string> = new Set()): RegulationProblem[] {
  const problems: RegulationProblem[] = []
  const jurisdiction = regionOrGroupProblem(regulation.jurisdiction)
  if (jurisdiction) problems.push({path: ['jurisdiction'], message: jurisdiction})
  const ids = new Set<string>()
  regulation.obligations.forEach((o, i) => {
    if (ids.has(o.id)) problems.push({path: ['obligations', i, 'id'], message: `duplicate obligation id "${o.id}"`})
    ids.add(o.id)
  })
  regulation.obligations.forEach((o, i) => {
    const at = ['obligations', i]
    const conditions: [Condition, (string | number)[]][] = [[o.applies, [...at, 'applies']]]
    if (o.clock.longer_when) conditions.push([o.clock.longer_when.when, [...at, 'clock', 'longer_when', 'when']])
    for (const [condition, path] of conditions) {
      for (const key of factsIn(condition)) if (!factDefinition(key)) problems.push({path, message: `condition refers to an ${unknownFactMessage(key)}`})
      for (const region of regionsIn(condition)) {
        const problem = regionOrGroupProblem(region)
        if (problem) problems.push({path, message: problem})
      }
    }
    const from = o.clock.from
    if (typeof from === 'object' && 'obligation' in from && !ids.has(from.obligation) && !knownObligationIds.has(from.obligation)) {
      problems.push({path: [...at, 'clock', 'from', 'obligation'], message: `no obligation "${from.obligation}" to count from; use an id from this file`})
    }
  })
  return problems
}
