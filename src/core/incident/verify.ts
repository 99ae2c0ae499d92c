import {hash} from 'node:crypto'
import {eventHash, GENESIS_HASH} from './chain.js'
import {isStoredEvent, type StoredEvent} from './events.js'

export type VerifyProblemKind = 'torn-tail' | 'bad-json' | 'bad-shape' | 'sequence' | 'chain' | 'hash' | 'empty'

export interface VerifyProblem {
  kind: VerifyProblemKind
  /** 1-based line in events.jsonl: the event's number in the record, on either store. */
  line: number
  message: string
}

export interface VerifyResult {
  ok: boolean
  events: number
  problem?: VerifyProblem
  lastHash: string
  /** Events whose machine clock was behind the event before (recorded; not a break of the chain). */
  clockSkews: {seq: number; behindMs: number}[]
  /** The hash of the event with the sequence number asked for (`options.hashOf`), when the log reaches it. */
  hashOfAsked?: string
}

const NEWLINE = 0x0a
const HASH_FIELD = Buffer.from(',"hash":"')

/**
 * Checks the hash chain and the sequence, line by line, and names the first bad line.
 * `log` is the whole file; a last line without a newline is a torn write. One pass over the bytes: the file is
 * decoded once, each line is parsed from that text and hashed from its bytes (canonical JSON needs no
 * re-serialising), so a large log costs about one parse and one SHA-256 of its bytes.
 */
export function verifyLog(log: Uint8Array | string, options: {hashOf?: number} = {}): VerifyResult {
  const bytes = typeof log === 'string' ? Buffer.from(log) : Buffer.from(log.buffer, log.byteOffset, log.byteLength)
  // The same lines in both: a newline byte is never part of a multi-byte character, and an invalid sequence
  // decodes to one replacement character without taking the newline after it.
  const text = typeof log === 'string' ? log : bytes.toString('utf8')
  let prevHash = GENESIS_HASH
  let start = 0
  let textStart = 0
  let line = 0
  const clockSkews: VerifyResult['clockSkews'] = []
  let hashOfAsked: string | undefined
  const fail = (kind: VerifyProblemKind, message: string): VerifyResult => ({
    ok: false,
    events: line - 1,
    lastHash: prevHash,
    problem: {kind, line, message},
    clockSkews,
  })
  if (bytes.length === 0) {
    line = 1
    return {...fail('empty', "the log is empty: the incident's first event was never written"), events: 0}
  }
  const hasher = new LineHasher()
  while (start < bytes.length) {
    line++
    const end = bytes.indexOf(NEWLINE, start)
    if (end === -1)
      return fail('torn-tail', `line ${line} is an incomplete last line (a write was interrupted); run \`runbook incident repair\` to move it aside`)
    const textEnd = text.indexOf('\n', textStart)
    let parsed: unknown
    try {
      parsed = JSON.parse(text.slice(textStart, textEnd))
    } catch {
      return fail('bad-json', `event ${line} is not valid JSON: the record was edited or damaged`)
    }
    if (!isStoredEvent(parsed)) return fail('bad-shape', `event ${line} is not an event (a field is missing or of the wrong type)`)
    const event = parsed
    if (event.seq !== line)
      return fail('sequence', `event ${line} has sequence number ${event.seq}, expected ${line}: an event was deleted, inserted or reordered`)
    if (event.prevHash !== prevHash)
      return fail('chain', `event ${line} does not chain to the event before it: an earlier event was changed, deleted or reordered`)
    if (!hasher.matches(bytes, start, end, event)) return fail('hash', `event ${line} does not match its hash: it was edited after it was recorded`)
    if (typeof event.clockSkewMs === 'number') clockSkews.push({seq: event.seq, behindMs: event.clockSkewMs})
    if (event.seq === options.hashOf) hashOfAsked = event.hash
    prevHash = event.hash
    start = end + 1
    textStart = textEnd + 1
  }
  return {ok: true, events: line, lastHash: prevHash, clockSkews, ...(hashOfAsked ? {hashOfAsked} : {})}
}

/**
 * runbook writes each line as canonical JSON, so the hashed body is the line without its hash field: hashing
 * those bytes avoids re-serialising. A line that is not byte-canonical (re-formatted by hand) takes the slow path.
 * The body is copied into one reused buffer and hashed in one call (a Hash object per line costs more than the
 * hashing).
 */
class LineHasher {
  private scratch = Buffer.allocUnsafe(4096)

  matches(bytes: Buffer, start: number, end: number, event: StoredEvent): boolean {
    const line = bytes.subarray(start, end)
    const at = line.indexOf(HASH_FIELD)
    const fieldEnd = at + HASH_FIELD.length + 64 + 1
    if (at !== -1 && fieldEnd <= line.length && line[fieldEnd - 1] === 0x22) {
      const length = line.length - (fieldEnd - at)
      if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(length * 2)
      this.scratch.set(line.subarray(0, at), 0)
      this.scratch.set(line.subarray(fieldEnd), at)
      if (hash('sha256', this.scratch.subarray(0, length), 'hex') === event.hash) return true
    }
    return eventHash(event as unknown as Record<string, unknown>) === event.hash
  }
}
