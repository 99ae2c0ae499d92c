import {describe, expect, it} from 'vitest'
import {noteEvent, stepEvent} from '../../src/core/incident/actions.js'
import {briefStart, computeBrief, parseSince} from '../../src/core/incident/brief.js'
import type {ObligationResult} from '../../src/core/deadlines/obligations.js'
import type {EventDraft, StoredEvent} from '../../src/core/incident/events.js'
import {assignEvent, type Roster} from '../../src/core/incident/roles.js'
import {fold, type IncidentState} from '../../src/core/incident/state.js'
import {decisionEvent} from '../../src/core/drills/actions.js'
import {openDrafts} from '../helpers/events.js'
import {drillDrafts, store} from '../helpers/stored.js'
import {thrown} from '../helpers/thrown.js'

// TINY_PLAYBOOK in Europe/Berlin, aware at 18:00Z: `declare` is due 19:00Z, `scope` 24 h later (2026-03-29 18:00Z).
const AWARE = '2026-03-28T18:00:00.000Z'
const NOW = new Date('2026-03-29T19:00:00.000Z')

/** The log of a night with two commanders, each event entered at its own time on the machine clock. */
function night(): {events: StoredEvent[]; state: IncidentState} {
  const entries: [string, (s: IncidentState) => EventDraft][] = [
    ['2026-03-28T18:10:00.000Z', () => ({type: 'fact.set', actor: 'anna', payload: {key: 'affected.total', value: 100}})],
    ['2026-03-28T18:11:00.000Z', () => ({type: 'fact.set', actor: 'anna', payload: {key: 'encrypted', value: false}})],
    ['2026-03-28T18:15:00.000Z', (s) => assignEvent(s, 'incident-commander', {name: 'Anna Weber'}, {actor: 'anna'})],
    ['2026-03-28T18:40:00.000Z', (s) => stepEvent(s, 'declare', 'done', 'bridge open', {actor: 'anna'})],
    ['2026-03-28T20:00:00.000Z', () => ({type: 'fact.set', actor: 'anna', payload: {key: 'affected.total', value: 1200}})],
    ['2026-03-28T20:05:00.000Z', (s) => noteEvent(s, 'vendor called back', undefined, {actor: 'anna'})],
    ['2026-03-28T21:00:00.000Z', (s) => stepEvent(s, 'scope', 'block', 'waiting for logs', {actor: 'anna'})],
    ['2026-03-29T02:00:00.000Z', (s) => assignEvent(s, 'incident-commander', {name: 'Ben Ode'}, {actor: 'anna'})],
    ['2026-03-29T03:00:00.000Z', () => ({type: 'fact.set', actor: 'ben', payload: {key: 'affected.total', value: 1240}})],
    ['2026-03-29T03:05:00.000Z', () => ({type: 'fact.set', actor: 'ben', payload: {key: 'data_categories', value: ['contact']}})],
    // Set and set back within the shift: no change to report.
    ['2026-03-29T03:10:00.000Z', () => ({type: 'fact.set', actor: 'ben', payload: {key: 'encrypted', value: true}})],
    ['2026-03-29T03:20:00.000Z', () => ({type: 'fact.set', actor: 'ben', payload: {key: 'encrypted', value: false}})],
    ['2026-03-29T04:00:00.000Z', () => ({type: 'obligation.met', actor: 'ben', payload: {obligation: 'gdpr-art33', ref: 'CNIL-1'}})],
    ['2026-03-29T04:30:00.000Z', (s) => stepEvent(s, 'review', 'start', undefined, {actor: 'ben'})],
    ['2026-03-29T05:00:00.000Z', (s) => assignEvent(s, 'legal', {name: 'Lee Park'}, {actor: 'ben'})],
  ]
  const drafts: EventDraft[] = [...openDrafts(AWARE)]
  const times = ['2026-03-28T17:50:00.000Z', '2026-03-28T17:50:00.000Z']
  for (const [at, make] of entries) {
    drafts.push(make(fold(store(drafts, (i) => times[i] ?? at))))
    times.push(at)
  }
  const events = store(drafts, (i) => times[i]!)
  return {events, state: fold(events)}
}

/** Just the fields the brief reads. */
function obligation(o: Partial<ObligationResult> & {id: string}): ObligationResult {
  return {title: o.id, applies: 'yes', missing: [], dueAt: null, targetAt: null, ...o} as ObligationResult
}

