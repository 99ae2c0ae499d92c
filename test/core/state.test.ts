import {describe, expect, it} from 'vitest'
import {eventHash, GENESIS_HASH} from '../../src/core/incident/chain.js'
import type {EventDraft, StoredEvent} from '../../src/core/incident/events.js'
import {stepEvent} from '../../src/core/incident/actions.js'
import {progress} from '../../src/core/incident/progress.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts} from '../helpers/events.js'

function store(drafts: EventDraft[], recordedAt = '2026-03-28T19:00:00.000Z'): StoredEvent[] {
  let prevHash = GENESIS_HASH
  return drafts.map((draft, i) => {
    const body = {
      seq: i + 1,
      type: draft.type,
      recordedAt,
      ...(draft.occurredAt ? {occurredAt: draft.occurredAt} : {}),
      actor: draft.actor,
      payload: draft.payload as Record<string, unknown>,
      prevHash,
    }
    const event = {...body, hash: eventHash(body)}
    prevHash = event.hash
    return event
  })
}

describe('fold and progress', () => {
  it('folds steps, facts and conditions from the events', () => {
    const opened = openDrafts('2026-03-28T18:00:00.000Z')
    const state0 = fold(store(opened))
    expect(state0.steps.map((s) => s.step.id)).toEqual(['declare', 'scope', 'health-check', 'review'])
    expect(state0.steps.find((s) => s.step.id === 'health-check')?.applies).toBe('unknown')
    const events = store([
      ...opened,
      stepEvent(state0, 'declare', 'done', 'bridge open', {actor: 'bob', occurredAt: '2026-03-28T18:30:00.000Z'}),
      {type: 'fact.set', actor: 'bob', payload: {key: 'data_categories', value: ['contact']}},
      stepEvent(state0, 'scope', 'block', 'waiting for logs', {actor: 'carol'}),
    ])
    const state = fold(events)
    expect(state.steps.find((s) => s.step.id === 'declare')).toMatchObject({
      status: 'done',
      actor: 'bob',
      at: '2026-03-28T18:30:00.000Z',
      notes: ['bridge open'],
    })
    expect(state.steps.find((s) => s.step.id === 'scope')).toMatchObject({status: 'blocked', reason: 'waiting for logs'})
    expect(state.steps.find((s) => s.step.id === 'health-check')?.applies).toBe('no')
    expect(state.facts.data_categories?.value).toEqual(['contact'])
  })

  it('counts time from awareness and flags steps past their target', () => {
    const opened = openDrafts('2026-03-28T18:00:00.000Z')
    const state0 = fold(store(opened))
    const state = fold(store([...opened, stepEvent(state0, 'declare', 'done', undefined, {actor: 'bob', occurredAt: '2026-03-28T19:30:00.000Z'})]))
    const report = progress(state, new Date('2026-03-29T20:00:00.000Z'))
    expect(report.startIsAwareness).toBe(true)
    expect(report.sinceStartMs).toBe(26 * 3_600_000)
    expect(report.pastTarget).toEqual([
      {step: 'declare', title: 'Declare', dueAt: '2026-03-28T19:00:00.000Z', lateByMs: 30 * 60_000, finished: true},
      {step: 'scope', title: 'Scope', dueAt: '2026-03-29T18:00:00.000Z', lateByMs: 2 * 3_600_000, finished: false},
    ])
    // Most urgent first; health-check's condition is not decided yet, so it comes after the steps that apply.
    expect(report.nextSteps.map((s) => s.step.id)).toEqual(['scope', 'review', 'health-check'])
    expect(report.phases.find((p) => p.phase === 'preparation')).toMatchObject({done: 1, total: 1})
  })

  it('requires a reason to skip or block', () => {
    const state = fold(store(openDrafts()))
    expect(() => stepEvent(state, 'scope', 'skip', '  ', {actor: 'a'})).toThrow(/needs a reason/)
    expect(() => stepEvent(state, 'nope', 'done', undefined, {actor: 'a'})).toThrow(/has no step "nope"/)
  })
})
