import {factsIn, regionsIn, type Condition} from '../conditions/condition.js'
import {conditionValueProblems} from '../conditions/condition-values.js'
import {factDefinition, unknownFactMessage, type FactDefinition} from '../facts/vocabulary.js'
import {regionOrGroupProblem} from '../facts/regions.js'
import type {Regulation} from './schema.js'

export interface RegulationProblem {
  path: (string | number)[]
  message: string
}

/**
 * Rules across a file: unique obligation ids, known facts and regions, chained clocks that point somewhere. `orgFacts`:
 * the organisation's own facts (runbook.yaml `facts:`), which its own regulation files may read.
 */
export function checkRegulation(
  regulation: Regulation,
  knownObligationIds: ReadonlySet<string> = new Set(),
  orgFacts: readonly FactDefinition[] = [],
): RegulationProblem[] {
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
    o.content?.forEach((item, j) => {
      if (item.when) conditions.push([item.when, [...at, 'content', j, 'when']])
    })
    // The window evaluation uses: the later of the two starts, the earlier of the two ends.
    const from = [regulation.in_force_from, o.in_force_from].filter(Boolean).sort().at(-1)
    const until = [regulation.in_force_until, o.in_force_until].filter(Boolean).sort()[0]
    if (from && until && until < from) problems.push({path: [...at, 'in_force_until'], message: `in_force_until ${until} is before in_force_from ${from}`})
    for (const [condition, path] of conditions) {
      for (const key of factsIn(condition))
        if (!factDefinition(key, orgFacts)) problems.push({path, message: `condition refers to an ${unknownFactMessage(key, orgFacts)}`})
      for (const message of conditionValueProblems(condition, orgFacts)) problems.push({path, message: `condition compares ${message}`})
      for (const region of regionsIn(condition)) {
        const problem = regionOrGroupProblem(region)
        if (problem) problems.push({path, message: problem})
      }
    }
    const start = o.clock.from
    if (typeof start === 'object' && 'obligation' in start && !ids.has(start.obligation) && !knownObligationIds.has(start.obligation)) {
      problems.push({path: [...at, 'clock', 'from', 'obligation'], message: `no obligation "${start.obligation}" to count from; use an id from this file`})
    }
  })
  return problems
}
