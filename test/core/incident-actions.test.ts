import {orgFactDefinitions} from '../../src/core/facts/org-definitions.js'
import {describe, expect, it} from 'vitest'
import {
  closeEvent,
  ensureOpen,
  factEvent,
  findStep,
  instantConcern,
  noteEvent,
  openIncident,
  parseAt,
  parseFact,
  reopenEvent,
  stepEvent,
} from '../../src/core/incident/actions.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts, TINY_PLAYBOOK} from '../helpers/events.js'
import {store} from '../helpers/stored.js'
import {thrown} from '../helpers/thrown.js'

const who = {actor: 'bob', occurredAt: '2026-03-28T18:30:00.000Z'}
const incident = (...more: EventDraft[]) => fold(store([...openDrafts('2026-03-28T18:00:00.000Z'), ...more]))
const closed = () => incident({type: 'incident.closed', actor: 'bob', payload: {}})

describe('openIncident', () => {
  it('records the playbook as it is, and awareness as a fact when known', () => {
    const drafts = openIncident(
      {id: 'inc-7', title: 'Lost laptop', timezone: 'Asia/Tokyo', playbook: TINY_PLAYBOOK, playbookSha256: 'y'.repeat(64), awareAt: '2026-03-28T01:00:00.000Z'},
      {actor: 'alice', occurredAt: '2026-03-28T02:00:00.000Z'},
    )
    expect(drafts).toEqual([
      {
        type: 'incident.opened',
        actor: 'alice',
        occurredAt: '2026-03-28T02:00:00.000Z',
        payload: {id: 'inc-7', title: 'Lost laptop', timezone: 'Asia/Tokyo', playbook: TINY_PLAYBOOK, playbookSha256: 'y'.repeat(64)},
      },
      {type: 'fact.set', actor: 'alice', payload: {key: 'aware_at', value: '2026-03-28T01:00:00.000Z'}},
    ])
  })

  it('marks a drill and sets no awareness fact when none is given', () => {
    const drafts = openIncident(
      {id: 'drill-1', title: 'T', timezone: 'UTC', playbook: TINY_PLAYBOOK, playbookSha256: 'y'.repeat(64), drill: true},
      {actor: 'alice'},
    )
    expect(drafts).toHaveLength(1)
    expect(drafts[0]!.payload).toMatchObject({drill: true})
  })
})

describe('findStep', () => {
  it('finds a step by id', () => {
    expect(findStep(incident(), 'scope').step).toMatchObject({id: 'scope', phase: 'detection-analysis'})
  })

  it('suggests steps whose id is close, and lists them all in the hint', () => {
    const error = thrown(() => findStep(incident(), 'scop'))
    expect(error.message).toBe('playbook tiny has no step "scop"; did you mean scope?')
    expect(error.hint).toBe('Steps: declare, scope, health-check, review')
    expect(thrown(() => findStep(incident(), 'declared')).message).toBe('playbook tiny has no step "declared"; did you mean declare?')
  })

  it('suggests nothing when nothing is close', () => {
    expect(thrown(() => findStep(incident(), 'isolate')).message).toBe('playbook tiny has no step "isolate"')
  })
})

describe('stepEvent', () => {
  const state = incident()

  it('starts and finishes a step, with an optional trimmed note', () => {
    expect(stepEvent(state, 'scope', 'start', undefined, who)).toEqual({
      type: 'step.started',
      actor: 'bob',
      occurredAt: who.occurredAt,
      payload: {step: 'scope'},
    })
    expect(stepEvent(state, 'scope', 'done', ' 40 accounts ', who)).toEqual({
      type: 'step.completed',
      actor: 'bob',
      occurredAt: who.occurredAt,
      payload: {step: 'scope', note: '40 accounts'},
    })
    expect(stepEvent(state, 'scope', 'done', '   ', who).payload).toEqual({step: 'scope'})
  })

  it('skips and blocks only with a reason, saying how to give one', () => {
    expect(stepEvent(state, 'review', 'skip', 'a drill', who)).toMatchObject({type: 'step.skipped', payload: {step: 'review', reason: 'a drill'}})
    expect(stepEvent(state, 'scope', 'block', 'no logs', who)).toMatchObject({type: 'step.blocked', payload: {step: 'scope', reason: 'no logs'}})
    expect(thrown(() => stepEvent(state, 'review', 'skip', undefined, who)).message).toBe('skipping review needs a reason: add --note "why it does not apply"')
    expect(thrown(() => stepEvent(state, 'scope', 'block', ' ', who)).message).toBe('blocking scope needs a reason: add --note "what it waits for"')
  })

  it('refuses to record on a closed incident, saying how to reopen it', () => {
    const error = thrown(() => stepEvent(closed(), 'scope', 'done', undefined, who))
    expect(error.message).toBe('incident inc-1 is closed')
    expect(error.hint).toBe('Reopen it with `runbook incident reopen inc-1` to record more.')
  })
})

