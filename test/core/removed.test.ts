import {describe, expect, it} from 'vitest'
import {evaluateObligations} from '../../src/core/deadlines/obligations.js'
import {alternativeAnswers, removedObligations} from '../../src/core/deadlines/removed.js'
import type {FactValue} from '../../src/core/facts/vocabulary.js'
import type {Regulation} from '../../src/core/regulations/schema.js'
import {TEST_REGULATION} from '../helpers/regulation.js'

/** The test GDPR, plus a state-shaped law: a notice unless encrypted or harmless, and a no-harm filing when harmless. */
const STATE: Regulation = {
  ...TEST_REGULATION,
  id: 'test-state',
  obligations: [
    {
      id: 'state-individuals',
      title: 'Notify the residents',
      notify: ['individuals'],
      applies: {all: [{affected_in: ['US-FL'], at_least: 1}, {not: {fact: 'encrypted', equals: true}}, {not: {fact: 'risk', in: ['none', 'low']}}]},
      clock: {from: 'aware_at', days: 30},
    },
    {
      id: 'state-no-harm',
      title: 'File the no-harm determination',
      notify: ['regulator'],
      applies: {
        all: [
          {affected_in: ['US-FL'], at_least: 1},
          {fact: 'risk', in: ['none', 'low']},
        ],
      },
      clock: {from: 'aware_at', days: 30},
    },
  ],
}

const decide = (facts: Record<string, FactValue>) =>
  evaluateObligations({regulations: [TEST_REGULATION, STATE], facts, met: {}, now: new Date('2026-03-29T00:00:00Z'), isHoliday: () => false})

/** What app/deadlines does: before, after, and the other answers it could have been. */
function removedBy(facts: Record<string, FactValue>, key: string, value: FactValue): string[] {
  const after = decide({...facts, [key]: value})
  const others = alternativeAnswers(key, value).map((other) => decide({...facts, [key]: other}))
  return removedObligations(decide(facts), after, others).map((o) => o.id)
}

describe('answers that remove obligations', () => {
  const facts = {aware_at: '2026-03-28T18:00:00.000Z', 'affected.US-FL': 40}

  it('judgements have other answers to compare with; scoping answers have none', () => {
    expect(alternativeAnswers('encrypted', true)).toEqual([false])
    expect(alternativeAnswers('risk', 'low')).toEqual(['none', 'risk', 'high'])
    expect(alternativeAnswers('affected.US-CA', 0)).toEqual([1])
    expect(alternativeAnswers('affected.US-CA', 12)).toEqual([])
    expect(alternativeAnswers('data_categories', ['contact'])).toEqual([])
    expect(alternativeAnswers('aware_at', '2026-03-28T18:00:00.000Z')).toEqual([])
  })

  it('the safe harbour, a low risk and nobody in the state take notices away', () => {
    expect(removedBy(facts, 'encrypted', true)).toEqual(['state-individuals'])
    expect(removedBy(facts, 'risk', 'low')).toEqual(expect.arrayContaining(['gdpr-art33', 'gdpr-art34', 'state-individuals']))
    expect(removedBy(facts, 'affected.US-FL', 0).sort()).toEqual(['state-individuals', 'state-no-harm'])
  })

  it('the most demanding answer is not a removal, though it retires the no-harm filing', () => {
    const harmless = {...facts, risk: 'low'}
    expect(decide(harmless).find((o) => o.id === 'state-no-harm')?.applies).toBe('yes')
    expect(removedBy(harmless, 'risk', 'high')).toEqual([])
    expect(removedBy(facts, 'encrypted', false)).toEqual([])
  })
})
