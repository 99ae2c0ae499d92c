import {describe, expect, it} from 'vitest'
import {advanceEvent, decisionEvent, endEvents, ensureRunning, parseAdvance, startDrillEvents} from '../../src/core/drills/actions.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts, TINY_PLAYBOOK} from '../helpers/events.js'
import {drillDrafts, REAL_START, SIM_START, store, TINY_SCENARIO} from '../helpers/stored.js'
import {thrown} from '../helpers/thrown.js'

const HOUR = 3_600_000
const who = {actor: 'fay', occurredAt: '2026-03-28T09:20:00.000Z'}
const delivered = (inject: string, at = SIM_START): EventDraft => ({type: 'drill.inject', actor: 'facilitator', occurredAt: at, payload: {inject}})
const drill = (...more: EventDraft[]) => fold(store([...drillDrafts(), ...more], REAL_START))
const ended = () => drill({type: 'drill.ended', actor: 'fay', occurredAt: '2026-03-28T12:00:00.000Z', payload: {}})
const real = () => fold(store(openDrafts()))

describe('startDrillEvents', () => {
  const drafts = startDrillEvents(
    {
      id: 'drill-tiny',
      scenario: TINY_SCENARIO,
      playbook: TINY_PLAYBOOK,
      playbookSha256: 'x'.repeat(64),
      timezone: 'Europe/Berlin',
      speed: 6,
      manual: false,
      simStart: SIM_START,
    },
    {actor: 'fay'},
  )

  it('opens an incident marked as an exercise, titled after the scenario, at the simulated start', () => {
    expect(drafts[0]).toMatchObject({
      type: 'incident.opened',
      actor: 'fay',
      occurredAt: SIM_START,
      payload: {id: 'drill-tiny', title: 'EXERCISE: Tiny drill', drill: true},
    })
  })

  it('starts the clock with the scenario as it is now', () => {
    expect(drafts[1]).toEqual({
      type: 'drill.started',
      actor: 'fay',
      occurredAt: SIM_START,
      payload: {scenario: TINY_SCENARIO, simStart: SIM_START, speed: 6, manual: false},
    })
  })

  it("sets the scenario's facts, turning offsets into instants from the simulated start", () => {
    expect(drafts.slice(2)).toEqual([
      {type: 'fact.set', actor: 'scenario', occurredAt: SIM_START, payload: {key: 'aware_at', value: '2026-03-28T08:30:00.000Z'}},
      {type: 'fact.set', actor: 'scenario', occurredAt: SIM_START, payload: {key: 'affected.total', value: 40}},
    ])
  })

  it('folds into a drill on its simulated clock, started at the machine time it was recorded', () => {
    const state = fold(store(drafts, REAL_START))
    expect(state.drill).toBe(true)
    expect(state.exercise?.clock).toEqual({simStart: SIM_START, realStart: REAL_START, speed: 6, manual: false, advancedMs: 0})
  })
})

describe('ensureRunning', () => {
  it('returns the drill while it runs', () => {
    expect(ensureRunning(drill()).scenario.id).toBe('tiny-drill')
  })

  it('refuses a real incident and an ended drill', () => {
    expect(thrown(() => ensureRunning(real())).message).toBe('inc-1 is a real incident, not a drill')
    expect(thrown(() => ensureRunning(ended())).message).toBe('drill drill-tiny has ended')
  })
})

