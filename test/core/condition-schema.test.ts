import {describe, expect, it} from 'vitest'
import {conditionSchema} from '../../src/core/conditions/condition-schema.js'

const EXPECTED = 'expected a condition such as {fact: data_categories, includes: health}, {fact: affected.total, more_than: 500}, or all/any/not'
const issues = (value: unknown) => {
  const result = conditionSchema.safeParse(value)
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message])
}

describe('conditionSchema', () => {
  it('takes every documented fact test as written', () => {
    const tests = [
      {fact: 'risk', equals: 'high'},
      {fact: 'encrypted', equals: false},
      {fact: 'affected.total', equals: 0},
      {fact: 'data_categories', includes: 'health'},
      {fact: 'data_categories', includes_any: ['ssn', 'passport']},
      {fact: 'risk', in: ['risk', 'high']},
      {fact: 'affected.total', at_least: 500},
      {fact: 'affected.US-CA', more_than: 500},
      {fact: 'contained_at', is_set: false},
      {affected_in: ['EEA'], at_least: 1, per_subdivision: true},
      {known: 'materiality_determined_at'},
      {established_in: ['EU', 'GB']},
    ]
    for (const test of tests) expect(conditionSchema.parse(test), JSON.stringify(test)).toEqual(test)
  })

  it('reads a single region as a list of one', () => {
    expect(conditionSchema.parse({affected_in: 'US-CA', more_than: 500})).toEqual({affected_in: ['US-CA'], more_than: 500})
    expect(conditionSchema.parse({established_in: 'EU'})).toEqual({established_in: ['EU']})
  })

  it('nests all, any and not to any depth', () => {
    const nested = {any: [{not: {all: [{known: 'aware_at'}, {affected_in: 'DE'}]}}, {fact: 'ransomware', equals: true}]}
    expect(conditionSchema.parse(nested)).toEqual({any: [{not: {all: [{known: 'aware_at'}, {affected_in: ['DE']}]}}, {fact: 'ransomware', equals: true}]})
  })

  it('refuses empty lists, naming the field', () => {
    expect(issues({all: []})).toEqual([['all', 'Too small: expected array to have >=1 items']])
    expect(issues({any: []})).toEqual([['any', 'Too small: expected array to have >=1 items']])
    expect(issues({fact: 'risk', in: []})).toEqual([['in', 'Too small: expected array to have >=1 items']])
    expect(issues({fact: 'data_categories', includes_any: []})).toEqual([['includes_any', 'Too small: expected array to have >=1 items']])
    expect(issues({affected_in: []})).toEqual([['affected_in', 'Too small: expected array to have >=1 items']])
  })

  it('names a key that does not belong', () => {
    expect(issues({fact: 'risk', equals: 'high', because: 'GDPR'})).toEqual([['', 'Unrecognized key: "because"']])
  })

  it('refuses what is not a condition with an example of one', () => {
    expect(issues('risk is high')).toEqual([['', EXPECTED]])
    expect(issues({fact: 'risk'})).toEqual([['', EXPECTED]])
    expect(issues({fact: 'affected.total', more_than: '500'})).toEqual([['', EXPECTED]])
    expect(issues({affected_in: ['DE'], at_least: 1.5})).toEqual([['', EXPECTED]])
    expect(issues({all: [{fact: 'risk', equal: 'high'}]}).map(([, message]) => message)).toEqual([EXPECTED])
  })
})
