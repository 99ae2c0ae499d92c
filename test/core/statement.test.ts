import {describe, expect, it} from 'vitest'
import type {Obligation, Regulation} from '../../src/core/regulations/schema.js'
import {commitments} from '../../src/core/readiness/statement.js'
import {evaluateTest, TEST_REGULATION} from '../helpers/regulation.js'

const NOW = '2026-03-29T08:00:00.000Z'
const high = {aware_at: '2026-03-28T18:00:00.000Z', risk: 'high'}
const results = (regulations: Regulation[], facts: Record<string, string> = high) => [...evaluateTest(facts, NOW, {}, regulations).values()]

const STATE: Regulation = {
  ...TEST_REGULATION,
  id: 'test-state',
  name: 'Test State Breach Law',
  jurisdiction: 'US-CA',
  zone: 'America/Los_Angeles',
  obligations: [
    {
      id: 'state-individuals',
      title: 'Tell residents',
      notify: ['individuals'],
      applies: {fact: 'risk', equals: 'high'},
      clock: {from: 'discovered_at', days: 30},
    },
    {
      id: 'state-insurer',
      title: 'Tell the insurer',
      notify: ['regulator'],
      recipient: '(internal) cyber insurer',
      applies: {fact: 'risk', equals: 'high'},
      clock: {from: 'aware_at', hours: 24},
    },
    {
      id: 'state-media',
      title: 'Tell the media',
      notify: ['media'],
      applies: {fact: 'affected.total', more_than: 500},
      clock: {from: 'aware_at', days: 30},
    },
  ],
}

describe('commitments', () => {
  it('turns each applicable duty into a plain promise, naming the law without its citation', () => {
    expect(commitments(results([TEST_REGULATION]))).toEqual([
      {who: 'The data protection or other competent authority', when: 'within 72 hours of learning of the breach', where: 'Test GDPR'},
      {who: 'The data protection or other competent authority', when: 'within 30 days of our first report', where: 'Test GDPR'},
      {who: 'You, if your information is involved', when: 'as soon as we can, without undue delay', where: 'Test GDPR'},
    ])
  })

  it('says "days" for calendar days and leaves out internal recipients and duties that may not apply', () => {
    // affected.total is not set: the media duty only may apply.
    expect(commitments(results([STATE]))).toEqual([
      {who: 'You, if your information is involved', when: 'within 30 days of learning of the breach', where: 'Test State Breach Law'},
    ])
  })

  it('promises nothing for duties that do not apply', () => {
    expect(commitments(results([TEST_REGULATION, STATE], {aware_at: '2026-03-28T18:00:00.000Z', risk: 'low'}))).toEqual([])
  })

  it('says the same promise once per law', () => {
    const twice: Obligation = {...TEST_REGULATION.obligations[0]!, id: 'gdpr-art33-copy'}
    const withCopy = {...TEST_REGULATION, obligations: [...TEST_REGULATION.obligations, twice]}
    expect(commitments(results([withCopy]))).toHaveLength(3)
    const other = {...withCopy, id: 'other-gdpr', name: 'Other GDPR', obligations: withCopy.obligations.map((o) => ({...o, id: `other-${o.id}`}))}
    // The same promise under another law is a promise of its own.
    expect(
      commitments(results([withCopy, other]))
        .map((c) => c.where)
        .sort(),
    ).toEqual(['Other GDPR', 'Other GDPR', 'Other GDPR', 'Test GDPR', 'Test GDPR', 'Test GDPR'])
  })

  it('keeps the statement to twelve promises', () => {
    const many = Array.from({length: 14}, (_, i): Obligation => ({
      ...TEST_REGULATION.obligations[0]!,
      id: `duty-${i}`,
      clock: {from: 'aware_at', hours: i + 1},
    }))
    const list = commitments(results([{...TEST_REGULATION, obligations: many}]))
    expect(list).toHaveLength(12)
    expect(list[0]!.when).toBe('within 1 hour of learning of the breach')
  })
})
