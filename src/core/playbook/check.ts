import {factsIn, regionsIn} from '../conditions/condition.js'
import {conditionValueProblems} from '../conditions/condition-values.js'
import {regionOrGroupProblem} from '../facts/regions.js'
import {factDefinition, unknownFactMessage, type FactDefinition} from '../facts/vocabulary.js'
import {PHASES} from './model.js'
import type {Playbook} from './schema.js'

export interface PlaybookProblem {
  path: (string | number)[]
  message: string
}

/**
 * Rules the schema alone cannot express: unique ids, known facts, phases in order and once each, `after:` naming
 * steps that exist (not the step itself) and no cycle among them (a cycle would leave its steps never offered).
 * `orgFacts`: the organisation's own facts (runbook.yaml `facts:`), which a workspace's own playbook may ask and test.
 */
export function checkPlaybook(playbook: Playbook, orgFacts: readonly FactDefinition[] = []): PlaybookProblem[] {
  const problems: PlaybookProblem[] = []
  const seenSteps = new Map<string, string>()
  const seenPhases = new Set<string>()
  let lastPhaseIndex = -1
  playbook.phases.forEach((phase, pi) => {
    if (seenPhases.has(phase.phase))
      problems.push({path: ['phases', pi, 'phase'], message: `phase "${phase.phase}" appears twice; put all its steps under one entry`})
    seenPhases.add(phase.phase)
    const index = PHASES.indexOf(phase.phase)
    if (index < lastPhaseIndex)
      problems.push({path: ['phases', pi, 'phase'], message: `phase "${phase.phase}" is out of order; the order is ${PHASES.join(', ')}`})
    lastPhaseIndex = Math.max(lastPhaseIndex, index)
    phase.steps.forEach((step, si) => {
      const at = ['phases', pi, 'steps', si]
      const first = seenSteps.get(step.id)
      if (first) problems.push({path: [...at, 'id'], message: `duplicate step id "${step.id}" (first used at ${first}); step ids must be unique in a playbook`})
      else seenSteps.set(step.id, `phases[${pi}].steps[${si}]`)
      step.asks?.forEach((ask, ai) => {
        if (!factDefinition(ask.fact, orgFacts)) problems.push({path: [...at, 'asks', ai, 'fact'], message: unknownFactMessage(ask.fact, orgFacts)})
      })
      if (step.when) {
        for (const key of factsIn(step.when)) {
          if (!factDefinition(key, orgFacts)) problems.push({path: [...at, 'when'], message: `condition refers to an ${unknownFactMessage(key, orgFacts)}`})
        }
        for (const message of conditionValueProblems(step.when, orgFacts)) problems.push({path: [...at, 'when'], message: `condition compares ${message}`})
        for (const region of regionsIn(step.when)) {
          const problem = regionOrGroupProblem(region)
          if (problem) problems.push({path: [...at, 'when'], message: problem})
        }
      }
    })
  })
  problems.push(...checkAfter(playbook, new Set(seenSteps.keys())))
  return problems
}

function checkAfter(playbook: Playbook, ids: ReadonlySet<string>): PlaybookProblem[] {
  const problems: PlaybookProblem[] = []
  const edges = new Map<string, string[]>()
  const where = new Map<string, (string | number)[]>()
  playbook.phases.forEach((phase, pi) =>
    phase.steps.forEach((step, si) => {
      if (!step.after) return
      const at = ['phases', pi, 'steps', si, 'after']
      if (!where.has(step.id)) where.set(step.id, at)
      const known: string[] = []
      step.after.forEach((ref, ai) => {
        if (ref === step.id) problems.push({path: [...at, ai], message: `step "${step.id}" cannot come after itself`})
        else if (!ids.has(ref)) problems.push({path: [...at, ai], message: `no step "${ref}" in this playbook; after: names step ids of the same playbook`})
        else known.push(ref)
      })
      edges.set(step.id, [...(edges.get(step.id) ?? []), ...known])
    }),
  )
  // Depth-first search; each cycle is reported once, at the first step of it met in file order.
  const state = new Map<string, 'open' | 'done'>()
  const trail: string[] = []
  const visit = (id: string): void => {
    state.set(id, 'open')
    trail.push(id)
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...trail.slice(trail.indexOf(next)), next]
        problems.push({
          path: where.get(next)!,
          message: `after: makes a cycle (${cycle.join(' after ')}), so none of these steps would ever be offered; remove one of the references`,
        })
      } else if (!state.has(next)) visit(next)
    }
    trail.pop()
    state.set(id, 'done')
  }
  for (const id of edges.keys()) if (!state.has(id)) visit(id)
  return problems
}
