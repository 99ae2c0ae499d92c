import {factsIn, regionsIn} from '../conditions/condition.js'
import {regionOrGroupProblem} from '../facts/regions.js'
import {factDefinition, unknownFactMessage} from '../facts/vocabulary.js'
import {PHASES} from './model.js'
import type {Playbook} from './schema.js'

export interface PlaybookProblem {
  path: (string | number)[]
  message: string
}

/** Rules the schema alone cannot express: unique ids, known facts, phases in order and once each. */
export function checkPlaybook(playbook: Playbook): PlaybookProblem[] {
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
        if (!factDefinition(ask.fact)) problems.push({path: [...at, 'asks', ai, 'fact'], message: unknownFactMessage(ask.fact)})
      })
      if (step.when) {
        for (const key of factsIn(step.when)) {
          if (!factDefinition(key)) problems.push({path: [...at, 'when'], message: `condition refers to an ${unknownFactMessage(key)}`})
        }
        for (const region of regionsIn(step.when)) {
          const problem = regionOrGroupProblem(region)
          if (problem) problems.push({path: [...at, 'when'], message: problem})
        }
      }
    })
  })
  return problems
}
