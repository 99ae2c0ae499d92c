import {describe, expect, it} from 'vitest'
import {metEvent} from '../../src/core/deadlines/met.js'
import {startDrillEvents} from '../../src/core/drills/actions.js'
import {commitments} from '../../src/core/readiness/statement.js'
import type {Regulation} from '../../src/core/regulations/schema.js'
import {formatElapsed} from '../../src/core/time/duration.js'
import {TINY_PLAYBOOK} from '../helpers/events.js'
import {evaluateTest, TEST_REGULATION} from '../helpers/regulation.js'
import {SIM_START, TINY_SCENARIO} from '../helpers/stored.js'
import {thrown} from '../helpers/thrown.js'

describe('defects found by the unit tests', () => {
  it('formatElapsed: a negative span under a minute prints as 0m, not -0m', () => {
    expect(formatElapsed(-30_000)).toBe('0m')
  })

  it('metEvent: a notification 30 seconds late is not called "0m late"', () => {
    const art33 = evaluateTest({aware_at: '2026-03-28T19:00:00.000Z', risk: 'high'}, '2026-03-29T08:00:00.000Z').get('gdpr-art33')!
    const error = thrown(() => metEvent({obligation: art33, at: '2026-03-31T19:00:30.000Z'}, {actor: 'dana'}))
    expect(error.message).not.toContain('is 0m late')
  })

  it('startDrillEvents: text facts that look like offsets ("-", "+1d") are not turned into instants', () => {
    const drafts = startDrillEvents(
      {
        id: 'drill-tiny',
        scenario: {...TINY_SCENARIO, facts: {cause: '-', summary: '+1d'}},
        playbook: TINY_PLAYBOOK,
        playbookSha256: 'x'.repeat(64),
        timezone: 'UTC',
        speed: 1,
        manual: true,
        simStart: SIM_START,
      },
      {actor: 'fay'},
    )
    expect(drafts.slice(2).map((d) => d.payload)).toEqual([
      {key: 'cause', value: '-'},
      {key: 'summary', value: '+1d'},
    ])
  })

  it('commitments: a duty to tell the police reads in plain words, not as the recipient id', () => {
    const police: Regulation = {
      ...TEST_REGULATION,
      id: 'test-police',
      obligations: [
        {id: 'police', title: 'Tell the police', notify: ['law-enforcement'], applies: {fact: 'risk', equals: 'high'}, clock: {from: 'aware_at', hours: 72}},
      ],
    }
    const list = commitments([...evaluateTest({aware_at: '2026-03-28T19:00:00.000Z', risk: 'high'}, '2026-03-29T08:00:00.000Z', {}, [police]).values()])
    expect(list).toHaveLength(1)
    expect(list[0]!.who).not.toBe('law-enforcement')
  })
})
