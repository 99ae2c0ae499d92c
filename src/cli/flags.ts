import * as Flags from '@oclif/core/flags'
import {UserError} from '../core/errors.js'

/** Flags shared by the commands that record something on an incident. */
export const incidentFlag = Flags.string({char: 'i', summary: 'Incident id (default: the single open incident).'})
/**
 * For the commands that take the incident as their argument (status, deadlines, timeline ...): --incident names it
 * too, as on the commands that record, so a responder's habit does not end in "Nonexistent flag".
 */
export const incidentArgFlag = Flags.string({char: 'i', summary: 'Incident id, the same as the argument.'})

/** The incident named by the argument or by --incident; both at once must agree. */
export function incidentNamed(arg: string | undefined, flag: string | undefined): string | undefined {
  if (arg !== undefined && flag !== undefined && arg !== flag)
    throw new UserError(`two incidents named: ${arg} (the argument) and ${flag} (--incident)`, {hint: 'Name the incident once.'})
  return arg ?? flag
}

/** The same, for a command that acts on one incident named on purpose (no default to the single open one). */
export function incidentRequired(arg: string | undefined, flag: string | undefined, command: string): string {
  const id = incidentNamed(arg, flag)
  if (id === undefined) throw new UserError(`${command} needs the incident's id`, {hint: `Give it: runbook ${command} ID (runbook incident list shows them).`})
  return id
}
export const atFlag = Flags.string({summary: 'When it really happened: ISO 8601, or local time in the incident time zone (default: now).'})
export const asFlag = Flags.string({summary: 'Who did it (default: RUNBOOK_ACTOR, else the name kept by `runbook whoami --set`, else your login name).'})
export const drillFlag = Flags.string({char: 'd', summary: 'Drill id (default: the single running drill).'})
export const forFlag = Flags.string({
  summary: 'Render a customer notice for a reader in this jurisdiction (ISO 3166: US-MA, DE, JP); default: where most of its readers live.',
})
export const facilitatorFlag = Flags.boolean({
  summary: 'Also show what each inject expects in answer (the MSEL): for the facilitator, never on a shared screen.',
})
export const expectSeqFlag = Flags.integer({
  min: 0,
  summary:
    "Record only if the incident's last event is still #N (the one you read, e.g. lastSeq from `status --json`); if anyone recorded since, nothing is written and the command says who recorded what.",
  helpValue: 'N',
})
