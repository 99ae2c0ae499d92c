import {describe, expect, it} from 'vitest'
import type {MetRecord} from '../../src/core/deadlines/obligations.js'
import {metEvent} from '../../src/core/deadlines/met.js'
import {decisionEvent} from '../../src/core/drills/actions.js'
import {dueInjects} from '../../src/core/drills/injects.js'
import {stepEvent} from '../../src/core/incident/actions.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {fold, type IncidentState} from '../../src/core/incident/state.js'
import type {Regulation} from '../../src/core/regulations/schema.js'
import {afterActionReport} from '../../src/core/report/after-action.js'
import {openDrafts} from '../helpers/events.js'
import {evaluateTest, TEST_REGULATION} from '../helpers/regulation.js'
import {drillDrafts, REAL_START, store} from '../helpers/stored.js'

/** A 24-hour duty that nobody meets in the incident below. */
const QUICK: Regulation = {
  ...TEST_REGULATION,
  id: 'test-quick',
  name: 'Test Quick Law',
  obligations: [
    {id: 'quick-24h', title: 'Tell the sector regulator', notify: ['regulator'], applies: {fact: 'risk', equals: 'high'}, clock: {from: 'aware_at', hours: 24}},
  ],
}

const met = (state: IncidentState): Record<string, MetRecord> => state.met as Record<string, MetRecord>

