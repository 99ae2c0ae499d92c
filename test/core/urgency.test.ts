import {describe, expect, it} from 'vitest'
import {openIncident, stepEvent} from '../../src/core/incident/actions.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {progress} from '../../src/core/incident/progress.js'
import {fold, type IncidentState} from '../../src/core/incident/state.js'
import {prerequisitesOpen, stepsByUrgency} from '../../src/core/incident/urgency.js'
import type {Playbook, Step} from '../../src/core/playbook/schema.js'
import {store} from '../helpers/stored.js'

const step = (id: string, more: Partial<Step> = {}): Step => ({id, title: id, guidance: 'Do it.', owner: 'security-lead', csf_function: 'respond', ...more})

/** Shaped like the ransomware playbook: scoping questions in detection, containment (1 h) in the third phase. */
const PLAYBOOK: Playbook = {
  id: 'shaped',
  title: 'Shaped',
  description: 'd',
  version: '1.0',
  reviewed_at: '2026-11-01',
  phases: [
    {phase: 'preparation', steps: [step('declare', {target: '30m', owner: 'incident-commander'}), step('assemble', {target: '2h'})]},
    {
      phase: 'detection-analysis',
      steps: [
        step('identify', {target: '4h'}),
        step('scope', {target: '48h', owner: 'privacy'}),
        step('assess', {target: '24h', owner: 'legal'}),
        step('ransom', {when: {fact: 'ransomware', equals: true}, owner: 'executive'}),
      ],
    },
    {phase: 'containment-eradication-recovery', steps: [step('isolate', {target: '1h', owner: 'it-ops'}), step('restore', {target: '72h', owner: 'it-ops'})]},
    {phase: 'post-incident', steps: [step('lessons'), step('plan', {after: ['lessons']})]},
  ],
}

function incident(playbook: Playbook, then: (state: IncidentState) => EventDraft[] = () => []): IncidentState {
  const opened = openIncident(
    {id: 'inc-1', title: 'T', timezone: 'Europe/Berlin', playbook, playbookSha256: 'x'.repeat(64), awareAt: '2026-03-28T18:00:00.000Z'},
    {actor: 'a'},
  )
  return fold(store([...opened, ...then(fold(store(opened)))]))
}

const ids = (steps: {step: {id: string}}[]) => steps.map((s) => s.step.id)

describe('stepsByUrgency', () => {
  it('offers containment (1 h) right after declaring (30 m), before the scoping questions due in a day or two', () => {
    // Before the fix the walk and status went in playbook order: declare, assemble, identify, scope, assess, isolate.
    expect(ids(stepsByUrgency(incident(PLAYBOOK)))).toEqual([
      'declare',
      'isolate',
      'assemble',
      'identify',
      'assess',
      'scope',
      'restore',
      'lessons',
      'ransom',
      'plan',
    ])
  })

  it('breaks ties on the due target by phase order, then playbook order', () => {
    const tied: Playbook = {
      ...PLAYBOOK,
      phases: [
        {phase: 'detection-analysis', steps: [step('b', {target: '4h'}), step('a', {target: '4h'})]},
        {phase: 'containment-eradication-recovery', steps: [step('c', {target: '4h'})]},
        {phase: 'preparation', steps: [step('d', {target: '4h'})]},
      ],
    }
    expect(ids(stepsByUrgency(incident(tied)))).toEqual(['d', 'b', 'a', 'c'])
  })

  it('holds a step back until the steps it comes after are done, skipped or ruled out', () => {
    const gated: Playbook = {
      ...PLAYBOOK,
      phases: [
        {
          phase: 'containment-eradication-recovery',
          steps: [
            step('isolate', {target: '2h'}),
            step('restore', {target: '1h', after: ['isolate', 'health']}),
            step('health', {when: {fact: 'data_categories', includes: 'health'}}),
          ],
        },
      ],
    }
    const waiting = incident(gated)
    expect(prerequisitesOpen(waiting, waiting.steps[1]!)).toEqual(['isolate', 'health'])
    expect(ids(stepsByUrgency(waiting))).toEqual(['isolate', 'health', 'restore'])
    const isolated = incident(gated, (s) => [
      stepEvent(s, 'isolate', 'done', undefined, {actor: 'a'}),
      {type: 'fact.set', actor: 'a', payload: {key: 'data_categories', value: ['contact']}},
    ])
    expect(ids(stepsByUrgency(isolated))).toEqual(['restore'])
  })

  it('puts steps whose condition is undecided after those that apply, and drops those ruled out', () => {
    const unknown = incident(PLAYBOOK)
    expect(ids(stepsByUrgency(unknown)).slice(-3)).toEqual(['lessons', 'ransom', 'plan'])
    // Once it applies, it is a detection step without a target: after every targeted step, before post-incident.
    const yes = incident(PLAYBOOK, () => [{type: 'fact.set', actor: 'a', payload: {key: 'ransomware', value: true}}])
    expect(ids(stepsByUrgency(yes)).slice(-4)).toEqual(['restore', 'ransom', 'lessons', 'plan'])
    const no = incident(PLAYBOOK, () => [{type: 'fact.set', actor: 'a', payload: {key: 'ransomware', value: false}}])
    expect(ids(stepsByUrgency(no))).not.toContain('ransom')
  })

  it("keeps a blocked step in its place, and lists one role's steps for --role", () => {
    const state = incident(PLAYBOOK, (s) => [stepEvent(s, 'isolate', 'block', 'waiting for the firewall admin', {actor: 'a'})])
    expect(ids(stepsByUrgency(state)).slice(0, 2)).toEqual(['declare', 'isolate'])
    expect(ids(stepsByUrgency(state, {role: 'it-ops'}))).toEqual(['isolate', 'restore'])
    expect(ids(stepsByUrgency(state, {role: 'legal'}))).toEqual(['assess'])
  })

  it('is the order status lists as next', () => {
    expect(ids(progress(incident(PLAYBOOK), new Date('2026-03-28T18:10:00.000Z')).nextSteps)).toEqual(['declare', 'isolate', 'assemble'])
  })
})
