import {describe, expect, it} from 'vitest'
import {evaluate, type Condition} from '../../src/core/conditions/condition.js'
import type {FactValue} from '../../src/core/facts/vocabulary.js'

const facts = (map: Record<string, FactValue>) => (key: string) => map[key]

describe('conditions', () => {
  const health: Condition = {fact: 'data_categories', includes: 'health'}

  it('is unknown, naming the fact, when the fact is not set', () => {
    expect(evaluate(health, facts({}))).toEqual({result: 'unknown', missing: ['data_categories']})
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
    expect(evaluate(both, facts({encrypted: false}))).toEqual({result: 'unknown', missing: ['data_categories']})
    const either: Condition = {any: [health, {fact: 'risk', equals: 'high'}]}
    expect(evaluate(either, facts({risk: 'high'})).result).toBe('yes')
    expect(evaluate({not: health}, facts({data_categories: ['health']})).result).toBe('no')
  })
})
