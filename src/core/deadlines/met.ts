import {UserError} from '../errors.js'
import type {Who} from '../incident/actions.js'
import type {EventDraft} from '../incident/events.js'
import {formatElapsed} from '../time/duration.js'
import type {ObligationResult} from './obligations.js'

export interface MetInput {
  obligation: ObligationResult
  /** When the notification was made (ISO). */
  at: string
  ref?: string
  delayReason?: string
}

/** How late a notification made at `at` is; 0 or less when on time or without a fixed deadline. */
export function lateness(obligation: Pick<ObligationResult, 'dueAt'>, at: string): number {
  return obligation.dueAt ? Date.parse(at) - Date.parse(obligation.dueAt) : 0
}

/** True when a notification at `at` is late under a law that wants the reasons for the delay (GDPR Art. 33(1)). */
export function needsDelayReason(obligation: Pick<ObligationResult, 'dueAt' | 'delayReasonRequired'>, at: string): boolean {
  return lateness(obligation, at) > 0 && obligation.delayReasonRequired
}

/** The event that records a notification as made; refuses a late one without its reasons where the law asks. */
export function metEvent(input: MetInput, who: Who): EventDraft {
  const {obligation, at} = input
  const delayReason = input.delayReason?.trim()
  if (needsDelayReason(obligation, at) && !delayReason) {
    const late = lateness(obligation, at)
    throw new UserError(
      `${obligation.id} is ${late < 60_000 ? 'less than a minute' : formatElapsed(late)} late and ${obligation.regulation.name} requires the reasons for the delay`,
      {
        hint: 'Add --delay-reason "why it took longer"; it is kept for the report.',
      },
    )
  }
  const ref = input.ref?.trim()
  return {
    type: 'obligation.met',
    actor: who.actor,
    occurredAt: at,
    payload: {obligation: obligation.id, ...(ref ? {ref} : {}), ...(delayReason ? {delayReason} : {})},
  }
}
