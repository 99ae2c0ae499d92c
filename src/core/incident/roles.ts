import {UserError} from '../errors.js'
import {ROLES, ROLE_TITLES, type Role} from '../playbook/model.js'
import type {Person, WorkspaceConfig} from '../workspace/config.js'
import {ensureOpen, type Who} from './actions.js'
import type {EventDraft} from './events.js'
import type {IncidentState, RoleHolder} from './state.js'

/**
 * People, not just roles: the roster in runbook.yaml says whom to call for a role (a primary and a backup); an
 * incident records who actually holds a role (`runbook assign`), and a later assignment hands it over.
 */

export type Roster = NonNullable<WorkspaceConfig['roster']>
export type Contact = Person

/** One role on the call list: who holds it in the incident (if anyone was assigned), the primary and the backup. */
export interface RolePeople {
  role: Role
  title: string
  holder: (RoleHolder & {inRoster: boolean}) | null
  primary: Contact | null
  backup: Contact | null
}

/** Short names people type at 3 a.m., besides the role ids themselves. */
const ALIASES: Record<string, Role> = {
  ic: 'incident-commander',
  commander: 'incident-commander',
  security: 'security-lead',
  dpo: 'privacy',
  comms: 'communications',
  it: 'it-ops',
  exec: 'executive',
}

/** The role a typed name means: its id (any case), or a short alias (ic, dpo, comms); undefined when none. */
export function roleNamed(text: string): Role | undefined {
  const key = text.trim().toLowerCase()
  return (ROLES as readonly string[]).includes(key) ? (key as Role) : ALIASES[key]
}

/** A role as typed, or a message that lists the roles. */
export function parseRole(text: string): Role {
  const role = roleNamed(text)
  if (role) return role
  throw new UserError(`"${text}" is not a role`, {
    hint: `Roles: ${ROLES.join(', ')} (or ${Object.keys(ALIASES).join(', ')} for short).`,
  })
}

const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase()

/** The roster's entry for a person, by name (any role, primary or backup): where their phone and email are. */
export function findInRoster(roster: Roster | undefined, name: string): Contact | undefined {
  for (const role of ROLES) {
    const entry = roster?.[role]
    for (const person of [entry?.primary, entry?.backup]) if (person && sameName(person.name, name)) return person
  }
  return undefined
}

/**
 * Records who holds a role from now on. The previous holder is named in the event, so the timeline reads as a
 * handover without looking back. Contact details typed with the assignment win over the roster's.
 */
export function assignEvent(state: IncidentState, role: Role, person: {name: string; email?: string; phone?: string}, who: Who): EventDraft {
  ensureOpen(state)
  const name = person.name.trim()
  if (!name) throw new UserError(`say who holds ${role}: runbook assign ${role} "Name"`)
  const current = state.roles[role]
  const email = person.email?.trim() || undefined
  const phone = person.phone?.trim() || undefined
  if (current && sameName(current.name, name) && (email ?? current.email) === current.email && (phone ?? current.phone) === current.phone) {
    throw new UserError(`${current.name} already holds ${role} in incident ${state.id} (since #${current.seq})`)
  }
  return {
    type: 'role.assigned',
    actor: who.actor,
    occurredAt: who.occurredAt,
    payload: {role, name, ...(email ? {email} : {}), ...(phone ? {phone} : {}), ...(current ? {previous: current.name} : {})},
  }
}

/**
 * Records that nobody holds a role from now on (someone left the incident and nobody takes over yet). Only a role
 * somebody holds can be released: the event names who held it, so the timeline reads without looking back.
 */
export function releaseEvent(state: IncidentState, role: Role, reason: string | undefined, who: Who): EventDraft {
  ensureOpen(state)
  const current = state.roles[role]
  if (!current) throw new UserError(`nobody holds ${role} in incident ${state.id}`, {hint: `To hand it to someone: runbook assign ${role} "Name"`})
  const why = reason?.trim()
  return {
    type: 'role.released',
    actor: who.actor,
    occurredAt: who.occurredAt,
    payload: {role, previous: current.name, ...(why ? {reason: why} : {})},
  }
}

/** The people for one role: the holder in this incident (with roster contacts filled in) and the roster's primary and backup. */
export function rolePeople(role: Role, roster: Roster | undefined, holders: IncidentState['roles'] = {}): RolePeople {
  const entry = roster?.[role]
  const held = holders[role]
  const known = held ? findInRoster(roster, held.name) : undefined
  return {
    role,
    title: ROLE_TITLES[role],
    holder: held
      ? {
          ...held,
          ...((held.email ?? known?.email) ? {email: held.email ?? known?.email} : {}),
          ...((held.phone ?? known?.phone) ? {phone: held.phone ?? known?.phone} : {}),
          inRoster: known !== undefined,
        }
      : null,
    primary: entry?.primary ?? null,
    backup: entry?.backup ?? null,
  }
}

/**
 * The call list: every role the roster names, the incident's playbook uses or someone holds, in the roles' order.
 * Without an incident, the roster's roles only.
 */
export function callList(roster: Roster | undefined, state?: Pick<IncidentState, 'roles' | 'steps'>): RolePeople[] {
  const used = new Set<Role>([
    ...(Object.keys(roster ?? {}) as Role[]),
    ...(state ? (Object.keys(state.roles) as Role[]) : []),
    ...(state ? state.steps.map((s) => s.step.owner) : []),
  ])
  return ROLES.filter((role) => used.has(role)).map((role) => rolePeople(role, roster, state?.roles))
}