describe('afterActionReport for a real incident', () => {
  // Aware at 18:00Z on 28 March; recorded from 19:00Z; closed on 2 April.
  const opened = openDrafts('2026-03-28T18:00:00.000Z')
  const s0 = fold(store(opened))
  const facts: EventDraft[] = [
    {type: 'fact.set', actor: 'bob', occurredAt: '2026-03-28T18:10:00.000Z', payload: {key: 'risk', value: 'high'}},
    {type: 'fact.set', actor: 'bob', occurredAt: '2026-03-28T18:10:00.000Z', payload: {key: 'data_categories', value: ['contact']}},
  ]
  const withFacts = fold(store([...opened, ...facts]))
  const art33 = evaluateTest(Object.fromEntries(Object.entries(withFacts.facts).map(([k, f]) => [k, f.value])), '2026-03-29T00:00:00.000Z').get('gdpr-art33')!
  const drafts: EventDraft[] = [
    ...opened,
    ...facts,
    stepEvent(s0, 'declare', 'done', 'bridge open', {actor: 'bob', occurredAt: '2026-03-28T18:30:00.000Z'}),
    stepEvent(s0, 'scope', 'done', undefined, {actor: 'carol', occurredAt: '2026-03-29T20:00:00.000Z'}),
    stepEvent(s0, 'review', 'block', 'waiting for legal', {actor: 'dana', occurredAt: '2026-03-30T09:00:00.000Z'}),
    metEvent({obligation: art33, at: '2026-03-31T23:00:00.000Z', ref: 'DPA-42', delayReason: 'forensics took two days'}, {actor: 'dana'}),
    {type: 'regulations.evaluated', actor: 'dana', payload: {versions: {'test-gdpr': {sha256: 'a'.repeat(64), lastReviewed: '2026-01-15', file: 'x.yaml'}}}},
    {type: 'incident.closed', actor: 'alice', occurredAt: '2026-04-02T10:00:00.000Z', payload: {reason: 'contained'}},
  ]
  const events = store(drafts)
  const state = fold(events)
  const factValues = Object.fromEntries(Object.entries(state.facts).map(([k, f]) => [k, f.value]))
  const obligations = [...evaluateTest(factValues, '2026-04-02T10:00:00.000Z', met(state), [TEST_REGULATION, QUICK]).values()]
  // The machine clock would only matter for an open incident; this one ended when it was closed.
  const report = afterActionReport(state, events, obligations, new Date('2026-06-01T00:00:00.000Z'))

  it('runs from awareness to closing', () => {
    expect(report).toMatchObject({title: 'Test incident', incidentId: 'inc-1', exercise: false, scenario: undefined, objectives: []})
    expect([report.startedAt, report.endedAt]).toEqual(['2026-03-28T18:00:00.000Z', '2026-04-02T10:00:00.000Z'])
  })

  it('lists who took part, once each, in order of first appearance', () => {
    expect(report.participants).toEqual(['alice', 'bob', 'carol', 'dana'])
  })

  it('tells the story in time order, in plain words, without the bookkeeping of rule versions', () => {
    expect(report.timeline).toEqual([
      {when: '2026-03-28T18:10:00.000Z', who: 'bob', what: 'Fact risk = high'},
      {when: '2026-03-28T18:10:00.000Z', who: 'bob', what: 'Fact data_categories = contact'},
      {when: '2026-03-28T18:30:00.000Z', who: 'bob', what: 'Step done: declare "Declare" (bridge open)'},
      {when: '2026-03-28T19:00:00.000Z', who: 'alice', what: 'Incident inc-1 opened: Test incident (playbook tiny v1.0)'},
      {when: '2026-03-28T19:00:00.000Z', who: 'alice', what: 'Fact aware_at = 2026-03-28T18:00:00.000Z'},
      {when: '2026-03-29T20:00:00.000Z', who: 'carol', what: 'Step done: scope "Scope"'},
      {when: '2026-03-30T09:00:00.000Z', who: 'dana', what: 'Step blocked: review "Review", because waiting for legal'},
      {when: '2026-03-31T23:00:00.000Z', who: 'dana', what: 'Notification made: gdpr-art33 (ref DPA-42); reason for delay: forensics took two days'},
      {when: '2026-04-02T10:00:00.000Z', who: 'alice', what: 'Incident closed: contained'},
    ])
  })

  it('judges each applicable deadline: made late, missed, not yet due, or open-ended', () => {
    // In the order given (most urgent first, those already made last).
    expect(report.deadlines).toEqual([
      {id: 'quick-24h', title: 'Tell the sector regulator', dueAt: '2026-03-29T18:00:00.000Z', status: 'missed', detail: 'missed'},
      // 30 calendar days from the report on 1 April (Brussels): the end of 1 May, Brussels time.
      {id: 'gdpr-art33-final', title: 'Send the final report', dueAt: '2026-05-01T21:59:59.999Z', status: 'open', detail: 'not yet due'},
      {id: 'gdpr-art34', title: 'Tell the people affected', dueAt: null, status: 'open', detail: 'no fixed deadline'},
      {id: 'gdpr-art33', title: 'Notify the supervisory authority', dueAt: '2026-03-31T18:00:00.000Z', status: 'met-late', detail: 'made 5h late'},
    ])
  })

  it('counts steps and deadlines', () => {
    expect(report.metrics).toEqual({
      stepsDone: 2,
      stepsSkipped: 0,
      stepsLate: 1,
      stepsOpen: 1,
      deadlinesMetOnTime: 0,
      deadlinesMetLate: 1,
      deadlinesMissed: 1,
      injects: 0,
      injectsAnswered: 0,
    })
  })

  it('shows per phase when the first step was done, counting only steps that apply', () => {
    expect(report.phases).toEqual([
      {title: 'Preparation', done: 1, total: 1, firstDoneAt: '2026-03-28T18:30:00.000Z', sinceStart: '30m'},
      {title: 'Detection & Analysis', done: 1, total: 1, firstDoneAt: '2026-03-29T20:00:00.000Z', sinceStart: '1d 2h'},
      {title: 'Post-Incident Activity', done: 0, total: 1, firstDoneAt: null, sinceStart: null},
    ])
  })

  it('names what went well and what to improve', () => {
    expect(report.wentWell).toEqual(['Declare was done within its target (target 1h).'])
    expect(report.improve).toEqual([
      'Scope was done 2h past its target (target 24h).',
      'Review was blocked: waiting for legal.',
      'Tell the sector regulator (quick-24h) was missed.',
      'Notify the supervisory authority (gdpr-art33) was late.',
    ])
  })

  it('turns each problem into an action with an owner, due 30 days after the end', () => {
    expect(report.plan).toEqual([
      {
        action: 'Find out what slowed "Scope" and remove it (pre-approved authority, a checklist, access prepared in advance).',
        owner: 'Privacy / DPO',
        due: '2026-05-02',
      },
      {action: 'Remove the blocker for "Review": waiting for legal.', owner: 'Security lead', due: '2026-05-02'},
      {
        action: 'Prepare the quick-24h report in advance (template, approvals, portal access) so it can go within its deadline.',
        owner: 'Privacy / DPO',
        due: '2026-05-02',
      },
      {
        action: 'Prepare the gdpr-art33 report in advance (template, approvals, portal access) so it can go within its deadline.',
        owner: 'Privacy / DPO',
        due: '2026-05-02',
      },
    ])
  })

  it('ends at the given now while the incident is still open', () => {
    const open = store(drafts.slice(0, -1))
    const now = new Date('2026-04-01T12:00:00.000Z')
    const ongoing = afterActionReport(fold(open), open, [], now)
    expect(ongoing.endedAt).toBe('2026-04-01T12:00:00.000Z')
    expect(ongoing.plan[0]!.due).toBe('2026-05-01')
  })
})

