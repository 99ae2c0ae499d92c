import {OperationalError, UserError} from '../core/errors.js'
import {evidenceAddedEvent, evidenceMatching, evidenceTransferEvent, findEvidence, type EvidenceFingerprint} from '../core/evidence/actions.js'
import type {EvidenceItem} from '../core/evidence/register.js'
import {fingerprintFile} from '../store/evidence-file.js'
import {progressBar} from '../ui/progress.js'
import type {Context} from './context.js'
import {occurredAt, resolveIncident} from './incidents.js'
import {LogMovedError} from '../store/incidents.js'

interface Target {
  incident?: string
  at?: string
}

/** `runbook evidence add PATH`: the file's SHA-256, size and name, where it came from and who holds it. */
export async function addEvidence(
  ctx: Context,
  input: Target & {path: string; description?: string; source?: string; custodian?: string},
): Promise<{incident: string; item: EvidenceItem; sameAs: EvidenceItem[]}> {
  const session = await resolveIncident(ctx, input.incident)
  // The time is checked before the file is read: a typo in --at should not cost a 20-minute hash of a disk image.
  const who = session.who(occurredAt(session, input.at))
  const file = await fingerprint(ctx, input.path)
  const sameAs = evidenceMatching(session.state, file.sha256)
  const [event] = await session.record(evidenceAddedEvent(file, input, who))
  const item = session.state.evidence.find((e) => e.seq === event!.seq)!
  return {incident: session.id, item, sameAs}
}

/** `runbook evidence transfer ID --to NAME`: one link in the chain of custody. */
export async function transferEvidence(
  ctx: Context,
  input: Target & {id: string; to: string; reason?: string},
): Promise<{incident: string; item: EvidenceItem; seq: number}> {
  const session = await resolveIncident(ctx, input.incident)
  const who = session.who(occurredAt(session, input.at))
  const draft = () => evidenceTransferEvent(session.state, input.id, input.to, input.reason, who)
  // The hand-over is written only onto the log it was drafted from (checked under the store's lock): two people
  // handing over the same item at the same moment must not both record "from" the same custodian.
  const holder = findEvidence(session.state, input.id).custodian
  let event: {seq: number} | undefined
  if (ctx.expectSeq !== undefined) [event] = await session.record(draft())
  for (let attempt = 0; !event; attempt++) {
    try {
      ;[event] = await session.recordAfter(session.state.lastSeq, [draft()])
    } catch (error) {
      if (!(error instanceof LogMovedError) || attempt >= 5) throw error
      await session.refresh()
      const now = findEvidence(session.state, input.id)
      if (now.custodian !== holder) {
        const moved = now.custody.at(-1)!
        throw new OperationalError(
          `${now.id} changed hands while you recorded this: ${moved.actor} recorded it passing from ${holder} to ${now.custodian} (#${moved.seq})`,
          {
            hint: `Nothing was written. Check who holds it now, then run again: runbook evidence transfer ${now.id} --to NAME.`,
          },
        )
      }
    }
  }
  const item = session.state.evidence.find((e) => e.custody.some((c) => c.seq === event!.seq))!
  return {incident: session.id, item, seq: event.seq}
}

export async function listEvidence(ctx: Context, incident?: string): Promise<{incident: string; timezone: string; items: EvidenceItem[]}> {
  const {state} = await resolveIncident(ctx, incident)
  return {incident: state.id, timezone: state.timezone, items: state.evidence}
}

export interface EvidenceCheck {
  incident: string
  file: EvidenceFingerprint
  matches: EvidenceItem[]
}

/**
 * `runbook evidence verify PATH`: the registered items with the file's SHA-256. None is a failure (exit 1) that says
 * so, naming a registered item of the same file name (the file has most likely changed since it was registered).
 */
export async function verifyEvidence(ctx: Context, input: {incident?: string; path: string}): Promise<EvidenceCheck> {
  const {state} = await resolveIncident(ctx, input.incident)
  const file = await fingerprint(ctx, input.path)
  const matches = evidenceMatching(state, file.sha256)
  if (matches.length > 0) return {incident: state.id, file, matches}
  const namesake = state.evidence.filter((e) => e.name === file.name)
  throw new UserError(`${input.path} matches no evidence registered in incident ${state.id} (its SHA-256 is ${file.sha256}, ${file.bytes} bytes)`, {
    exitCode: 1,
    hint: namesake.length
      ? `${namesake.map((e) => `${e.id} has the same name but was registered with SHA-256 ${e.sha256} (${e.bytes} bytes)`).join('; ')}: the file has changed since it was registered, or it is another file.`
      : state.evidence.length
        ? 'See what is registered with `runbook evidence list`.'
        : 'Nothing is registered in this incident yet.',
    result: {incident: state.id, file, matches: []},
  })
}

/** Files this large get a progress bar at a terminal: a memory image takes minutes to hash. */
const SHOW_PROGRESS_FROM = 256 * 1024 * 1024

async function fingerprint(ctx: Context, path: string): Promise<EvidenceFingerprint> {
  const bar = await progressBar(ctx.io, ' hashing {bar} {percentage}% | ETA {eta_formatted}')
  let shown = false
  try {
    return await fingerprintFile(path, (bytes, total) => {
      if (!bar || total < SHOW_PROGRESS_FROM) return
      if (!shown) bar.start(total, 0)
      shown = true
      bar.update(bytes)
    })
  } finally {
    if (shown) bar!.stop()
  }
}
