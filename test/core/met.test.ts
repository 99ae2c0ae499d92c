import {describe, expect, it} from 'vitest'
import {lateness, metEvent, needsDelayReason} from '../../src/core/deadlines/met.js'
import {evaluateTest} from '../helpers/regulation.js'
import {thrown} from '../helpers/thrown.js'

// Aware at 20:00 Brussels time on Saturday 28 March 2026: the 72 hours end at 19:00Z on Tuesday 31 March.
const facts = {aware_at: '2026-03-28T19:00:00.000Z', risk: 'high'}
const results = evaluateTest(facts, '2026-03-29T08:00:00.000Z')
const art33 = results.get('gdpr-art33')!
const art34 = results.get('gdpr-art34')!

describe('lateness', () => {
  it('is the time past the deadline, negative when early and zero on the dot', () => {
    expect(art33.dueAt).toBe('2026-03-31T19:00:00.000Z')
    expect(lateness(art33, '2026-03-31T21:30:00.000Z')).toBe(2.5 * 3_600_000)
    expect(lateness(art33, '2026-03-31T18:00:00.000Z')).toBe(-3_600_000)
    expect(lateness(art33, '2026-03-31T19:00:00.000Z')).toBe(0)
  })

  it('is zero without a fixed deadline, however long it took', () => {
    expect(art34.dueAt).toBeNull()
    expect(lateness(art34, '2027-01-01T00:00:00.000Z')).toBe(0)
  })
})

describe('needsDelayReason', () => {
  it('asks for reasons only when late under a law that wants them', () => {
    expect(needsDelayReason(art33, '2026-03-31T19:00:00.001Z')).toBe(true)
    expect(needsDelayReason(art33, '2026-03-31T19:00:00.000Z')).toBe(false)
    expect(needsDelayReason({...art33, delayReasonRequired: false}, '2026-04-05T00:00:00.000Z')).toBe(false)
  })
})

describe('metEvent', () => {
  it('records a notification on time, with its reference', () => {
    expect(metEvent({obligation: art33, at: '2026-03-30T10:00:00.000Z', ref: '  DPA-2026-0042 '}, {actor: 'dana'})).toEqual({
      type: 'obligation.met',
      actor: 'dana',
      occurredAt: '2026-03-30T10:00:00.000Z',
      payload: {obligation: 'gdpr-art33', ref: 'DPA-2026-0042'},
    })
  })

  it('refuses a late notification without its reasons, naming the obligation, how late and the law', () => {
    const error = thrown(() => metEvent({obligation: art33, at: '2026-04-01T21:05:00.000Z'}, {actor: 'dana'}))
    expect(error.message).toBe('gdpr-art33 is 1d 2h late and Test GDPR (Regulation (EU) 2016/679) requires the reasons for the delay')
    expect(error.hint).toBe('Add --delay-reason "why it took longer"; it is kept for the report.')
    expect(error.exitCode).toBe(2)
  })

  it('counts a blank reason as none', () => {
    expect(() => metEvent({obligation: art33, at: '2026-04-01T00:00:00.000Z', delayReason: '   '}, {actor: 'dana'})).toThrow(/5h late/)
  })

  it('records a late notification with its reason, trimmed, and leaves out an empty reference', () => {
    const event = metEvent({obligation: art33, at: '2026-04-01T00:00:00.000Z', ref: ' ', delayReason: ' forensics took two days '}, {actor: 'dana'})
    expect(event.payload).toEqual({obligation: 'gdpr-art33', delayReason: 'forensics took two days'})
  })

  it('lets a late notification through without reasons where the law does not ask for them', () => {
    const event = metEvent({obligation: {...art33, delayReasonRequired: false}, at: '2026-04-10T00:00:00.000Z'}, {actor: 'dana'})
    expect(event.payload).toEqual({obligation: 'gdpr-art33'})
  })

  it('keeps a reason given on time, for the record', () => {
    const event = metEvent({obligation: art34, at: '2026-04-10T00:00:00.000Z', delayReason: 'waited for the police'}, {actor: 'dana'})
    expect(event.payload).toEqual({obligation: 'gdpr-art34', delayReason: 'waited for the police'})
  })
})
