import {describe, expect, it} from 'vitest'
import {checkRegulation} from '../../src/core/regulations/check.js'
import type {Obligation, Regulation} from '../../src/core/regulations/schema.js'
import {TEST_REGULATION} from '../helpers/regulation.js'

const [art33, art34, final] = TEST_REGULATION.obligations as [Obligation, Obligation, Obligation]
const regulation = (more: Partial<Regulation>): Regulation => ({...TEST_REGULATION, ...more})

describe('checkRegulation', () => {
  it('finds nothing wrong with a sound file', () => {
    expect(checkRegulation(TEST_REGULATION)).toEqual([])
  })

  it('reports a duplicate obligation id at the second use', () => {
    expect(checkRegulation(regulation({obligations: [art33, art34, {...art34, title: 'Again'}]}))).toEqual([
      {path: ['obligations', 2, 'id'], message: 'duplicate obligation id "gdpr-art34"'},
    ])
  })

  it('reports an unknown jurisdiction', () => {
    expect(checkRegulation(regulation({jurisdiction: 'XX'}))).toEqual([
      {path: ['jurisdiction'], message: '"XX" is not an ISO 3166-1 country code (for example DE, FR, JP, US, BR); groups: EU, EEA'},
    ])
  })

  it('reports unknown facts wherever a condition sits: applicability, a longer clock, a content item', () => {
    const odd: Obligation = {
      ...art33,
      applies: {
        all: [
          {fact: 'risk', in: ['risk', 'high']},
          {fact: 'severity', equals: 'high'},
        ],
      },
      clock: {from: 'aware_at', hours: 72, longer_when: {when: {fact: 'ransom_demanded', equals: true}, hours: 96}},
      content: [{id: 'ssn-advice', text: 'What to do about SSNs', when: {fact: 'data_category', includes: 'ssn'}}],
    }
    const problems = checkRegulation(regulation({obligations: [odd]}))
    expect(problems.map((p) => p.path)).toEqual([
      ['obligations', 0, 'applies'],
      ['obligations', 0, 'clock', 'longer_when', 'when'],
      ['obligations', 0, 'content', 0, 'when'],
    ])
    expect(problems.map((p) => /^condition refers to an unknown fact "([^"]+)"/.exec(p.message)?.[1])).toEqual(['severity', 'ransom_demanded', 'data_category'])
  })

  it('reports an unknown region in a condition', () => {
    const problems = checkRegulation(regulation({obligations: [{...art33, applies: {affected_in: ['EEA', 'US-XY'], at_least: 1}}]}))
    expect(problems).toHaveLength(1)
    expect(problems[0]!.path).toEqual(['obligations', 0, 'applies'])
    expect(problems[0]!.message).toMatch(/^"US-XY" is not a subdivision of US; /)
  })

  it('reports in_force_until before in_force_from, on the obligation or inherited from the file', () => {
    expect(checkRegulation(regulation({obligations: [{...art33, in_force_from: '2026-06-01', in_force_until: '2026-05-31'}]}))).toEqual([
      {path: ['obligations', 0, 'in_force_until'], message: 'in_force_until 2026-05-31 is before in_force_from 2026-06-01'},
    ])
    expect(checkRegulation(regulation({in_force_from: '2027-01-01', obligations: [{...art33, in_force_until: '2026-12-31'}]}))).toEqual([
      {path: ['obligations', 0, 'in_force_until'], message: 'in_force_until 2026-12-31 is before in_force_from 2027-01-01'},
    ])
  })

  it('accepts a rule in force for a single day', () => {
    expect(checkRegulation(regulation({obligations: [{...art33, in_force_from: '2026-06-01', in_force_until: '2026-06-01'}]}))).toEqual([])
  })

  it('reports a chained clock that points at no obligation', () => {
    const dangling = {...final, clock: {from: {obligation: 'gdpr-art35'}, days: 30}}
    expect(checkRegulation(regulation({obligations: [art33, dangling]}))).toEqual([
      {path: ['obligations', 1, 'clock', 'from', 'obligation'], message: 'no obligation "gdpr-art35" to count from; use an id from this file'},
    ])
  })

  it('lets a chained clock point at an obligation later in the file or in another file', () => {
    expect(checkRegulation(regulation({obligations: [final, art33]}))).toEqual([])
    const elsewhere = {...final, clock: {from: {obligation: 'nis2-early-warning'}, days: 30}}
    expect(checkRegulation(regulation({obligations: [elsewhere]}), new Set(['nis2-early-warning']))).toEqual([])
  })
})
