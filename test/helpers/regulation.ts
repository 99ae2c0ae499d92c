import {evaluateObligations, type MetRecord, type ObligationResult} from '../../src/core/deadlines/obligations.js'
import type {FactValue} from '../../src/core/facts/vocabulary.js'
import type {Regulation} from '../../src/core/regulations/schema.js'

/**
 * A small GDPR-shaped regime written for tests: 72 elapsed hours to the authority with reasons for a delay, people
 * without undue delay when the risk is high, and a follow-up counted from the first report.
 */
export const TEST_REGULATION: Regulation = {
  id: 'test-gdpr',
  name: 'Test GDPR (Regulation (EU) 2016/679)',
  jurisdiction: 'EU',
  authority: 'The lead supervisory authority',
  zone: 'Europe/Brussels',
  kind: 'statute',
  source: 'https://example.org/gdpr',
  last_reviewed: '2026-01-15',
  confidence: 'confirmed',
  obligations: [
    {
      id: 'gdpr-art33',
      title: 'Notify the supervisory authority',
      notify: ['regulator'],
      recipient: 'Lead supervisory authority',
      applies: {fact: 'risk', in: ['risk', 'high']},
      clock: {from: 'aware_at', hours: 72},
      delay_reason_required: true,
    },
    {
      id: 'gdpr-art34',
      title: 'Tell the people affected',
      notify: ['individuals'],
      applies: {fact: 'risk', equals: 'high'},
      clock: {from: 'aware_at', asap: true},
    },
    {
      id: 'gdpr-art33-final',
      title: 'Send the final report',
      notify: ['regulator'],
      applies: {fact: 'risk', in: ['risk', 'high']},
      clock: {from: {obligation: 'gdpr-art33'}, days: 30},
    },
  ],
}

/** The obligations of TEST_REGULATION decided on `facts` at `now`; no holidays (hour and calendar-day clocks only). */
export function evaluateTest(facts: Record<string, FactValue>, now: string, met: Record<string, MetRecord> = {}, regulations = [TEST_REGULATION]) {
  const results = evaluateObligations({regulations, facts, met, now: new Date(now), isHoliday: () => false})
  return new Map<string, ObligationResult>(results.map((r) => [r.id, r]))
}
