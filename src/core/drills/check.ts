import {factDefinition, unknownFactMessage, checkFactValue, type FactDefinition} from '../facts/vocabulary.js'
import {stepsInOrder} from '../playbook/order.js'
import type {Playbook} from '../playbook/schema.js'
import {offsetToMs} from './clock.js'
import type {Scenario} from './schema.js'
import {scenarioTexts, textProblems} from './text.js'

export interface ScenarioProblem {
  path: (string | number)[]
  message: string
}

/**
 * An inject pointing at an unknown step or fact is an error at validate time, not a surprise mid-drill. `orgFacts`:
 * the organisation's own facts (runbook.yaml `facts:`), which a workspace's scenario may set as its playbooks may ask.
 */
export function checkScenario(scenario: Scenario, playbooks: ReadonlyMap<string, Playbook>, orgFacts: readonly FactDefinition[] = []): ScenarioProblem[] {
  const problems: ScenarioProblem[] = []
  const playbook = playbooks.get(scenario.playbook)
  if (!playbook) problems.push({path: ['playbook'], message: `unknown playbook "${scenario.playbook}"; available: ${[...playbooks.keys()].sort().join(', ')}`})
  const steps = new Set(playbook ? stepsInOrder(playbook).map((s) => s.id) : [])
  const checkFacts = (facts: Record<string, unknown> | undefined, path: (string | number)[]) => {
    for (const [key, value] of Object.entries(facts ?? {})) {
      const definition = factDefinition(key, orgFacts)
      if (!definition) problems.push({path: [...path, key], message: unknownFactMessage(key, orgFacts)})
      else if (definition.type.kind === 'instant' && typeof value === 'string' && /^[+-]/.test(value)) {
        // Instants in a scenario are offsets from the drill's simulated start ("-2d", "+0m"), read for runbook's own
        // facts only: an organisation's own would be recorded as the text.
        if (!factDefinition(key))
          problems.push({path: [...path, key], message: `${key}: an offset ("${value}") is read only for runbook's own times; give this one a date and time`})
        else if (!/^[+-](\d+d)?(\d+h)?(\d+m)?$/.test(value))
          problems.push({path: [...path, key], message: `${key}: expected an offset such as "-2d" or "+30m"`})
      } else {
        const wrong = checkFactValue(definition, value)
        if (wrong) problems.push({path: [...path, key], message: `${key}: ${wrong}`})
      }
    }
  }
  checkFacts(scenario.facts, ['facts'])
  const ids = new Set<string>()
  let last = -1
  scenario.injects.forEach((inject, i) => {
    if (ids.has(inject.id)) problems.push({path: ['injects', i, 'id'], message: `duplicate inject id "${inject.id}"`})
    ids.add(inject.id)
    const at = offsetToMs(inject.at)
    if (at < last) problems.push({path: ['injects', i, 'at'], message: 'injects must be in time order'})
    last = Math.max(last, at)
    checkFacts(inject.sets, ['injects', i, 'sets'])
    const step = inject.expects?.step
    if (step && playbook && !steps.has(step))
      problems.push({path: ['injects', i, 'expects', 'step'], message: `playbook ${scenario.playbook} has no step "${step}"`})
  })
  for (const {path, text} of scenarioTexts(scenario)) for (const message of textProblems(text)) problems.push({path, message})
  return problems
}