describe('noteEvent', () => {
  it('adds a trimmed note, on a step when named', () => {
    expect(noteEvent(incident(), ' called the insurer ', undefined, who)).toEqual({
      type: 'note.added',
      actor: 'bob',
      occurredAt: who.occurredAt,
      payload: {text: 'called the insurer'},
    })
    expect(noteEvent(incident(), 'logs pulled', 'scope', who).payload).toEqual({text: 'logs pulled', step: 'scope'})
  })

  it('refuses an empty note and an unknown step', () => {
    expect(thrown(() => noteEvent(incident(), ' \n ', undefined, who)).message).toBe('the note is empty')
    expect(thrown(() => noteEvent(incident(), 'x', 'nope', who)).message).toBe('playbook tiny has no step "nope"')
  })
})

describe('parseFact', () => {
  const berlin = {timezone: 'Europe/Berlin'}

  it('parses by the vocabulary, reading local times in the incident zone', () => {
    expect(parseFact(berlin, 'aware_at', '2026-03-28 20:00')).toBe('2026-03-28T19:00:00.000Z')
    expect(parseFact({timezone: 'Asia/Tokyo'}, 'aware_at', '2026-03-28 20:00')).toBe('2026-03-28T11:00:00.000Z')
    expect(parseFact(berlin, 'affected.total', '1,240')).toBe(1240)
    expect(parseFact(berlin, 'data_categories', 'contact, health,contact')).toEqual(['contact', 'health'])
    expect(parseFact(berlin, 'encrypted', 'Yes')).toBe(true)
    expect(parseFact(berlin, 'affected.US-CA', '12')).toBe(12)
  })

  it('refuses an unknown fact and a value of the wrong kind, naming the fact', () => {
    expect(thrown(() => parseFact(berlin, 'severity', 'high')).message).toMatch(/^unknown fact "severity"\. Known facts: aware_at, /)
    expect(thrown(() => parseFact(berlin, 'risk', 'extreme')).message).toBe('risk: "extreme" is not one of: none, low, risk, high')
    expect(thrown(() => parseFact(berlin, 'affected.total', 'many')).message).toBe(
      'affected.total: "many" is not a whole number of people or records (e.g. 1240)',
    )
  })
})

describe('factEvent, closeEvent, reopenEvent', () => {
  it('records a fact as given', () => {
    expect(factEvent(incident(), 'risk', 'high', who)).toEqual({
      type: 'fact.set',
      actor: 'bob',
      occurredAt: who.occurredAt,
      payload: {key: 'risk', value: 'high'},
    })
  })

  it('closes an open incident and reopens a closed one, each with an optional reason', () => {
    expect(closeEvent(incident(), 'contained', who)).toEqual({
      type: 'incident.closed',
      actor: 'bob',
      occurredAt: who.occurredAt,
      payload: {reason: 'contained'},
    })
    expect(closeEvent(incident(), undefined, who).payload).toEqual({})
    expect(reopenEvent(closed(), 'more accounts', who)).toMatchObject({type: 'incident.reopened', payload: {reason: 'more accounts'}})
  })

  it('refuses to close twice or reopen an open incident', () => {
    expect(thrown(() => closeEvent(closed(), undefined, who)).message).toBe('incident inc-1 is already closed')
    expect(thrown(() => reopenEvent(incident(), undefined, who)).message).toBe('incident inc-1 is already open')
  })

  it('lets a reopened incident take records again', () => {
    const reopened = incident({type: 'incident.closed', actor: 'bob', payload: {}}, {type: 'incident.reopened', actor: 'bob', payload: {}})
    expect(() => ensureOpen(reopened)).not.toThrow()
    expect(stepEvent(reopened, 'scope', 'done', undefined, who).type).toBe('step.completed')
  })
})

