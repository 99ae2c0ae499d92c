import {describe, expect, it} from 'vitest'
import {notInForce} from '../../src/core/deadlines/obligations.js'
import {checkRegulation} from '../../src/core/regulations/check.js'
import type {Obligation, Regulation} from '../../src/core/regulations/schema.js'
import {TEST_REGULATION} from '../helpers/regulation.js'

const art33 = TEST_REGULATION.obligations[0] as Obligation

describe('checkRegulation: the in-force window it checks is the one evaluation uses', () => {
  it('reports an obligation that can never be in force because the file starts after the obligation ends', () => {
    const reg: Regulation = {
      ...TEST_REGULATION,
      in_force_from: '2026-06-01',
      obligations: [{...art33, in_force_from: '2025-01-01', in_force_until: '2026-03-01'}],
    }
    const o = reg.obligations[0]!
    // Evaluation narrows to the later start and the earlier end: the rule is never in force.
    expect(notInForce(reg, o, '2026-02-01')).not.toBeNull()
    expect(notInForce(reg, o, '2026-07-01')).not.toBeNull()
    expect(checkRegulation(reg)).toEqual([
      {path: ['obligations', 0, 'in_force_until'], message: 'in_force_until 2026-03-01 is before in_force_from 2026-06-01'},
    ])
  })

  it('works out the day in the zone only when a window boundary is within a day of the instant, and then uses it', () => {
    const reg: Regulation = {...TEST_REGULATION, in_force_from: '2026-01-02', obligations: [art33]}
    const o = reg.obligations[0]!
    let asked = 0
    const day = (exact: string, within: [string, string]) => ({within, exact: () => (asked++, exact)})
    // Far from the boundary: in force in every zone, no lookup.
    expect(notInForce(reg, o, day('2026-03-01', ['2026-02-28', '2026-03-02']))).toBeNull()
    expect(asked).toBe(0)
    // Near it, the zone decides: 23:30 UTC on 1 January is 2 January in Berlin, still 1 January in New York.
    expect(notInForce(reg, o, day('2026-01-02', ['2025-12-31', '2026-01-02']))).toBeNull()
    expect(notInForce(reg, o, day('2026-01-01', ['2025-12-31', '2026-01-02']))).toBe('not in force until 2026-01-02 (the incident is judged on 2026-01-01)')
    expect(asked).toBe(2)
  })
})