const OBLIGATIONS = [
  obligation({
    id: 'gdpr-art33',
    title: 'Notify the supervisory authority',
    dueAt: '2026-03-31T18:00:00.000Z',
    met: {at: '2026-03-29T04:00:00.000Z'} as ObligationResult['met'],
  }),
  obligation({id: 'soon', title: 'Tell the bank', dueAt: '2026-03-30T00:00:00.000Z'}),
  obligation({id: 'later', title: 'Tell the insurer', dueAt: '2026-03-31T00:00:00.000Z'}),
  obligation({id: 'late-old', title: 'Tell the board', dueAt: '2026-03-29T01:00:00.000Z'}),
  obligation({id: 'late-new', title: 'Tell the auditor', dueAt: '2026-03-29T12:00:00.000Z'}),
  obligation({id: 'maybe', title: 'Tell the health regulator', applies: 'maybe', missing: ['data_categories']}),
  obligation({id: 'no-clock', title: 'Tell the police', missing: ['discovered_at']}),
  obligation({id: 'never', title: 'Not this one', applies: 'no'}),
]

const ROSTER: Roster = {'incident-commander': {primary: {name: 'Anna Weber', phone: '+49 170 1234567'}, backup: {name: 'Ben Ode', phone: '+1 617 555 0101'}}}

