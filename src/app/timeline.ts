import type {StoredEvent} from '../core/incident/events.js'
import {renderTimeline, type TimelineFormat} from '../render/timeline.js'
import {writeFileAtomic} from '../store/files.js'
import type {Context} from './context.js'
import {resolveIncident} from './incidents.js'

/** The timeline in a format, written to `out` when given; the events as stored for --json. */
export async function exportTimeline(
  ctx: Context,
  input: {incident?: string; format: TimelineFormat; out?: string},
): Promise<{events: StoredEvent[]; output: string}> {
  const {events, state} = await resolveIncident(ctx, input.incident)
  const output = renderTimeline(events, state, input.format)
  if (input.out) writeFileAtomic(input.out, output)
  return {events, output}
}