describe('afterActionReport, a step recorded as done before the start', () => {
  it('says how long before the start, not a negative time', () => {
    const opened = openDrafts('2026-03-28T18:00:00.000Z')
    const s0 = fold(store(opened))
    const events = store([...opened, stepEvent(s0, 'declare', 'done', undefined, {actor: 'bob', occurredAt: '2026-03-28T17:31:00.000Z'})])
    const report = afterActionReport(fold(events), events, [], new Date('2026-03-29T00:00:00.000Z'))
    // It read "-29m".
    expect(report.phases[0]).toMatchObject({title: 'Preparation', sinceStart: '29m before the start'})
  })
})

describe('afterActionReport for an incident still under way', () => {
  const opened = openDrafts('2026-03-28T18:00:00.000Z')
  const s0 = fold(store(opened))
  const risk: EventDraft = {type: 'fact.set', actor: 'bob', payload: {key: 'risk', value: 'risk'}}
  const art33 = evaluateTest({aware_at: '2026-03-28T18:00:00.000Z', risk: 'risk'}, '2026-03-29T00:00:00.000Z').get('gdpr-art33')!
  const events = store([
    ...opened,
    risk,
    stepEvent(s0, 'declare', 'skip', 'declared by the parent company', {actor: 'bob', occurredAt: '2026-03-28T18:20:00.000Z'}),
    metEvent({obligation: art33, at: '2026-03-30T12:00:00.000Z'}, {actor: 'dana'}),
  ])
  const state = fold(events)
  const now = new Date('2026-03-30T18:00:00.000Z')
  const obligations = [...evaluateTest({aware_at: '2026-03-28T18:00:00.000Z', risk: 'risk'}, now.toISOString(), met(state)).values()]
  const report = afterActionReport(state, events, obligations, now)

  it('credits a notification made on time', () => {
    expect(report.deadlines.find((d) => d.id === 'gdpr-art33')).toMatchObject({status: 'met-on-time', detail: 'made on time'})
    expect(report.wentWell).toEqual(['Notify the supervisory authority (gdpr-art33) was made on time.'])
    expect(report.metrics).toMatchObject({deadlinesMetOnTime: 1, deadlinesMetLate: 0, deadlinesMissed: 0})
  })

  it('names a skipped step with its reason and a step still open past its target', () => {
    // Scope was due 24 hours after awareness, at 18:00Z on 29 March; it is 18:00Z on 30 March.
    expect(report.improve).toEqual(['Declare was skipped: declared by the parent company.', 'Scope is still open, 1d past its target (target 24h).'])
    // Open: scope, review, and health-check, which may still apply (data_categories is not set).
    expect(report.metrics).toMatchObject({stepsDone: 0, stepsSkipped: 1, stepsLate: 1, stepsOpen: 3})
    expect(report.endedAt).toBe('2026-03-30T18:00:00.000Z')
  })
})

