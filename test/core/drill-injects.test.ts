import {describe, expect, it} from 'vitest'
import {dueInjects, injectTime, resolveValue} from '../../src/core/drills/injects.js'
import type {Inject} from '../../src/core/drills/schema.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {fold} from '../../src/core/incident/state.js'
import {drillDrafts, REAL_START, SIM_START, store, TINY_SCENARIO} from '../helpers/stored.js'
import {openDrafts} from '../helpers/events.js'

const [alert, press, regulator] = TINY_SCENARIO.injects as [Inject, Inject, Inject]
const drill = (...more: EventDraft[]) => fold(store([...drillDrafts(), ...more], REAL_START))

describe('injectTime', () => {
  it('is the simulated start plus the inject offset', () => {
    const state = drill()
    expect(injectTime(state, alert).toISOString()).toBe(SIM_START)
    expect(injectTime(state, press).toISOString()).toBe('2026-03-28T11:00:00.000Z')
    expect(injectTime(state, regulator).toISOString()).toBe('2026-03-29T09:00:00.000Z')
  })
})

describe('dueInjects', () => {
  it('delivers what is due by the simulated now, stamped with the inject time, and sets its facts', () => {
    const {injects, drafts} = dueInjects(drill(), new Date('2026-03-28T11:00:00.000Z'))
    expect(injects.map((i) => i.id)).toEqual(['alert', 'press'])
    expect(drafts).toEqual([
      {type: 'drill.inject', actor: 'facilitator', occurredAt: SIM_START, payload: {inject: 'alert'}},
      {type: 'fact.set', actor: 'inject:alert', occurredAt: SIM_START, payload: {key: 'data_categories', value: ['contact']}},
      {type: 'drill.inject', actor: 'facilitator', occurredAt: '2026-03-28T11:00:00.000Z', payload: {inject: 'press'}},
      {type: 'fact.set', actor: 'inject:press', occurredAt: '2026-03-28T11:00:00.000Z', payload: {key: 'ransomware', value: true}},
      // An offset in a fact counts from the start of the drill, not from the inject.
      {type: 'fact.set', actor: 'inject:press', occurredAt: '2026-03-28T11:00:00.000Z', payload: {key: 'contained_at', value: '2026-03-28T10:30:00.000Z'}},
    ])
  })

  it('holds back an inject until its minute has come', () => {
    expect(dueInjects(drill(), new Date('2026-03-28T10:59:59.999Z')).injects.map((i) => i.id)).toEqual(['alert'])
  })

  it('does not deliver an inject twice', () => {
    const state = drill({type: 'drill.inject', actor: 'facilitator', occurredAt: SIM_START, payload: {inject: 'alert'}})
    expect(dueInjects(state, new Date('2026-03-28T12:00:00.000Z')).injects.map((i) => i.id)).toEqual(['press'])
  })

  it('delivers nothing once the drill has ended, or in a real incident', () => {
    const ended = drill({type: 'drill.ended', actor: 'fay', occurredAt: '2026-03-28T10:00:00.000Z', payload: {}})
    expect(dueInjects(ended, new Date('2026-04-30T00:00:00.000Z'))).toEqual({injects: [], drafts: []})
    expect(dueInjects(fold(store(openDrafts())), new Date('2026-04-30T00:00:00.000Z'))).toEqual({injects: [], drafts: []})
  })
})

describe('resolveValue', () => {
  const state = drill()

  it('turns offsets into instants from the simulated start', () => {
    expect(resolveValue(state, '-2d')).toBe('2026-03-26T09:00:00.000Z')
    expect(resolveValue(state, '+1d2h30m')).toBe('2026-03-29T11:30:00.000Z')
    expect(resolveValue(state, '+0m')).toBe(SIM_START)
  })

  it('passes other values through', () => {
    expect(resolveValue(state, 'high')).toBe('high')
    expect(resolveValue(state, '2h')).toBe('2h')
    expect(resolveValue(state, 1240)).toBe(1240)
    expect(resolveValue(state, false)).toBe(false)
    expect(resolveValue(state, ['-2d'])).toEqual(['-2d'])
    expect(resolveValue(state, '2026-03-28T09:00:00Z')).toBe('2026-03-28T09:00:00Z')
  })

  it('leaves offsets alone outside a drill', () => {
    expect(resolveValue({exercise: undefined}, '-2d')).toBe('-2d')
  })
})
