import {beforeAll, describe, expect, it} from 'vitest'
import {evaluateObligations, type MetRecord, type ObligationResult} from '../../src/core/deadlines/obligations.js'
import type {FactValue} from '../../src/core/facts/vocabulary.js'
import type {Regulation} from '../../src/core/regulations/schema.js'
import {holidayLookup} from '../../src/store/holidays.js'
import {regulationFiles} from '../../src/store/regulations.js'
import type {HolidayLookup} from '../../src/core/deadlines/clock.js'

let regulations: Regulation[]
let isHoliday: HolidayLookup

beforeAll(async () => {
  const files = await regulationFiles(undefined, {fresh: true})
  expect(files.flatMap((f) => f.problems)).toEqual([])
  regulations = files.map((f) => f.regulation!)
  isHoliday = holidayLookup()
})

function run(facts: Record<string, FactValue>, options: {now?: string; met?: Record<string, MetRecord>} = {}): Map<string, ObligationResult> {
  const results = evaluateObligations({regulations, facts, met: options.met ?? {}, now: new Date(options.now ?? '2026-01-01T00:00:00Z'), isHoliday})
  return new Map(results.map((r) => [r.id, r]))
}

describe('hour clocks are elapsed hours', () => {
  it('GDPR 72 h across the EU spring DST change is 72 real hours', () => {
    // 20:00 in Berlin on Saturday 28 March 2026 (CET, UTC+1); clocks go forward on Sunday 29 March.
    const r = run({aware_at: '2026-03-28T19:00:00.000Z', 'affected.DE': 12, risk: 'risk'}).get('gdpr-art33')!
    expect(r.applies).toBe('yes')
    expect(r.dueAt).toBe('2026-03-31T19:00:00.000Z') // 21:00 CEST: the wall clock moved, the 72 hours did not
  })

  it('reads an awareness time given in another zone as the same instant', () => {
    // 15:00 in New York (EDT, UTC-4) is 19:00Z, whatever zone the incident is shown in.
    const r = run({aware_at: new Date('2026-03-28T15:00:00-04:00').toISOString(), 'affected.FR': 3, risk: 'high'}).get('gdpr-art33')!
    expect(r.dueAt).toBe('2026-03-31T19:00:00.000Z')
  })
})

describe("business days follow the regime's calendar", () => {
  const sec = {entity_types: ['sec_registrant']}

  it('an 8-K determination the day before a US federal holiday skips it', () => {
    // Thursday 2 July 2026; Independence Day falls on a Saturday and is observed on Friday 3 July.
    const r = run({...sec, materiality_determined_at: '2026-07-02T14:00:00.000Z'}).get('sec-8k-105')!
    expect(r.applies).toBe('yes')
    // Mon 6, Tue 7, Wed 8, Thu 9 July: due by 17:30 Eastern (EDT, UTC-4) on Thursday 9 July.
    expect(r.dueAt).toBe('2026-07-09T21:30:00.000Z')
  })

  it('the day after Thanksgiving is a business day for the SEC', () => {
    const r = run({...sec, materiality_determined_at: '2026-11-25T15:00:00.000Z'}).get('sec-8k-105')!
    // Fri 27 Nov, Mon 30 Nov, Tue 1 Dec, Wed 2 Dec; 17:30 EST (UTC-5).
    expect(r.dueAt).toBe('2026-12-02T22:30:00.000Z')
  })

  it('an LGPD clock over a weekend and a Brazilian national holiday', () => {
    // Wednesday 18 Nov 2026, 10:00 in Sao Paulo. Thu 19 counts; Fri 20 (Consciencia Negra), Sat and Sun do not.
    const r = run({aware_at: '2026-11-18T13:00:00.000Z', 'affected.BR': 800, risk: 'high', data_categories: ['health']}).get('br-lgpd-anpd')!
    expect(r.applies).toBe('yes')
    // Mon 23 and Tue 24: the end of Tuesday in Sao Paulo (UTC-3).
    expect(r.dueAt).toBe('2026-11-25T02:59:59.999Z')
  })
})

describe("calendar days end at the end of the last day, in the regime's zone", () => {
  it('California: 30 calendar days from discovery, end of day Pacific', () => {
    const r = run({discovered_at: '2026-03-02T18:00:00.000Z', 'affected.US-CA': 1240, data_categories: ['financial'], encrypted: false}).get(
      'ca-1798.82-individual',
    )!
    expect(r.dueAt).toBe('2026-04-02T06:59:59.999Z') // 1 April 23:59:59 PDT
    expect(r.reasons).toContain('1,240 people affected in US-CA, at least 1')
  })

  it('Japan: 60 days instead of 30 when an unlawful purpose is suspected, rolled past a weekend', () => {
    const base = {aware_at: '2026-01-07T01:00:00.000Z', 'affected.JP': 20, data_categories: ['credentials'], encrypted: false}
    expect(run(base).get('jp-appi-kakuho')!.dueAt).toBe('2026-02-06T14:59:59.999Z') // Fri 6 Feb, end of day JST
    // 60 days is Sunday 8 March: rolled forward to Monday 9 March.
    expect(run({...base, unlawful_purpose_suspected: true}).get('jp-appi-kakuho')!.dueAt).toBe('2026-03-09T14:59:59.999Z')
  })

  it('HIPAA under 500: 60 days after the end of the calendar year of discovery', () => {
    const r = run({
      entity_types: ['hipaa_covered_entity'],
      discovered_at: '2026-05-10T12:00:00.000Z',
      'affected.US-NY': 40,
      'affected.total': 40,
      data_categories: ['health'],
      encrypted: false,
      // 45 CFR 164.402(2): a breach unless the risk assessment shows a low probability of compromise.
      risk: 'risk',
    }).get('hipaa-hhs-small')!
    expect(r.applies).toBe('yes')
    expect(r.dueAt).toBe('2027-03-02T04:59:59.999Z') // 1 March 2027 end of day Eastern
  })
})