describe('parseAt', () => {
  const now = new Date('2026-03-28T20:00:00.000Z')

  it('is undefined when not given, and the given now for "now"', () => {
    expect(parseAt(undefined, 'Europe/Berlin', now)).toBeUndefined()
    expect(parseAt('', 'Europe/Berlin', now)).toBeUndefined()
    expect(parseAt('now', 'Europe/Berlin', now)).toBe('2026-03-28T20:00:00.000Z')
  })

  it('reads ISO with an offset as is and local times in the zone', () => {
    expect(parseAt('2026-03-28T19:00:00Z', 'Europe/Berlin', now)).toBe('2026-03-28T19:00:00.000Z')
    expect(parseAt('2026-03-28 20:00', 'Europe/Berlin', now)).toBe('2026-03-28T19:00:00.000Z')
    expect(parseAt('2026-03-28', 'Europe/Berlin', now)).toBe('2026-03-27T23:00:00.000Z')
  })

  it('allows five minutes of clock skew and refuses anything later', () => {
    expect(parseAt('2026-03-28T20:05:00Z', 'UTC', now)).toBe('2026-03-28T20:05:00.000Z')
    expect(thrown(() => parseAt('2026-03-28T20:05:00.001Z', 'UTC', now)).message).toBe(
      '--at 2026-03-28 20:05 +00:00 is in the future (now is 2026-03-28 20:00 +00:00); --at records when something already happened',
    )
    expect(thrown(() => parseAt('2026-03-28T22:00+01:00', 'UTC', now)).message).toMatch(/^--at 2026-03-28 21:00 \+00:00 is in the future/)
  })

  it('refuses what is not a time, and a date that does not exist', () => {
    expect(thrown(() => parseAt('yesterday', 'UTC', now)).message).toMatch(/^--at: "yesterday" is not a time; use an ISO 8601 time such as /)
    expect(thrown(() => parseAt('2026-02-30 10:00', 'UTC', now)).message).toMatch(/^--at: 2026-02-30 is not a day of the calendar/)
    // With an offset too: JavaScript would read 30 February as 2 March.
    expect(thrown(() => parseAt('2026-02-30T10:00:00Z', 'UTC', now)).message).toMatch(/^--at: 2026-02-30 is not a day of the calendar/)
  })
})

describe('answers that need a second look', () => {
  const state = fold(store(openDrafts()))
  const now = new Date('2026-03-28T19:00:00.000Z')

  it('an instant more than 5 minutes ahead, or a response instant from before the opening, is named in the incident zone', () => {
    expect(instantConcern(state, 'aware_at', '2026-03-28T19:04:00.000Z', now)).toBeUndefined()
    expect(instantConcern(state, 'aware_at', '2026-03-28T19:06:00.000Z', now)).toBe(
      'aware_at 2026-03-28 20:06 +01:00 is in the future (now is 2026-03-28 20:00 +01:00)',
    )
    expect(instantConcern(state, 'contained_at', '2026-03-27T09:00:00.000Z', now)).toBe(
      'contained_at 2026-03-27 10:00 +01:00 is before this incident was opened (2026-03-28 20:00 +01:00)',
    )
    for (const key of ['aware_at', 'discovered_at', 'determined_at', 'occurred_at', 'breach_ended_at'])
      expect(instantConcern(state, key, '2026-03-27T09:00:00.000Z', now), key).toBeUndefined()
    expect(instantConcern(state, 'affected.total', 12, now)).toBeUndefined()
  })

  it("the organisation's own instants get the future check, not the response-instant one (they may predate the incident)", () => {
    const own = orgFactDefinitions({contract_signed_at: {type: 'instant', description: 'when the customer contract was signed'}})
    expect(instantConcern(state, 'contract_signed_at', '2099-01-01T09:00:00.000Z', now)).toBeUndefined()
    expect(instantConcern(state, 'contract_signed_at', '2099-01-01T09:00:00.000Z', now, own)).toMatch(
      /^contract_signed_at 2099-01-01 10:00 \+01:00 is in the future/,
    )
    expect(instantConcern(state, 'contract_signed_at', '2025-01-05T09:00:00.000Z', now, own)).toBeUndefined()
  })

  it('a changed answer records what it corrects; the same answer again, or a first one, does not', () => {
    const first = factEvent(state, 'risk', 'low', who, 'DPO assessment 28 March')
    expect(first.payload).toEqual({key: 'risk', value: 'low', reason: 'DPO assessment 28 March'})
    const answered = fold(store([...openDrafts(), first]))
    expect(factEvent(answered, 'risk', 'low', who).payload).toEqual({key: 'risk', value: 'low'})
    expect(factEvent(answered, 'risk', 'high', who).payload).toEqual({key: 'risk', value: 'high', corrects: {seq: 2, value: 'low'}})
  })
})