describe('parseAdvance', () => {
  it('reads minutes, hours and days, with or without a plus sign', () => {
    expect(parseAdvance('30m')).toEqual({byMs: 30 * 60_000, by: '30m'})
    expect(parseAdvance('+2h')).toEqual({byMs: 2 * HOUR, by: '2h'})
    expect(parseAdvance(' 1d6h ')).toEqual({byMs: 30 * HOUR, by: '1d6h'})
  })

  it('refuses what is not a positive duration, quoting what was typed', () => {
    for (const text of ['0h', 'abc', '', '+', '-2h', '2 h', '1h2d', '90']) {
      expect(thrown(() => parseAdvance(text)).message).toBe(`"${text}" is not a duration; use 30m, 2h or 1d6h`)
    }
  })

  it('accepts up to a year (366 days) in one step and refuses more', () => {
    expect(parseAdvance('366d').byMs).toBe(366 * 24 * HOUR)
    expect(thrown(() => parseAdvance('367d')).message).toBe(`"367d" moves the drill's clock more than a year; use a shorter step`)
    expect(thrown(() => parseAdvance('99999999d')).message).toBe(`"99999999d" moves the drill's clock more than a year; use a shorter step`)
  })
})

describe('advanceEvent', () => {
  it('records the step the clock moves by', () => {
    expect(advanceEvent(drill(), '+2h', {actor: 'fay'})).toEqual({type: 'drill.advanced', actor: 'fay', payload: {byMs: 2 * HOUR, by: '2h'}})
  })

  it('adds up in the folded clock', () => {
    const state = drill(advanceEvent(drill(), '2h', {actor: 'fay'}), advanceEvent(drill(), '30m', {actor: 'fay'}))
    expect(state.exercise?.clock.advancedMs).toBe(2.5 * HOUR)
  })

  it('refuses to move the clock of an ended drill', () => {
    expect(thrown(() => advanceEvent(ended(), '2h', {actor: 'fay'})).message).toBe('drill drill-tiny has ended')
  })
})

describe('decisionEvent', () => {
  it('records a decision on an inject that has arrived, trimmed', () => {
    expect(decisionEvent(drill(delivered('alert')), 'alert', '  declare and open a bridge ', who)).toEqual({
      type: 'drill.decision',
      actor: 'fay',
      occurredAt: '2026-03-28T09:20:00.000Z',
      payload: {inject: 'alert', decision: 'declare and open a bridge'},
    })
  })

  it('refuses a decision on an inject that has not arrived', () => {
    const error = thrown(() => decisionEvent(drill(delivered('alert')), 'press', 'no comment', who))
    expect(error.message).toBe('inject press has not arrived yet')
    expect(error.hint).toBe('See what has arrived: runbook drill injects')
  })

  it('refuses an inject the scenario does not have, listing the ones it has', () => {
    const error = thrown(() => decisionEvent(drill(), 'presss', 'no comment', who))
    expect(error.message).toBe('scenario tiny-drill has no inject "presss"')
    expect(error.hint).toBe('Injects: alert, press, regulator')
  })

  it('refuses an empty decision', () => {
    expect(thrown(() => decisionEvent(drill(delivered('alert')), 'alert', '  ', who)).message).toBe('the decision is empty')
  })

  it('refuses decisions in a real incident or after the end', () => {
    expect(thrown(() => decisionEvent(real(), 'alert', 'x', who)).message).toBe('inc-1 is a real incident, not a drill')
    expect(thrown(() => decisionEvent(ended(), 'alert', 'x', who)).message).toBe('drill drill-tiny has ended')
  })
})

describe('endEvents', () => {
  it('ends the drill and closes it, so it never counts as an open incident', () => {
    expect(endEvents(drill(), {actor: 'fay'})).toEqual([
      {type: 'drill.ended', actor: 'fay', payload: {}},
      {type: 'incident.closed', actor: 'fay', payload: {reason: 'exercise ended'}},
    ])
  })

  it('does not close a drill twice', () => {
    const closed = drill({type: 'incident.closed', actor: 'fay', payload: {}})
    expect(endEvents(closed, {actor: 'fay'})).toEqual([{type: 'drill.ended', actor: 'fay', payload: {}}])
  })

  it('refuses to end a drill twice, or a real incident', () => {
    expect(thrown(() => endEvents(ended(), {actor: 'fay'})).message).toBe('drill drill-tiny has ended')
    expect(thrown(() => endEvents(real(), {actor: 'fay'})).message).toBe('inc-1 is a real incident, not a drill')
  })
})