describe('staged and chained reports', () => {
  const nis2 = {entity_types: ['nis2_essential'], significant_incident: true, aware_at: '2026-01-30T09:00:00.000Z'}

  it('a final report counted from the notification waits for it, then runs a calendar month', () => {
    const before = run(nis2).get('nis2-art23-final')!
    expect(before.dueAt).toBeNull()
    expect(before.notes[0]).toContain('nis2-art23-notification')
    const met = {'nis2-art23-notification': {at: '2026-01-31T10:00:00.000Z', actor: 'a'}}
    const after = run(nis2, {met}).get('nis2-art23-final')!
    // One month from 31 January is the last day of February, end of day in Brussels.
    expect(after.dueAt).toBe('2026-02-28T22:59:59.999Z')
    expect(after.stages.map((s) => s.id)).toEqual(['nis2-art23-early-warning', 'nis2-art23-notification', 'nis2-art23-final'])
  })

  it('DORA: 4 hours from classification, capped at 24 hours from awareness unless classified later', () => {
    const dora = {entity_types: ['dora_financial_entity'], aware_at: '2026-02-10T08:00:00.000Z'}
    expect(run({...dora, classified_major_at: '2026-02-10T10:00:00.000Z'}).get('dora-art19-initial')!.dueAt).toBe('2026-02-10T14:00:00.000Z')
    expect(run({...dora, classified_major_at: '2026-02-11T06:00:00.000Z'}).get('dora-art19-initial')!.dueAt).toBe('2026-02-11T08:00:00.000Z')
    expect(run({...dora, classified_major_at: '2026-02-12T06:00:00.000Z'}).get('dora-art19-initial')!.dueAt).toBe('2026-02-12T10:00:00.000Z')
    const unknown = run(dora).get('dora-art19-initial')!
    expect(unknown.applies).toBe('maybe')
    expect(unknown.dueAt).toBe('2026-02-11T08:00:00.000Z')
    expect(unknown.missing).toContain('classified_major_at')
  })

  it('California AG copy: 15 days after the consumer notices went out', () => {
    const facts = {discovered_at: '2026-03-02T18:00:00.000Z', 'affected.US-CA': 1240, data_categories: ['financial'], encrypted: false}
    const r = run(facts, {met: {'ca-1798.82-individual': {at: '2026-03-20T17:00:00.000Z', actor: 'a'}}}).get('ca-1798.82-ag')!
    expect(r.dueAt).toBe('2026-04-05T06:59:59.999Z')
  })
})

describe('applicability and state', () => {
  it('says what to find out instead of guessing', () => {
    const r = run({aware_at: '2026-01-05T17:00:00.000Z', data_categories: ['financial']}).get('ca-1798.82-individual')!
    expect(r.applies).toBe('maybe')
    expect(r.missing).toEqual(expect.arrayContaining(['affected.US-CA', 'encrypted']))
    expect(r.reasons.at(-1)).toMatch(/^may apply: set /)
  })

  it('does not apply when the data was encrypted with the key safe, and says why', () => {
    const r = run({discovered_at: '2026-01-05T17:00:00.000Z', 'affected.US-CA': 900, data_categories: ['financial'], encrypted: true}).get(
      'ca-1798.82-individual',
    )!
    expect(r.applies).toBe('no')
    expect(r.status).toBe('not-applicable')
    expect(r.reasons).toEqual(['encrypted is true'])
  })

  it('reports open, due within 24 h, overdue, met on time and met late', () => {
    const facts = {aware_at: '2026-03-01T00:00:00.000Z', 'affected.DE': 5, risk: 'risk'}
    expect(run(facts, {now: '2026-03-02T00:00:00.000Z'}).get('gdpr-art33')!.status).toBe('open')
    expect(run(facts, {now: '2026-03-03T12:00:00.000Z'}).get('gdpr-art33')!.status).toBe('due-soon')
    const overdue = run(facts, {now: '2026-03-04T01:00:00.000Z'}).get('gdpr-art33')!
    expect(overdue).toMatchObject({status: 'overdue', timeLeftMs: -3_600_000})
    const onTime = run(facts, {met: {'gdpr-art33': {at: '2026-03-03T10:00:00.000Z', actor: 'a'}}}).get('gdpr-art33')!
    expect(onTime).toMatchObject({status: 'met-on-time', met: {lateByMs: -14 * 3_600_000, sinceAwarenessMs: 58 * 3_600_000}})
    const late = run(facts, {met: {'gdpr-art33': {at: '2026-03-04T06:00:00.000Z', actor: 'a', delayReason: 'forensics'}}}).get('gdpr-art33')!
    expect(late).toMatchObject({status: 'met-late', met: {lateByMs: 6 * 3_600_000, delayReason: 'forensics'}})
  })
})
