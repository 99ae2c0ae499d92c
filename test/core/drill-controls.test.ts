import {describe, expect, it} from 'vitest'
import {
  addInjectEvent,
  debriefEvent,
  deferEvent,
  fireEvents,
  nextInjectEvents,
  participantEvent,
  pauseEvent,
  rateEvent,
  resumeEvent,
} from '../../src/core/drills/actions.js'
import {simulatedNow} from '../../src/core/drills/clock.js'
import {arrivedAt, dueInjects, injectTime, upcomingInjects} from '../../src/core/drills/injects.js'
import {previewDrill} from '../../src/core/drills/preview.js'
import {aboutLeft, fillScenario, fillText, textProblems} from '../../src/core/drills/text.js'
import {describeEvent} from '../../src/core/incident/describe.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {checkDraft} from '../../src/core/incident/event-schema.js'
import {fold} from '../../src/core/incident/state.js'
import {TINY_PLAYBOOK} from '../helpers/events.js'
import {drillDrafts, REAL_START, SIM_START, store, TINY_SCENARIO} from '../helpers/stored.js'
import {thrown} from '../helpers/thrown.js'

const HOUR = 3_600_000
const who = {actor: 'fay'}
const sim = (ms: number) => new Date(Date.parse(SIM_START) + ms)
const drill = (...more: EventDraft[]) => fold(store([...drillDrafts(), ...more], REAL_START))
const checked = (drafts: EventDraft[]) => {
  for (const d of drafts) checkDraft(d)
  return drafts
}

describe('the facilitator controls, drafted and folded', () => {
  it('pause and resume: recorded on the machine clock, refused twice', () => {
    const s0 = drill()
    const paused = fold(store([...drillDrafts(), pauseEvent(s0, who)], REAL_START))
    expect(paused.exercise!.clock.pausedAt).toBe(REAL_START)
    expect(thrown(() => pauseEvent(paused, who)).message).toContain('already paused')
    expect(thrown(() => resumeEvent(s0, who)).message).toContain('is not paused')
    const resumed = fold(
      store([...drillDrafts(), pauseEvent(s0, who), resumeEvent(paused, who)], (i) => (i < drillDrafts().length + 1 ? REAL_START : '2026-05-04T14:10:00.000Z')),
    )
    expect(resumed.exercise!.clock).toMatchObject({pausedMs: 10 * 60_000})
    expect(resumed.exercise!.clock.pausedAt).toBeUndefined()
  })

  it('defer: the inject is due later, and the schedule is read in due order', () => {
    const s0 = drill()
    const draft = deferEvent(s0, 'press', '23h', who)
    checkDraft(draft)
    const s1 = drill(draft)
    expect(injectTime(s1, s1.exercise!.scenario.injects[1]!).toISOString()).toBe(sim(25 * HOUR).toISOString())
    // The regulator (+1d) now comes before the press (+2h deferred to +25h).
    expect(upcomingInjects(s1).map((i) => i.id)).toEqual(['alert', 'regulator', 'press'])
    expect(dueInjects(s1, sim(24 * HOUR)).injects.map((i) => i.id)).toEqual(['alert', 'regulator'])
    expect(thrown(() => deferEvent(s0, 'nope', '1h', who)).message).toContain('has no inject "nope"')
    expect(thrown(() => deferEvent(s0, 'press', 'soon', who)).message).toContain('is not a duration')
  })

  it('fire: delivered now with its facts, marked as fired; never twice', () => {
    const s0 = drill()
    const drafts = checked(fireEvents(s0, 'press', sim(10 * 60_000), who))
    expect(drafts.map((d) => d.type)).toEqual(['drill.inject', 'fact.set', 'fact.set'])
    const s1 = drill(...drafts)
    expect(s1.exercise!.delivered.press).toBe(sim(10 * 60_000).toISOString())
    expect(s1.exercise!.fired).toEqual(['press'])
    expect(arrivedAt(s1, s1.exercise!.scenario.injects[1]!).toISOString()).toBe(sim(10 * 60_000).toISOString())
    expect(s1.facts.ransomware?.value).toBe(true)
    expect(thrown(() => fireEvents(s1, 'press', sim(HOUR), who)).message).toContain('has already arrived')
    expect(describeEvent(store([...drillDrafts(), ...drafts], REAL_START).at(-3)!, new Map())).toBe('EXERCISE inject fired by the facilitator: press')
  })

  it('next: moves the clock exactly to the next inject due, or not at all when it is already due', () => {
    const s0 = drill(...dueInjects(drill(), sim(0)).drafts)
    // The manual clock stands at the start; the press call is due at +2h.
    const {inject, drafts} = nextInjectEvents(s0, sim(0), who)
    expect(inject.id).toBe('press')
    expect(drafts).toEqual([{type: 'drill.advanced', actor: 'fay', payload: {byMs: 2 * HOUR, by: 'to press'}}])
    const s1 = drill(...dueInjects(drill(), sim(0)).drafts, ...drafts)
    expect(simulatedNow(s1.exercise!.clock, Date.parse(REAL_START)).toISOString()).toBe(sim(2 * HOUR).toISOString())
    expect(nextInjectEvents(s0, sim(3 * HOUR), who).drafts).toEqual([])
    const all = drill(...dueInjects(drill(), sim(2 * 86_400_000)).drafts)
    expect(thrown(() => nextInjectEvents(all, sim(2 * 86_400_000), who)).message).toContain('every inject')
  })

  it('add: an inject from the floor, delivered at once, with an id from its title', () => {
    const s0 = drill()
    const draft = addInjectEvent(s0, {title: 'CEO calls!', message: 'The board wants a line.'}, sim(95 * 60_000), who)
    checkDraft(draft)
    expect(draft.payload).toEqual({
      inject: {id: 'added-ceo-calls', at: '+1h35m', from: 'the facilitator', title: 'CEO calls!', message: 'The board wants a line.'},
    })
    const s1 = drill(draft)
    expect(s1.exercise!.scenario.injects.at(-1)!.id).toBe('added-ceo-calls')
    expect(s1.exercise!.added).toEqual(['added-ceo-calls'])
    expect(s1.exercise!.delivered['added-ceo-calls']).toBe(sim(95 * 60_000).toISOString())
    // The same title again gets its own id; the scenario in the first event is not changed by the fold.
    expect((addInjectEvent(s1, {title: 'CEO calls!', message: 'Again.'}, sim(HOUR), who).payload as {inject: {id: string}}).inject.id).toBe('added-ceo-calls-2')
    expect(TINY_SCENARIO.injects).toHaveLength(3)
    expect(thrown(() => addInjectEvent(s0, {title: ' ', message: 'x'}, sim(0), who)).message).toContain('--title')
  })

  it('rate: objectives by number, P/S/M/U only; the latest rating counts', () => {
    const s0 = drill()
    const first = rateEvent(s0, '2', 'm', 'the statement took 3 hours', {actor: 'kim'})
    checkDraft(first)
    expect(first.payload).toEqual({objective: 2, rating: 'M', note: 'the statement took 3 hours'})
    const s1 = drill(first, rateEvent(s0, 'o2', 'S', undefined, {actor: 'lee'}))
    expect(s1.exercise!.ratings[2]).toMatchObject({rating: 'S', actor: 'lee'})
    expect(thrown(() => rateEvent(s0, '3', 'P', undefined, who)).message).toContain('give its number, 1 to 2')
    expect(thrown(() => rateEvent(s0, '1', 'X', undefined, who)).message).toContain('"X" is not a rating; use P (performed without challenges)')
  })

  it('debrief notes and participants: kept with their author, the latest role counting', () => {
    const s0 = drill()
    const s1 = drill(
      debriefEvent(s0, ' The bridge number was old ', {actor: 'anna'}),
      participantEvent(s0, 'anna', 'player', who),
      participantEvent(s0, 'kim', 'evaluator', who),
      participantEvent(s0, 'anna', 'controller', who),
    )
    expect(s1.exercise!.debrief).toMatchObject([{text: 'The bridge number was old', actor: 'anna'}])
    expect(s1.exercise!.participants).toEqual([
      {name: 'kim', role: 'evaluator'},
      {name: 'anna', role: 'controller'},
    ])
    expect(thrown(() => participantEvent(s0, 'x', 'observer', who)).message).toContain('"observer" is not a role')
    expect(thrown(() => debriefEvent(s0, '  ', who)).message).toContain('empty')
  })
})

