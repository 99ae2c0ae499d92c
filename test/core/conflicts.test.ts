import {describe, expect, it} from 'vitest'
import {changesSince, describeInterleaved, interleaved, replacedBy, sameValue, settingOf, targetsOf, type Target} from '../../src/core/incident/conflicts.js'
import {factEvent, noteEvent, stepEvent} from '../../src/core/incident/actions.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts} from '../helpers/events.js'
import {store} from '../helpers/stored.js'

// Finding 10 of issue 14: what another responder changed since a walk (or a script) read the incident.

const AWARE: Target = {kind: 'fact', key: 'aware_at'}
const DECLARE: Target = {kind: 'step', step: 'declare'}

/** The log of the finding: opened with aware_at (#2); then A answers aware_at again (#3) and marks declare done (#4). */
function twoResponders(): EventDraft[] {
  const opened = openDrafts('2026-03-28T20:40:00.000Z')
  const state = fold(store(opened))
  return [
    ...opened,
    factEvent(state, 'aware_at', '2026-03-28T20:00:00.000Z', {actor: 'Anna'}),
    stepEvent(state, 'declare', 'done', 'bridge open', {actor: 'Anna'}),
  ]
}

describe('changesSince', () => {
  it('names the fact and the step another responder changed after the number read, from what to what, by whom', () => {
    const events = store(twoResponders(), (i) => `2026-03-28T21:0${i}:00.000Z`)
    const changes = changesSince(events, 2, [AWARE, DECLARE])
    expect(changes).toEqual([
      {
        target: AWARE,
        before: {kind: 'fact', value: '2026-03-28T20:40:00.000Z'},
        after: {kind: 'fact', value: '2026-03-28T20:00:00.000Z'},
        seq: 3,
        actor: 'Anna',
        recordedAt: '2026-03-28T21:02:00.000Z',
        count: 1,
      },
      {
        target: DECLARE,
        after: {kind: 'step', status: 'done', text: 'bridge open'},
        seq: 4,
        actor: 'Anna',
        recordedAt: '2026-03-28T21:03:00.000Z',
        count: 1,
      },
    ])
  })

  it('says nothing of changes made before the number read, or of targets nobody touched since', () => {
    const events = store(twoResponders())
    expect(changesSince(events, 4, [AWARE, DECLARE])).toEqual([])
    expect(changesSince(events, 3, [AWARE])).toEqual([])
    expect(
      changesSince(events, 2, [
        {kind: 'step', step: 'scope'},
        {kind: 'fact', key: 'affected.total'},
      ]),
    ).toEqual([])
  })

  it('counts every change since and reports the latest; the value before is the one at the number read', () => {
    const drafts = twoResponders()
    const state = fold(store(drafts))
    drafts.push(factEvent(state, 'aware_at', '2026-03-28T19:30:00.000Z', {actor: 'Ben'}))
    const [change] = changesSince(store(drafts), 2, [AWARE])
    expect(change).toMatchObject({before: {value: '2026-03-28T20:40:00.000Z'}, after: {value: '2026-03-28T19:30:00.000Z'}, actor: 'Ben', seq: 5, count: 2})
  })

  it('a note never touches a step: adding to the record replaces nobody', () => {
    const drafts = openDrafts()
    drafts.push(noteEvent(fold(store(drafts)), 'called the insurer', 'declare', {actor: 'Anna'}))
    expect(changesSince(store(drafts), 1, [DECLARE])).toEqual([])
  })

  it('an event recovered from a forked branch counts as what it was', () => {
    const drafts = openDrafts()
    const original = store([...drafts, stepEvent(fold(store(drafts)), 'declare', 'skip', 'not ours', {actor: 'Eva'})])[1]!
    const events = store([...drafts, {type: 'record.recovered', actor: 'runbook', payload: {original}}])
    expect(changesSince(events, 1, [DECLARE])).toMatchObject([{after: {status: 'skipped', text: 'not ours'}, actor: 'Eva', seq: 2}])
  })
})

