import * as Flags from '@oclif/core/flags'

/** Flags shared by the commands that record something on an incident. */
export const incidentFlag = Flags.string({char: 'i', summary: 'Incident id (default: the single open incident).'})
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
