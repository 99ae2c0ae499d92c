import type {Who} from '../incident/actions.js'
import type {EventDraft, PayloadOf} from '../incident/events.js'

/** A document rendered from the incident: which template and how, the SHA-256 of its bytes, never its text. */
export function noticeRenderedEvent(payload: PayloadOf<'notice.rendered'>, who: Who): EventDraft {
  return {type: 'notice.rendered', actor: who.actor, payload}
}

/** A mail merge finished: counts and hashes only, never a name, address or email. */
export function notifyCompletedEvent(payload: PayloadOf<'notify.completed'>, who: Who): EventDraft {
  return {type: 'notify.completed', actor: who.actor, payload}
}
