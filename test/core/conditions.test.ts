import {describe, expect, it} from 'vitest'
import {evaluate, type Condition} from '../../src/core/conditions/condition.js'
import type {FactValue} from '../../src/core/facts/vocabulary.js'

const facts = (map: Record<string, FactValue>) => map

describe('conditions', () => {
  const health: Condition = {fact: 'data_categories', includes: 'health'}

  it('is unknown, naming the fact, when the fact is not set', () => {
    expect(evaluate(health, facts({}))).toMatchObject({result: 'unknown', missing: ['data_categories']})
  })

  it('decides on known facts', () => {
    expect(evaluate(health, facts({data_categories: ['contact', 'health']})).result).toBe('yes')
    expect(evaluate(health, facts({data_categories: ['contact']})).result).toBe('no')
    expect(evaluate({fact: 'affected.US-CA', more_than: 500}, facts({'affected.US-CA': 500})).result).toBe('no')
    expect(evaluate({fact: 'affected.US-CA', at_least: 500}, facts({'affected.US-CA': 500})).result).toBe('yes')
  })

  it('short-circuits all/any so a known answer is not held up by an unknown fact', () => {
    const both: Condition = {all: [health, {fact: 'encrypted', equals: false}]}
    expect(evaluate(both, facts({encrypted: true})).result).toBe('no')
    expect(evaluate(both, facts({encrypted: false}))).toMatchObject({result: 'unknown', missing: ['data_categories']})
    const either: Condition = {any: [health, {fact: 'risk', equals: 'high'}]}
    expect(evaluate(either, facts({risk: 'high'})).result).toBe('yes')
    expect(evaluate({not: health}, facts({data_categories: ['health']})).result).toBe('no')
  })

  it('counts people by region, and treats unlisted regions as zero only when the breakdown is complete', () => {
    const ca500: Condition = {affected_in: ['US-CA'], more_than: 500}
    expect(evaluate(ca500, facts({'affected.US-CA': 1240}))).toMatchObject({result: 'yes', reasons: ['1,240 people affected in US-CA, more than 500']})
    expect(evaluate(ca500, facts({'affected.US-TX': 300}))).toMatchObject({result: 'unknown', missing: ['affected.US-CA']})
    expect(evaluate(ca500, facts({'affected.US-TX': 300, 'affected.total': 300})).result).toBe('no')
    const eea: Condition = {affected_in: ['EEA'], at_least: 1}
    expect(evaluate(eea, facts({'affected.DE': 3})).result).toBe('yes')
    expect(evaluate(eea, facts({'affected.US-CA': 10, 'affected.total': 10})).result).toBe('no')
    expect(evaluate(eea, facts({'affected.US-CA': 10, 'affected.total': 12}))).toMatchObject({result: 'unknown', missing: ['affected.<region in EEA>']})
    // A country count says nothing about its states until they are broken down.
    expect(evaluate(ca500, facts({'affected.US': 1000, 'affected.total': 1000})).result).toBe('unknown')
    expect(evaluate(ca500, facts({'affected.US': 1000, 'affected.US-NY': 1000, 'affected.total': 1000})).result).toBe('no')
    expect(
      evaluate({affected_in: ['US'], more_than: 500, per_subdivision: true}, facts({'affected.US-NY': 400, 'affected.US-TX': 400, 'affected.total': 800}))
        .result,
    ).toBe('no')
    expect(evaluate({affected_in: ['US'], more_than: 500, per_subdivision: true}, facts({'affected.US-NY': 501})).result).toBe('yes')
    // A country's subdivisions add up to the country.
    expect(evaluate({affected_in: ['US'], at_least: 500}, facts({'affected.US-CA': 300, 'affected.US-NY': 250})).result).toBe('yes')
  })

  it('treats a decision not yet taken as unknown, naming the fact', () => {
    expect(evaluate({known: 'materiality_determined_at'}, facts({}))).toMatchObject({result: 'unknown', missing: ['materiality_determined_at']})
    expect(evaluate({known: 'materiality_determined_at'}, facts({materiality_determined_at: '2026-01-01T00:00:00.000Z'})).result).toBe('yes')
  })
})
