import {printableLine} from '../core/printable.js'
import type {Contact, RolePeople} from '../core/incident/roles.js'
import {ACTOR_SOURCE_NAMES, type WhoAmI} from '../core/workspace/identity.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'

/** "Anna Weber · +49 170 1234567 · anna@example.org": what a caller needs, on one line, safe for a terminal. */
export function contactLine(person: Contact): string {
  return printableLine([person.name, person.phone, person.email].filter(Boolean).join(' · '))
}

/** Whom to call for a step's owner: who holds the role in this incident, then the roster's primary and backup. */
export function ownerPeopleLines(people: RolePeople, zone: string, style: Styler): string[] {
  const lines: string[] = []
  if (people.holder) lines.push(`Holds it: ${contactLine(people.holder)} ${style.dim(`(since ${formatInZone(people.holder.at, zone, 'MM-dd HH:mm')})`)}`)
  const call = [
    people.primary ? `${contactLine(people.primary)} ${style.dim('(primary)')}` : '',
    people.backup ? `${contactLine(people.backup)} ${style.dim('(backup)')}` : '',
  ].filter(Boolean)
  if (call.length) lines.push(`Call: ${call.join('; ')}`)
  else if (!people.holder)
    lines.push(
      style.yellow(
        `Call: no one on the roster for ${people.title}. Name who holds it now: runbook assign ${people.role} NAME (and add roster.${people.role} to runbook.yaml for next time)`,
      ),
    )
  return lines
}

/** `runbook roster`: the call list, role by role, with who holds each role in the incident when there is one. */
export function rosterLines(list: readonly RolePeople[], incident: {id: string; timezone: string} | null, style: Styler): string[] {
  if (list.length === 0) {
    return ['No roster yet. Add one under roster: in runbook.yaml (a primary and a backup per role, with name, phone and email), or run `runbook init`.']
  }
  const lines: string[] = [style.bold(incident ? `Call list for incident ${incident.id}` : 'Call list')]
  for (const people of list) {
    lines.push('', style.bold(people.title) + style.dim(` (${people.role})`))
    if (incident) {
      lines.push(
        people.holder
          ? `  holds it  ${contactLine(people.holder)} ${style.dim(`(since ${formatInZone(people.holder.at, incident.timezone, 'MM-dd HH:mm xxx')}, #${people.holder.seq})`)}`
          : style.dim('  holds it  nobody assigned'),
      )
    }
    lines.push(people.primary ? `  primary   ${contactLine(people.primary)}` : style.yellow('  primary   none on the roster'))
    lines.push(people.backup ? `  backup    ${contactLine(people.backup)}` : style.yellow('  backup    none on the roster'))
  }
  if (incident) lines.push('', style.dim(`Hand a role over with: runbook assign ROLE "Name" --incident ${incident.id}`))
  return lines
}

/** `runbook whoami`: the name, why, and every source in the order they count. */
export function whoamiLines(who: WhoAmI, style: Styler): string[] {
  const value = (text: string | null, what = 'not set') => (text === null ? style.dim(`(${what})`) : printableLine(text))
  const lines = [
    style.bold(printableLine(who.actor)),
    `Recorded as this because of ${ACTOR_SOURCE_NAMES[who.source]}${who.source === 'config' ? ` (${who.configFile})` : ''}.`,
    '',
    'Where the name comes from, the first one set wins:',
    `  --as           ${value(who.sources.flag, 'not given')}`,
    `  RUNBOOK_ACTOR  ${value(who.sources.env)}`,
    `  config file    ${value(who.sources.config)} ${style.dim(who.configFile)}`,
    `  login name     ${value(who.sources.login)}`,
  ]
  if (who.configProblem) lines.push('', style.yellow(`The config file is not valid (it did not matter here): ${printableLine(who.configProblem)}`))
  if (who.source === 'login') lines.push('', `Say who you are once with: runbook whoami --set "Your Name"`)
  return lines
}

const samePerson = (a: Contact | null, b: Contact | null): boolean => Boolean(a && b && a.name.toLowerCase() === b.name.toLowerCase())

/** One line for a list of steps: who holds the owner's role, then the primary and backup (each person once). */
export function peopleSummary(people: RolePeople, style: Styler): string {
  const {holder, primary, backup} = people
  const parts = [
    holder ? `${contactLine(holder)} ${style.dim('(holds it)')}` : '',
    primary && !samePerson(primary, holder) ? `${style.dim('primary')} ${contactLine(primary)}` : '',
    backup && !samePerson(backup, holder) ? `${style.dim('backup')} ${contactLine(backup)}` : '',
  ].filter(Boolean)
  return parts.length ? parts.join('; ') : style.yellow(`no one on the roster for ${people.title}`)
}
