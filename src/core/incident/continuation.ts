import type {Who} from './actions.js'
import type {EventDraft} from './events.js'
import type {IncidentState} from './state.js'
import {UserError} from '../errors.js'

/**
 * Continuing an incident in the playbook that fits (triage found it is ransomware, say): the new incident starts
 * with the same awareness time and every fact found so far, and the first is closed pointing to it. Its log stays
 * the record of the first hours.
 */

/** Why an incident cannot be continued in another: a drill feeds no real incident, and a closed one was finished. */
export function checkContinuable(source: IncidentState): void {
  if (source.exercise) throw new UserError(`${source.id} is a drill: its facts are an exercise's and never go into a real incident`)
  if (source.closed)
    throw new UserError(`${source.id} is closed: reopen it first (runbook incident reopen ${source.id}), or open the new incident without --from`)
}

/** The facts carried over (not aware_at, which opens the new incident), each naming the event it came from. */
export function carriedFacts(source: IncidentState, who: Who): EventDraft[] {
  return Object.entries(source.facts)
    .filter(([key]) => key !== 'aware_at')
    .map(([key, fact]) => ({
      type: 'fact.set',
      actor: who.actor,
      payload: {key, value: fact.value, reason: `carried over from ${source.id} (#${fact.seq}, recorded by ${fact.actor})`},
    }))
}

/** The new incident's first note: where it comes from. */
export function continuesNote(source: IncidentState, who: Who): EventDraft {
  const facts = Object.keys(source.facts).length
  return {
    type: 'note.added',
    actor: who.actor,
    payload: {
      text: `Continues ${source.id} ("${source.title}", playbook ${source.playbook.id}); ${facts} fact(s) carried over. Its log is the record of what happened before.`,
    },
  }
}

/** The reason the first incident is closed with. */
export const continuedInReason = (id: string, playbookId: string) => `continued as ${id} (playbook ${playbookId})`
