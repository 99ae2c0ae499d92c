import {PHASES, type Phase} from './model.js'
import type {Playbook, Step} from './schema.js'

/** A step with the phase it sits in, in walk order. */
export interface PlacedStep extends Step {
  phase: Phase
}

export function stepsInOrder(playbook: Playbook): PlacedStep[] {
  const order = new Map(PHASES.map((p, i) => [p, i]))
  return [...playbook.phases].sort((a, b) => (order.get(a.phase) ?? 0) - (order.get(b.phase) ?? 0)).flatMap((p) => p.steps.map((s) => ({...s, phase: p.phase})))
}