describe('the handover brief', () => {
  it('starts at the last change of incident commander, and covers what was recorded after it', () => {
    const {events, state} = night()
    const brief = computeBrief({events, state, obligations: OBLIGATIONS, roster: ROSTER, now: NOW})
    expect(brief.from).toEqual({
      kind: 'handover',
      at: '2026-03-29T02:00:00.000Z',
      afterSeq: 10,
      role: 'incident-commander',
      name: 'Ben Ode',
      previous: 'Anna Weber',
    })
    expect(brief.to).toBe(NOW.toISOString())
    expect(brief.previousShiftFrom).toBe('2026-03-28T18:15:00.000Z')
    expect(brief.facts).toEqual([
      {key: 'affected.total', from: 1200, to: 1240, at: '2026-03-29T03:00:00.000Z', actor: 'ben', seq: 11},
      {key: 'data_categories', from: null, to: ['contact'], at: '2026-03-29T03:05:00.000Z', actor: 'ben', seq: 12},
    ])
    expect(brief.steps.done).toEqual([])
    expect(brief.steps.started.map((s) => s.step)).toEqual(['review'])
    // Blocked before the shift and still blocked: listed, not new.
    expect(brief.steps.blocked).toEqual([expect.objectContaining({step: 'scope', text: 'waiting for logs', isNew: false, actor: 'anna'})])
    expect(brief.notes).toEqual([])
    expect(brief.handovers).toEqual([expect.objectContaining({role: 'legal', name: 'Lee Park', previous: null, seq: 17})])
    expect(brief.quiet).toBe(false)
  })

  it('finds steps newly overdue in the window apart from those overdue before it', () => {
    const {events, state} = night()
    const brief = computeBrief({events, state, obligations: [], now: NOW})
    // scope was due 2026-03-29 18:00Z, inside the shift, and is still blocked; declare was done on time.
    expect(brief.overdue.newly).toEqual([
      {step: 'scope', title: 'Scope', owner: 'privacy', dueAt: '2026-03-29T18:00:00.000Z', finished: false, lateByMs: 3_600_000},
    ])
    expect(brief.overdue.still).toEqual([])
    // Looking from a later point, the same step was overdue before the window began.
    const later = computeBrief({events, state, obligations: [], now: NOW, since: '2026-03-29 20:30'})
    expect(later.overdue.newly).toEqual([])
    expect(later.overdue.still.map((s) => s.step)).toEqual(['scope'])
  })

  it('lists deadlines met in the window, overdue (new ones marked) and due within 24 hours, and the open decisions', () => {
    const {events, state} = night()
    const brief = computeBrief({events, state, obligations: OBLIGATIONS, now: NOW})
    expect(brief.deadlines.met).toEqual([
      {
        id: 'gdpr-art33',
        title: 'Notify the supervisory authority',
        at: '2026-03-29T04:00:00.000Z',
        actor: 'ben',
        ref: 'CNIL-1',
        lateByMs: -(2 * 86_400_000 + 14 * 3_600_000),
      },
    ])
    expect(brief.deadlines.dueSoon.map((d) => [d.id, d.timeLeftMs])).toEqual([['soon', 5 * 3_600_000]])
    expect(brief.deadlines.overdue.map((d) => [d.id, d.isNew])).toEqual([
      ['late-old', false],
      ['late-new', true],
    ])
    expect(brief.decisions).toEqual([
      {kind: 'obligation', id: 'maybe', title: 'Tell the health regulator', needs: ['data_categories'], dueAt: null},
      {kind: 'clock', id: 'no-clock', title: 'Tell the police', needs: ['discovered_at']},
    ])
  })

  it('shows who holds which role with the roster beside them', () => {
    const {events, state} = night()
    const {roles} = computeBrief({events, state, obligations: [], roster: ROSTER, now: NOW})
    expect(roles.find((r) => r.role === 'incident-commander')).toMatchObject({
      holder: {name: 'Ben Ode', phone: '+1 617 555 0101', inRoster: true},
      primary: {name: 'Anna Weber'},
    })
    expect(roles.find((r) => r.role === 'legal')?.holder?.name).toBe('Lee Park')
    expect(roles.find((r) => r.role === 'privacy')?.holder).toBeNull()
  })

  it("reads --since in the incident's zone, as a duration ago, or as the opening", () => {
    const {events, state} = night()
    // 21:30 in Berlin is 20:30Z: the block of `scope` (21:00Z) is inside; read as UTC it would not be.
    const brief = computeBrief({events, state, obligations: [], now: NOW, since: '2026-03-28 21:30'})
    expect(brief.from).toEqual({kind: 'time', at: '2026-03-28T20:30:00.000Z', afterSeq: 8})
    expect(brief.previousShiftFrom).toBeNull()
    expect(brief.steps.blocked).toEqual([expect.objectContaining({step: 'scope', isNew: true})])
    expect(brief.handovers.map((h) => [h.name, h.previous])).toEqual([
      ['Ben Ode', 'Anna Weber'],
      ['Lee Park', null],
    ])
    expect(brief.facts.find((f) => f.key === 'affected.total')).toMatchObject({from: 1200, to: 1240})

    expect(briefStart(events, state, NOW, '15h')).toEqual({kind: 'time', at: '2026-03-29T04:00:00.000Z', afterSeq: 14})
    const all = computeBrief({events, state, obligations: [], now: NOW, since: 'opened'})
    expect(all.from).toEqual({kind: 'opened', at: '2026-03-28T17:50:00.000Z', afterSeq: 0})
    expect(all.steps.done.map((s) => [s.step, s.text])).toEqual([['declare', 'bridge open']])
    expect(all.notes).toEqual([{text: 'vendor called back', step: null, at: '2026-03-28T20:05:00.000Z', actor: 'anna'}])
    expect(all.facts.find((f) => f.key === 'encrypted')).toMatchObject({from: null, to: false})
  })

  it('is quiet when nothing was recorded since, and refuses a start in the future or that is no time', () => {
    const {events, state} = night()
    const quiet = computeBrief({events, state, obligations: [], now: NOW, since: '2026-03-29 21:00'})
    expect(quiet.quiet).toBe(true)
    expect(quiet.facts).toEqual([])
    const future = thrown(() => parseSince('2026-03-30 09:00', 'Europe/Berlin', NOW))
    expect(future.message).toBe('--since 2026-03-30 09:00 +02:00 is in the future (now is 2026-03-29 21:00 +02:00 in Europe/Berlin)')
    expect(thrown(() => parseSince('yesterday', 'Europe/Berlin', NOW)).message).toContain('a duration such as 8h')
  })

  it('starts at the opening without a commander change, and lists steps that may apply and a drill decision still open', () => {
    const now = new Date('2026-03-28T12:00:00.000Z')
    const delivered: EventDraft[] = [...drillDrafts(), {type: 'drill.inject', actor: 'fay', payload: {inject: 'press'}}]
    const open = store(delivered)
    const brief = computeBrief({events: open, state: fold(open), obligations: [], now})
    expect(brief.from.kind).toBe('opened')
    expect(brief.previousShiftFrom).toBeNull()
    expect(brief.incident.drill).toBe(true)
    // No data categories yet: whether the health step applies is still open.
    expect(brief.decisions).toEqual([
      {kind: 'step', id: 'health-check', title: 'Health', condition: 'data_categories includes health'},
      // Without the facilitator's expected decision ('hold a statement'): the brief goes to the players.
      {kind: 'drill', id: 'press', title: 'A reporter calls'},
    ])
    const decided = store([...delivered, decisionEvent(fold(open), 'press', 'hold a statement', {actor: 'fay'})])
    expect(computeBrief({events: decided, state: fold(decided), obligations: [], now}).decisions.map((d) => d.kind)).toEqual(['step'])
  })
})
