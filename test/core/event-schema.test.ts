import {describe, expect, it} from 'vitest'
import {metEvent} from '../../src/core/deadlines/met.js'
import {regulationVersions} from '../../src/core/deadlines/versions.js'
import {advanceEvent, decisionEvent, endEvents} from '../../src/core/drills/actions.js'
import {dueInjects} from '../../src/core/drills/injects.js'
import {stepEvent} from '../../src/core/incident/actions.js'
import {checkDraft, PAYLOADS} from '../../src/core/incident/event-schema.js'
import {EVENT_TYPES, type EventDraft} from '../../src/core/incident/events.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts} from '../helpers/events.js'
import {drillDrafts, REAL_START, store} from '../helpers/stored.js'
import {evaluateTest} from '../helpers/regulation.js'
import {thrown} from '../helpers/thrown.js'

describe('checkDraft', () => {
  it('accepts the drafts the core itself makes', () => {
    const opened = openDrafts('2026-03-28T18:00:00.000Z')
    const state = fold(store(opened))
    const drill = drillDrafts()
    const drillState = fold(store(drill, REAL_START))
    const injects = dueInjects(drillState, new Date('2026-03-28T12:00:00.000Z')).drafts
    const delivered = fold(store([...drill, ...injects], REAL_START))
    const art33 = evaluateTest({aware_at: '2026-03-28T18:00:00.000Z', risk: 'high'}, '2026-03-29T00:00:00.000Z').get('gdpr-art33')!
    const drafts: EventDraft[] = [
      ...opened,
      stepEvent(state, 'scope', 'block', 'no logs', {actor: 'bob'}),
      ...drill,
      ...injects,
      advanceEvent(drillState, '2h', {actor: 'fay'}),
      decisionEvent(delivered, 'press', 'hold a statement', {actor: 'fay'}),
      ...endEvents(drillState, {actor: 'fay'}),
      metEvent({obligation: art33, at: '2026-04-01T00:00:00.000Z', ref: 'DPA-1', delayReason: 'forensics'}, {actor: 'dana'}),
      regulationVersions({regulationVersions: {}}, [{id: 'eu-gdpr', sha256: 'a'.repeat(64), lastReviewed: '2026-01-15', file: 'eu-gdpr.yaml'}], {actor: 'dana'})
        .record!,
    ]
    for (const draft of drafts) expect(() => checkDraft(draft), draft.type).not.toThrow()
  })

  it('has a payload schema for exactly the event types the log knows', () => {
    expect(Object.keys(PAYLOADS).sort()).toEqual([...EVENT_TYPES].sort())
  })

  it('refuses an unknown type as a programming error (exit 1)', () => {
    const error = thrown(() => checkDraft({type: 'evidence.collected', payload: {}}))
    expect(error.message).toBe('cannot record an event of unknown type "evidence.collected"')
    expect(error.exitCode).toBe(1)
  })

  it('refuses a payload that does not match its type, naming the field', () => {
    const error = thrown(() => checkDraft({type: 'step.skipped', payload: {step: 'scope', reason: ''}}))
    expect(error.message).toBe('cannot record step.skipped: ✖ Too small: expected string to have >=1 characters\n  → at reason')
    expect(error.exitCode).toBe(1)
  })

  it('refuses a fact value that is not a string, number, boolean or list of strings', () => {
    expect(thrown(() => checkDraft({type: 'fact.set', payload: {key: 'risk', value: {level: 'high'}}})).message).toBe(
      'cannot record fact.set: ✖ Invalid input\n  → at value',
    )
    expect(thrown(() => checkDraft({type: 'fact.set', payload: {key: 'risk'}})).message).toMatch(/→ at value$/)
    expect(() => checkDraft({type: 'fact.set', payload: {key: 'data_categories', value: ['contact']}})).not.toThrow()
  })

  it('refuses a drill advance that does not move the clock forward', () => {
    expect(thrown(() => checkDraft({type: 'drill.advanced', payload: {byMs: 0, by: '0h'}})).message).toMatch(
      /^cannot record drill\.advanced: .*\n {2}→ at byMs$/,
    )
    expect(thrown(() => checkDraft({type: 'drill.advanced', payload: {byMs: 1.5, by: '1.5ms'}})).message).toMatch(/→ at byMs$/)
  })

  it('refuses a drill whose scenario is not a valid scenario', () => {
    const started = drillDrafts()[1]!
    const payload = {...(started.payload as object), scenario: {id: 'Bad Id'}}
    expect(thrown(() => checkDraft({type: 'drill.started', payload})).message).toMatch(/^cannot record drill\.started: .*→ at scenario\.id/s)
  })
})