describe('what a write would replace', () => {
  it('a skip replaces a done; a second done replaces nothing (the same status, whatever the note)', () => {
    const events = store(twoResponders())
    const state = fold(events)
    const changes = changesSince(events, 2, [DECLARE])
    expect(replacedBy(changes, [stepEvent(state, 'declare', 'skip', 'not ours', {actor: 'Ben'})])).toEqual(changes)
    expect(replacedBy(changes, [stepEvent(state, 'declare', 'done', 'also done', {actor: 'Ben'})])).toEqual([])
  })

  it('a fact set to the value the other responder gave replaces nothing; another value does', () => {
    const events = store(twoResponders())
    const state = fold(events)
    const changes = changesSince(events, 2, [AWARE])
    expect(replacedBy(changes, [factEvent(state, 'aware_at', '2026-03-28T20:00:00.000Z', {actor: 'Ben'})])).toEqual([])
    expect(replacedBy(changes, [factEvent(state, 'aware_at', '2026-03-28T21:00:00.000Z', {actor: 'Ben'})])).toHaveLength(1)
  })

  it('the targets of a batch are what it sets: facts, steps, notifications, roles, custody; never notes', () => {
    const state = fold(store(openDrafts()))
    const drafts: EventDraft[] = [
      factEvent(state, 'risk', 'high', {actor: 'a'}),
      stepEvent(state, 'scope', 'block', 'waiting for the CRM export', {actor: 'a'}),
      noteEvent(state, 'n', 'scope', {actor: 'a'}),
      {type: 'obligation.met', actor: 'a', occurredAt: '2026-03-29T10:00:00.000Z', payload: {obligation: 'gdpr-art33', ref: 'CNIL-1'}},
      {type: 'role.assigned', actor: 'a', payload: {role: 'legal', name: 'Lee'}},
      {type: 'evidence.transferred', actor: 'a', payload: {item: 'EV-4', from: 'Ann', to: 'Bo'}},
    ]
    expect(targetsOf(drafts)).toEqual([
      {kind: 'fact', key: 'risk'},
      {kind: 'step', step: 'scope'},
      {kind: 'obligation', obligation: 'gdpr-art33'},
      {kind: 'role', role: 'legal'},
      {kind: 'evidence', item: 'EV-4'},
    ])
    expect(settingOf(drafts[3]!)).toEqual({
      target: {kind: 'obligation', obligation: 'gdpr-art33'},
      value: {kind: 'obligation', at: '2026-03-29T10:00:00.000Z', ref: 'CNIL-1'},
    })
  })

  it('sameValue compares a fact by its whole value', () => {
    expect(sameValue({kind: 'fact', value: ['contact', 'health']}, {kind: 'fact', value: ['contact', 'health']})).toBe(true)
    expect(sameValue({kind: 'fact', value: ['contact']}, {kind: 'fact', value: ['contact', 'health']})).toBe(false)
    expect(sameValue(undefined, {kind: 'fact', value: 1})).toBe(false)
  })
})

describe('interleaved: what happened since, in plain words', () => {
  it('lists every event since, counts only answers as worth asking about, and puts what would be replaced first', () => {
    const drafts = twoResponders()
    drafts.push({type: 'drill.advanced', actor: 'runbook', payload: {by: '1h'}} as EventDraft)
    const events = store(drafts, (i) => `2026-03-28T21:0${i}:00.000Z`)
    const state = fold(events)
    const report = interleaved(events, 2, [stepEvent(state, 'declare', 'skip', 'not ours', {actor: 'Ben'})])
    expect(report.events.map((e) => e.seq)).toEqual([3, 4, 5])
    expect(report.answered.map((e) => e.seq)).toEqual([3, 4])
    expect(report.lastSeq).toBe(5)
    const lines = describeInterleaved(report, new Map([['declare', 'Declare the incident']]))
    expect(lines[0]).toBe(
      'step declare: Anna set it to done ("bridge open") at 2026-03-28 21:03 UTC (#4); nothing was recorded when you read it. Yours would replace it with skipped ("not ours").',
    )
    expect(lines[1]).toBe('#3 Anna, 2026-03-28 21:02 UTC: Fact aware_at = 2026-03-28T20:00:00.000Z (corrects 2026-03-28T20:40:00.000Z, #2)')
    expect(lines[2]).toMatch(/^#4 Anna, .*Step done: declare "Declare the incident" \(bridge open\)$/)
    expect(describeInterleaved(report, new Map(), {limit: 1}).at(-1)).toBe('... and 2 more (see `runbook timeline`).')
  })

  it('what people typed cannot drive the terminal', () => {
    const drafts = openDrafts()
    drafts.push(noteEvent(fold(store(drafts)), 'ok\u001b]0;pwned\u0007', undefined, {actor: 'Eve\u001b[2J'}))
    const lines = describeInterleaved(interleaved(store(drafts), 1, []), new Map())
    expect(lines.join('\n')).not.toContain(String.fromCharCode(27))
  })
})
