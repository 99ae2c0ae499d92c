import {describe, expect, it} from 'vitest'
import {closeEvent} from '../../src/core/incident/actions.js'
import {describeEvent} from '../../src/core/incident/describe.js'
import type {EventDraft} from '../../src/core/incident/events.js'
import {assignEvent, callList, findInRoster, parseRole, rolePeople, type Roster} from '../../src/core/incident/roles.js'
import {fold} from '../../src/core/incident/state.js'
import {checkDraft} from '../../src/core/incident/event-schema.js'
import {openDrafts} from '../helpers/events.js'
import {store} from '../helpers/stored.js'
import {thrown} from '../helpers/thrown.js'

const ROSTER: Roster = {
  'incident-commander': {
    primary: {name: 'Anna Weber', phone: '+49 170 1234567', email: 'anna@example.org'},
    backup: {name: 'Ben Ode', phone: '+1 617 555 0101'},
  },
  legal: {primary: {name: 'Lee Park', email: 'lee@example.org'}},
}

/** Folds the opening events plus the drafts made one after another (each on the state before it). */
function run(...steps: ((state: ReturnType<typeof fold>) => EventDraft)[]) {
  const drafts: EventDraft[] = [...openDrafts('2026-03-28T18:00:00.000Z')]
  for (const step of steps) drafts.push(step(fold(store(drafts))))
  const events = store(drafts)
  return {events, state: fold(events)}
}

describe('roles and people', () => {
  it('reads a role by its id in any case or a short alias, and names the roles when it is none', () => {
    expect(parseRole('Incident-Commander')).toBe('incident-commander')
    expect(parseRole('ic')).toBe('incident-commander')
    expect(parseRole('dpo')).toBe('privacy')
    const error = thrown(() => parseRole('janitor'))
    expect(error.message).toBe('"janitor" is not a role')
    expect(error.hint).toContain('incident-commander, security-lead, legal')
  })

  it('records who holds a role, and a later assignment hands it over naming the previous holder', () => {
    const {events, state} = run(
      (s) => assignEvent(s, 'incident-commander', {name: 'Anna Weber'}, {actor: 'anna'}),
      (s) => assignEvent(s, 'incident-commander', {name: 'Ben Ode', phone: '+1 617 555 0199'}, {actor: 'anna', occurredAt: '2026-03-29T01:00:00.000Z'}),
    )
    expect(events.at(-1)!.payload).toEqual({role: 'incident-commander', name: 'Ben Ode', phone: '+1 617 555 0199', previous: 'Anna Weber'})
    for (const event of events.slice(-2)) expect(() => checkDraft(event)).not.toThrow()
    expect(state.roles['incident-commander']).toEqual({
      name: 'Ben Ode',
      phone: '+1 617 555 0199',
      at: '2026-03-29T01:00:00.000Z',
      actor: 'anna',
      seq: events.at(-1)!.seq,
    })
    const titles = new Map<string, string>()
    expect(describeEvent(events.at(-2)!, titles)).toBe('Incident commander: Anna Weber')
    expect(describeEvent(events.at(-1)!, titles)).toBe('Incident commander handed over from Anna Weber to Ben Ode')
  })

  it('refuses to assign the holder again, and any assignment on a closed incident', () => {
    const {state} = run((s) => assignEvent(s, 'legal', {name: 'Lee Park'}, {actor: 'x'}))
    expect(thrown(() => assignEvent(state, 'legal', {name: 'lee park'}, {actor: 'x'})).message).toMatch(/^Lee Park already holds legal/)
    // New contact details for the same holder are worth recording.
    expect(assignEvent(state, 'legal', {name: 'Lee Park', phone: '+1 617 555 0100'}, {actor: 'x'}).payload).toMatchObject({previous: 'Lee Park'})
    const closed = fold(store([...openDrafts(), closeEvent(state, undefined, {actor: 'x'})]))
    expect(thrown(() => assignEvent(closed, 'legal', {name: 'Lee Park'}, {actor: 'x'})).message).toContain('is closed')
  })

  it("fills a holder's phone and email from the roster by name, keeping what the assignment said", () => {
    const {state} = run(
      (s) => assignEvent(s, 'incident-commander', {name: 'ben ode'}, {actor: 'x'}),
      (s) => assignEvent(s, 'legal', {name: 'Outside Counsel', email: 'oc@firm.example'}, {actor: 'x'}),
    )
    const ic = rolePeople('incident-commander', ROSTER, state.roles)
    expect(ic.holder).toMatchObject({name: 'ben ode', phone: '+1 617 555 0101', inRoster: true})
    expect(ic.primary?.name).toBe('Anna Weber')
    expect(ic.backup?.name).toBe('Ben Ode')
    expect(rolePeople('legal', ROSTER, state.roles).holder).toMatchObject({name: 'Outside Counsel', email: 'oc@firm.example', inRoster: false})
    expect(findInRoster(ROSTER, 'LEE PARK')?.email).toBe('lee@example.org')
    expect(findInRoster(undefined, 'Lee Park')).toBeUndefined()
  })

  it("lists the roster's roles, the playbook's owners and the roles held, in the roles' order", () => {
    const {state} = run((s) => assignEvent(s, 'communications', {name: 'Cam'}, {actor: 'x'}))
    expect(callList(ROSTER).map((p) => p.role)).toEqual(['incident-commander', 'legal'])
    // TINY_PLAYBOOK's owners: incident-commander, privacy, legal, security-lead.
    expect(callList(ROSTER, state).map((p) => p.role)).toEqual(['incident-commander', 'security-lead', 'legal', 'privacy', 'communications'])
    expect(callList(undefined, state).find((p) => p.role === 'privacy')).toEqual({
      role: 'privacy',
      title: 'Privacy / DPO',
      holder: null,
      primary: null,
      backup: null,
    })
  })
})