describe('scenario texts', () => {
  const context = {
    org: 'Acme Ltd',
    zone: 'Europe/Berlin',
    at: new Date('2026-03-03T14:05:00Z'),
    dueAt: (id: string) => (id === 'gdpr-art33' ? '2026-03-04T02:05:00Z' : null),
  }

  it('fill the organisation, the weekday and time of the moment, days around it and the time a deadline has left', () => {
    expect(fillText("{{ org }}: it is {{time}} on {{ weekday }}, {{ date }}; rclone ran on {{ day('-2d') }} night.", context)).toBe(
      'Acme Ltd: it is 15:05 on Tuesday, 3 March 2026; rclone ran on Sunday night.',
    )
    expect(fillText('The GDPR clock has {{ left(\'gdpr-art33\') }} left; {{ left("us-ca") }}.', context)).toBe(
      'The GDPR clock has about 12 hours left; an unknown amount of time.',
    )
  })

  it('say the time left as a person would, and an overrun as such', () => {
    expect([aboutLeft(40 * 60_000), aboutLeft(90 * 60_000), aboutLeft(5 * HOUR), aboutLeft(3 * 86_400_000), aboutLeft(-HOUR)]).toEqual([
      'about 40 minutes',
      'about 90 minutes',
      'about 5 hours',
      'about 3 days',
      'no time: it ran out about 60 minutes ago',
    ])
  })

  it('name an unknown placeholder and refuse template logic', () => {
    expect(textProblems('{{ org }} {{ organisation }} {{ left(gdpr) }}')).toEqual([
      expect.stringContaining('unknown placeholder {{ organisation }}'),
      expect.stringContaining('unknown placeholder {{ left(gdpr) }}'),
    ])
    expect(textProblems('{% if x %}y{% endif %}')[0]).toContain('not allowed')
    expect(textProblems("{{ day('') }}")).toHaveLength(1)
  })

  it('fill each inject at its own arrival', () => {
    const scenario = {
      ...TINY_SCENARIO,
      situation: 'It is {{ time }} at {{ org }}.',
      injects: [{...TINY_SCENARIO.injects[0]!, at: '+2h', message: 'At {{ time }}, {{ org }} sees odd logins.'}],
    }
    const filled = fillScenario(scenario, {...context, start: new Date('2026-03-03T08:00:00Z'), arrival: () => new Date('2026-03-03T10:00:00Z')})
    expect(filled.situation).toBe('It is 09:00 at Acme Ltd.')
    expect(filled.injects[0]!.message).toBe('At 11:00, Acme Ltd sees odd logins.')
  })

  it('a preview plays every inject on schedule, facts included, without writing anything', () => {
    const state = previewDrill({scenario: TINY_SCENARIO, playbook: TINY_PLAYBOOK, timezone: 'UTC', simStart: SIM_START})
    expect(Object.keys(state.exercise!.delivered)).toEqual(['alert', 'press', 'regulator'])
    expect(state.facts.ransomware?.value).toBe(true)
  })
})