describe('afterActionReport for a drill', () => {
  // Simulated start 09:00Z, awareness 08:30Z (the scenario says -30m); manual clock.
  const start = drillDrafts()
  const s0 = fold(store(start, REAL_START))
  const first = dueInjects(s0, new Date('2026-03-28T10:00:00.000Z')).drafts
  const s1 = fold(store([...start, ...first], REAL_START))
  const second = dueInjects(s1, new Date('2026-03-28T11:00:00.000Z')).drafts
  const s2 = fold(store([...start, ...first, ...second], REAL_START))
  const drafts: EventDraft[] = [
    ...start,
    ...first,
    stepEvent(s1, 'declare', 'done', undefined, {actor: 'gina', occurredAt: '2026-03-28T09:20:00.000Z'}),
    ...second,
    decisionEvent(s2, 'press', 'hold a statement', {actor: 'gina', occurredAt: '2026-03-28T11:45:00.000Z'}),
    {type: 'drill.ended', actor: 'fay', occurredAt: '2026-03-28T12:00:00.000Z', payload: {}},
    {type: 'incident.closed', actor: 'fay', occurredAt: '2026-03-28T12:00:00.000Z', payload: {reason: 'exercise ended'}},
  ]
  const events = store(drafts, REAL_START)
  const report = afterActionReport(fold(events), events, [], new Date('2026-06-01T00:00:00.000Z'))

  it('is titled after the scenario and runs on simulated time', () => {
    expect(report).toMatchObject({
      title: 'Tiny drill',
      incidentId: 'drill-tiny',
      exercise: true,
      scenario: {id: 'tiny-drill', title: 'Tiny drill', description: 'A scenario for tests.', situation: 'A quiet Saturday.'},
      objectives: ['Declare in time', 'Answer the press'],
      startedAt: '2026-03-28T09:00:00.000Z',
      endedAt: '2026-03-28T12:00:00.000Z',
    })
  })

  it('counts the players, not the scenario, the facilitator or the injects', () => {
    expect(report.participants).toEqual(['fay', 'gina'])
  })

  it('judges each delivered inject against what it expected, in time', () => {
    expect(report.injects).toEqual([
      {
        id: 'alert',
        title: 'Odd logins',
        from: 'SOC analyst',
        at: '2026-03-28T09:00:00.000Z',
        decisions: [],
        expected: 'step declare',
        outcome: 'expected response in time',
      },
      {
        id: 'press',
        title: 'A reporter calls',
        from: 'journalist',
        at: '2026-03-28T11:00:00.000Z',
        decisions: ['hold a statement'],
        expected: 'hold a statement',
        outcome: 'expected response late or missing',
      },
    ])
    expect(report.metrics).toMatchObject({injects: 2, injectsAnswered: 1, stepsDone: 1})
  })

  it('praises the answer in time and plans to rehearse the late one', () => {
    expect(report.wentWell).toContain('The team answered "Odd logins" in time.')
    expect(report.improve).toContain('"A reporter calls": expected hold a statement within 30m; the decision came late or not at all.')
    // Due 30 real days after the drill ended (recorded 4 May), not 30 days after its simulated end (28 March):
    // the plan is work for after the exercise (issue 16; it said 2026-04-27 before).
    expect(report.plan).toContainEqual({
      action: 'Rehearse the response to "A reporter calls" (hold a statement).',
      owner: 'Incident commander',
      due: '2026-06-03',
    })
  })

  it('marks the drill events in the timeline', () => {
    expect(report.timeline.map((t) => t.what)).toContain('EXERCISE decision on press: hold a statement')
    expect(report.timeline.at(-1)).toEqual({when: '2026-03-28T12:00:00.000Z', who: 'fay', what: 'Incident closed: exercise ended'})
  })
})
