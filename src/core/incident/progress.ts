import {PHASES, PHASE_TITLES, type Phase} from '../playbook/model.js'
import {durationToMs} from '../time/duration.js'
import {incidentStart, isOpen, type IncidentState, type StepState} from './state.js'
import {stepsByUrgency} from './urgency.js'

export interface PhaseProgress {
  phase: Phase
  title: string
  done: number
  skipped: number
  blocked: number
  open: number
  notApplicable: number
  total: number
}

export interface TargetCheck {
  step: string
  title: string
  dueAt: string
  /** Positive: late by this many ms (still open, or finished after the target). */
  lateByMs: number
  finished: boolean
}

/** The SP 800-61 prioritisation facts (see the vocabulary), null while not assessed. */
export interface Priority {
  functional_impact: string | null
  information_impact: string[] | null
  recoverability: string | null
}

export function priority(state: IncidentState): Priority {
  const choice = (key: string) => {
    const value = state.facts[key]?.value
    return typeof value === 'string' ? value : null
  }
  const impact = state.facts.information_impact?.value
  return {functional_impact: choice('functional_impact'), information_impact: Array.isArray(impact) ? impact : null, recoverability: choice('recoverability')}
}

export interface Progress {
  priority: Priority
  phases: PhaseProgress[]
  sinceStartMs: number
  startedAt: string
  startIsAwareness: boolean
  /** The open steps to do next, most urgent first (the walk's order: see stepsByUrgency). */
  nextSteps: StepState[]
  pastTarget: TargetCheck[]
  complete: boolean
}

export function stepDueAt(state: IncidentState, step: StepState): string | undefined {
  if (!step.step.target) return undefined
  return new Date(Date.parse(incidentStart(state)) + durationToMs(step.step.target)).toISOString()
}

/** Progress per phase, the next open steps and every step past its target, at instant `now`. */
export function progress(state: IncidentState, now: Date, nextCount = 3): Progress {
  const phases = PHASES.map((phase): PhaseProgress => {
    const steps = state.steps.filter((s) => s.step.phase === phase)
    const applicable = steps.filter((s) => s.applies !== 'no')
    return {
      phase,
      title: PHASE_TITLES[phase],
      done: applicable.filter((s) => s.status === 'done').length,
      skipped: applicable.filter((s) => s.status === 'skipped').length,
      blocked: applicable.filter((s) => s.status === 'blocked').length,
      open: applicable.filter((s) => s.status === 'open' || s.status === 'in-progress').length,
      notApplicable: steps.length - applicable.length,
      total: applicable.length,
    }
  }).filter((p) => p.total + p.notApplicable > 0)
  const pastTarget: TargetCheck[] = []
  for (const step of state.steps) {
    const dueAt = stepDueAt(state, step)
    if (!dueAt || step.applies === 'no' || step.status === 'skipped') continue
    const finished = step.status === 'done'
    const endMs = finished && step.at ? Date.parse(step.at) : now.getTime()
    const lateByMs = endMs - Date.parse(dueAt)
    if (lateByMs > 0) pastTarget.push({step: step.step.id, title: step.step.title, dueAt, lateByMs, finished})
  }
  const startedAt = incidentStart(state)
  const open = state.steps.filter(isOpen)
  return {
    priority: priority(state),
    phases,
    sinceStartMs: now.getTime() - Date.parse(startedAt),
    startedAt,
    startIsAwareness: state.facts.aware_at !== undefined,
    nextSteps: stepsByUrgency(state).slice(0, nextCount),
    pastTarget,
    complete: open.length === 0,
  }
}
