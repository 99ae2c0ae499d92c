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
const HASH_TEXT = ',"hash":"'
const HASH_FIELD = Buffer.from(HASH_TEXT)

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
    const textEnd = text.indexOf('\n', textStart)
    if (textEnd === -1)
      return fail('torn-tail', `line ${line} is an incomplete last line (a write was interrupted); run \`runbook incident repair\` to move it aside`)
    // A line has at least as many bytes as UTF-16 units, as many only when each character is one byte: then the
    // newline byte sits where the text says, and byte and text offsets agree along the line. Else it is searched for.
    let end = start + (textEnd - textStart)
    const aligned = bytes[end] === NEWLINE
    if (!aligned) end = bytes.indexOf(NEWLINE, start)
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
    if (!hasher.matches(bytes, start, end, event, aligned ? {text, at: textStart} : undefined))
      return fail('hash', `event ${line} does not match its hash: it was edited after it was recorded`)
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
 * hashing); on a line whose text offsets are its byte offsets the field is found in the text (a string search
 * costs less than Buffer#indexOf's checks).
 */
class LineHasher {
  private scratch = Buffer.allocUnsafe(4096)

  matches(bytes: Buffer, start: number, end: number, event: StoredEvent, sameOffsets?: {text: string; at: number}): boolean {
    const length = end - start
    const at = sameOffsets ? sameOffsets.text.indexOf(HASH_TEXT, sameOffsets.at) - sameOffsets.at : bytes.subarray(start, end).indexOf(HASH_FIELD)
    const fieldEnd = at + HASH_FIELD.length + 64 + 1
    if (at >= 0 && fieldEnd <= length && bytes[start + fieldEnd - 1] === 0x22) {
      const bodyLength = length - (fieldEnd - at)
      if (this.scratch.length < bodyLength) this.scratch = Buffer.allocUnsafe(bodyLength * 2)
      this.scratch.set(bytes.subarray(start, start + at), 0)
      this.scratch.set(bytes.subarray(start + fieldEnd, end), at)
      if (hash('sha256', this.scratch.subarray(0, bodyLength), 'hex') === event.hash) return true
    }
    return eventHash(event as unknown as Record<string, unknown>) === event.hash
  }
}
