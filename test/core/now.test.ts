import {describe, expect, it} from 'vitest'
import {incidentNow} from '../../src/core/incident/now.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts} from '../helpers/events.js'
import {drillDrafts, REAL_START, SIM_START, store} from '../helpers/stored.js'

const machine = Date.parse('2026-05-04T15:30:00.000Z')

describe('incidentNow', () => {
  it('is the machine time for a real incident', () => {
    expect(incidentNow(fold(store(openDrafts())), machine).toISOString()).toBe('2026-05-04T15:30:00.000Z')
  })

  it("is the drill's simulated time while it runs", () => {
    expect(incidentNow(fold(store(drillDrafts({manual: false, speed: 4}), REAL_START)), machine).toISOString()).toBe('2026-03-28T15:00:00.000Z')
    expect(incidentNow(fold(store(drillDrafts({manual: true}), REAL_START)), machine).toISOString()).toBe(SIM_START)
  })

  it("stops at the drill's end, whatever the machine clock says", () => {
    const events = store(
      [...drillDrafts({manual: false, speed: 4}), {type: 'drill.ended', actor: 'fay', occurredAt: '2026-03-28T11:15:00.000Z', payload: {}}],
      REAL_START,
    )
    const state = fold(events)
    expect(incidentNow(state, machine).toISOString()).toBe('2026-03-28T11:15:00.000Z')
    expect(incidentNow(state, machine + 7 * 86_400_000).toISOString()).toBe('2026-03-28T11:15:00.000Z')
  })
})
