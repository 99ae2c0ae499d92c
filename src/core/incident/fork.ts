import {eventHash, sha256} from './chain.js'
import {isStoredEvent, type EventDraft, type StoredEvent} from './events.js'
import {verifyLog} from './verify.js'

/** Lines at the end of a log that do not continue its chain: what a fork (two writers on one tail) leaves. */
export interface Fork {
  /** The first line that does not continue the chain (1-based), and its byte offset. */
  fromLine: number
  offset: number
  /** The branch's events, each whole and unedited, in log order. */
  events: StoredEvent[]
  bytes: Buffer
  reason: string
}

export type ForkFinding = {fork: Fork} | {refused: string} | {none: true}

/**
 * Looks for a forked branch: the chain is intact up to a line, and every line from there on is a whole, unedited
 * event that just does not chain on (a repeated sequence number, or a previous hash that is not the tail's). An
 * edited event or a line that is not an event is evidence, never "repaired".
 */
export function findFork(log: Buffer): ForkFinding {
  const result = verifyLog(log)
  if (result.ok || !result.problem) return {none: true}
  const {kind, line} = result.problem
  if (kind === 'torn-tail') return {refused: 'the log ends with an incomplete line; repair that first (it is moved aside on its own)'}
  if (kind !== 'sequence' && kind !== 'chain')
    return {refused: `${result.problem.message}; that is not a fork, so nothing is moved (keep the file as evidence)`}
  let offset = 0
  for (let n = 1; n < line; n++) offset = log.indexOf(0x0a, offset) + 1
  const bytes = log.subarray(offset)
  const events: StoredEvent[] = []
  for (const [i, text] of bytes.toString('utf8').split('\n').filter(Boolean).entries()) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (!isStoredEvent(parsed) || eventHash(parsed as unknown as Record<string, unknown>) !== parsed.hash)
      return {refused: `line ${line + i} is not a whole, unedited event; nothing is moved (keep the file as evidence)`}
    events.push(parsed)
  }
  return {fork: {fromLine: line, offset, events, bytes: Buffer.from(bytes), reason: result.problem.message.replace(/^line \d+ /, 'it ')}}
}

/** What repair records: the branch moved aside (with the side file's hash), then each of its events again. */
export function forkRepairDrafts(fork: Fork, sideFile: string, actor: string): EventDraft[] {
  return [
    {
      type: 'record.repaired',
      actor,
      payload: {sideFile, sideFileSha256: sha256(fork.bytes), fromLine: fork.fromLine, moved: fork.events.length, reason: fork.reason},
    },
    ...fork.events.map((original): EventDraft => ({type: 'record.recovered', actor, payload: {original}})),
  ]
}
