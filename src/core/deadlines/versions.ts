import type {Who} from '../incident/actions.js'
import type {EventDraft} from '../incident/events.js'
import type {IncidentState} from '../incident/state.js'

export interface RegulationVersion {
  id: string
  sha256: string
  lastReviewed: string
  file: string
}

export interface RuleChange {
  regulation: string
  file: string
  since: string
  was: string
  now: string
}

/**
 * Which regulation files changed since the incident was last evaluated with them, and the event that records the
 * versions used now (none when nothing changed), so a later edit of a rule is visible in the timeline.
 */
export function regulationVersions(
  state: Pick<IncidentState, 'regulationVersions'>,
  files: readonly RegulationVersion[],
  who: Who,
): {changed: RuleChange[]; record?: EventDraft} {
  const changed: RuleChange[] = []
  const versions: Record<string, {sha256: string; lastReviewed: string; file: string}> = {}
  for (const file of files) {
    const previous = state.regulationVersions[file.id]
    if (previous?.sha256 === file.sha256) continue
    if (previous) changed.push({regulation: file.id, file: file.file, since: previous.at, was: previous.sha256, now: file.sha256})
    versions[file.id] = {sha256: file.sha256, lastReviewed: file.lastReviewed, file: file.file}
  }
  const record: EventDraft | undefined = Object.keys(versions).length > 0 ? {type: 'regulations.evaluated', actor: who.actor, payload: {versions}} : undefined
  return {changed, record}
}
