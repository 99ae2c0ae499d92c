import {DRILL_ID_PREFIX} from '../exercise.js'
import type {EventDraft, StoredEvent} from '../incident/events.js'
import {fold, type IncidentState} from '../incident/state.js'
import type {Playbook} from '../playbook/schema.js'
import {startDrillEvents} from './actions.js'
import {deliveryDrafts, injectTime, upcomingInjects} from './injects.js'
import type {Scenario} from './schema.js'

/**
 * A scenario played through on paper: the drill as it would stand if it started at `simStart` and every inject
 * arrived on schedule. For previews and handouts (the texts filled as they would read), never written anywhere.
 */
export function previewDrill(input: {scenario: Scenario; playbook: Playbook; timezone: string; simStart: string}): IncidentState {
  const events: StoredEvent[] = []
  const add = (drafts: readonly EventDraft[]) => {
    for (const draft of drafts) {
      const seq = events.length + 1
      events.push({
        seq,
        type: draft.type,
        recordedAt: input.simStart,
        occurredAt: draft.occurredAt,
        actor: draft.actor,
        payload: draft.payload,
        prevHash: '',
        hash: '',
      })
    }
    return fold(events)
  }
  let state = add(
    startDrillEvents({...input, id: `${DRILL_ID_PREFIX}preview`, playbookSha256: '', speed: 1, manual: true}, {actor: 'preview', occurredAt: input.simStart}),
  )
  for (const inject of upcomingInjects(state)) state = add(deliveryDrafts(state, inject, injectTime(state, inject).toISOString()))
  return state
}
