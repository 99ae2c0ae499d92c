import {eventHash, GENESIS_HASH} from './chain.js'
import {storedEventSchema, type StoredEvent} from './events.js'

export type VerifyProblemKind = 'torn-tail' | 'bad-json' | 'bad-shape' | 'sequence' | 'chain' | 'hash'

export interface VerifyProblem {
  kind: VerifyProblemKind
  /** 1-based line in events.jsonl. */
  line: number
  message: string
}

export interface VerifyResult {
  ok: boolean
  events: number
  problem?: VerifyProblem
  lastHash: string
}

/**
 * Checks the hash chain and the sequence, line by line, and names the first bad line.
 * `text` is the whole log; a last line without a newline is a torn write.
 */
export function verifyLog(text: string): VerifyResult {
  let prevHash = GENESIS_HASH
  let start = 0
  let line = 0
  while (start < text.length) {
    line++
    const end = text.indexOf('\n', start)
    if (end === -1) {
      return {ok: false, events: line - 1, lastHash: prevHash, problem: {kind: 'torn-tail', line, message: `line ${line} is an incomplete last line (a write was interrupted); run \`runbook incident repair\` to move it aside`}}
    }
    const raw = text.slice(start, end)
    start = end + 1
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      return {ok: false, events: line - 1, lastHash: prevHash, problem: {kind: 'bad-json', line, message: `line ${line} is not valid JSON: the log was edited or damaged`}}
    }
    const shape = storedEventSchema.safeParse(parsed)
    if (!shape.success) {
      return {ok: false, events: line - 1, lastHash: prevHash, problem: {kind: 'bad-shape', line, message: `line ${line} is not an event (${shape.error.issues[0]?.path.join('.')}: ${shape.error.issues[0]?.message})`}}
    }
    const event: StoredEvent = shape.data
    if (event.seq !== line) {
      return {ok: false, events: line - 1, lastHash: prevHash, problem: {kind: 'sequence', line, message: `line ${line} has sequence number ${event.seq}, expected ${line}: an event was deleted, inserted or reordered`}}
    }
    if (event.prevHash !== prevHash) {
      return {ok: false, events: line - 1, lastHash: prevHash, problem: {kind: 'chain', line, message: `line ${line} does not chain to the event before it: an earlier event was changed, deleted or reordered`}}
    }
    if (eventHash(parsed as Record<string, unknown>) !== event.hash) {
      return {ok: false, events: line - 1, lastHash: prevHash, problem: {kind: 'hash', line, message: `line ${line} does not match its hash: the event was edited after it was recorded`}}
    }
    prevHash = event.hash
  }
  return {ok: true, events: line, lastHash: prevHash}
}
