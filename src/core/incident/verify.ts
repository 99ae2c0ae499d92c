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

/**
 * Checks the hash chain and the sequence, line by line, and names the first bad line.
 * `log` is the whole file; a last line without a newline is a torn write. One pass: the file is decoded once, and
 * each line is parsed and hashed from that text (canonical JSON needs no re-serialising), so a large log costs
 * about one parse and one SHA-256 of its bytes.
 */
export function verifyLog(log: Uint8Array | string, options: {hashOf?: number} = {}): VerifyResult {
  const text = typeof log === 'string' ? log : Buffer.from(log.buffer, log.byteOffset, log.byteLength).toString('utf8')
  if (text.length === 0) return emptyLog()
  return joinSegments([verifySegment(text, {firstLine: 1, prevHash: GENESIS_HASH, hashOf: options.hashOf})])
}

/** What an empty log is: not a log (its first event, the incident's opening, was never written). */
function emptyLog(): VerifyResult {
  return {
    ok: false,
    events: 0,
    lastHash: GENESIS_HASH,
    problem: {kind: 'empty', line: 1, message: "the log is empty: the incident's first event was never written"},
    clockSkews: [],
  }
}

/** Where a segment of a log starts: its first line's number, and the hash that line must chain to (unknown: taken). */
export interface SegmentStart {
  firstLine: number
  prevHash?: string
  hashOf?: number
  /** False for a segment that is not the log's end (blank lines there are damage, not a blank tail). */
  final?: boolean
}

/** One segment checked on its own: its links to the segment before are checked when the segments are joined. */
export interface SegmentResult {
  ok: boolean
  /** The last line checked and found good (firstLine - 1 when none). */
  lastGoodLine: number
  firstLine: number
  /** The previous hash the first event names (when it was parsed). */
  firstPrevHash?: string
  lastHash?: string
  problem?: VerifyProblem
  clockSkews: VerifyResult['clockSkews']
  hashOfAsked?: string
}

/**
 * Checks the lines of one segment of a log: whole lines from `start.firstLine` on, ending with a newline unless
 * the segment is the log's last (then a line without one is a torn write). With no `prevHash`, the first event's
 * link is left to {@link joinSegments}, so that parts of a log can be checked apart.
 */
export function verifySegment(text: string, start: SegmentStart): SegmentResult {
  let prevHash = start.prevHash
  let firstPrevHash: string | undefined
  let at = 0
  let line = start.firstLine - 1
  const clockSkews: VerifyResult['clockSkews'] = []
  let hashOfAsked: string | undefined
  const done = (problem?: VerifyProblem): SegmentResult => ({
    ok: !problem,
    lastGoodLine: problem ? line - 1 : line,
    firstLine: start.firstLine,
    ...(firstPrevHash !== undefined ? {firstPrevHash} : {}),
    ...(prevHash !== undefined ? {lastHash: prevHash} : {}),
    ...(problem ? {problem} : {}),
    clockSkews,
    ...(hashOfAsked ? {hashOfAsked} : {}),
  })
  const fail = (kind: VerifyProblemKind, message: string) => done({kind, line, message})
  while (at < text.length) {
    line++
    const end = text.indexOf('\n', at)
    if (end === -1)
      return fail('torn-tail', `line ${line} is an incomplete last line (a write was interrupted); run \`runbook incident repair\` to move it aside`)
    let parsed: unknown
    try {
      parsed = JSON.parse(text.slice(at, end))
    } catch {
      if (start.final !== false && /^\s*$/.test(text.slice(at)))
        return fail('torn-tail', `line ${line} is blank, and so is every line after it: run \`runbook incident repair\` to move them aside`)
      return fail('bad-json', `event ${line} is not valid JSON: the record was edited or damaged`)
    }
    if (!isStoredEvent(parsed)) return fail('bad-shape', `event ${line} is not an event (a field is missing or of the wrong type)`)
    const event = parsed
    if (event.seq !== line)
      return fail('sequence', `event ${line} has sequence number ${event.seq}, expected ${line}: an event was deleted, inserted or reordered`)
    if (line === start.firstLine) firstPrevHash = event.prevHash
    if (prevHash !== undefined && event.prevHash !== prevHash) return fail('chain', CHAIN_BROKEN(line))
    if (!lineMatchesHash(text, at, end, event)) return fail('hash', `event ${line} does not match its hash: it was edited after it was recorded`)
    if (typeof event.clockSkewMs === 'number') clockSkews.push({seq: event.seq, behindMs: event.clockSkewMs})
    if (event.seq === start.hashOf) hashOfAsked = event.hash
    prevHash = event.hash
    at = end + 1
  }
  return done()
}

/** How many lines end at or before byte `last` (newlines counted), i.e. the number of the line after it, less one. */
export function linesThrough(bytes: Uint8Array, last: number): number {
  let lines = 0
  for (let at = bytes.indexOf(0x0a); at !== -1 && at <= last; at = bytes.indexOf(0x0a, at + 1)) lines++
  return lines
}

const CHAIN_BROKEN = (line: number) => `event ${line} does not chain to the event before it: an earlier event was changed, deleted or reordered`

/**
 * The log's result from its segments, in order, as one pass over the whole would give it: the first bad line wins,
 * and the link between two segments (the later one's first previous hash against the earlier one's last hash) is
 * checked where a single pass would check it, after that line's sequence number and before its hash.
 */
export function joinSegments(segments: SegmentResult[]): VerifyResult {
  const clockSkews: VerifyResult['clockSkews'] = []
  let hashOfAsked: string | undefined
  let lastHash = GENESIS_HASH
  for (const segment of segments) {
    const linkBroken = segment.firstPrevHash !== undefined && segment.firstPrevHash !== lastHash
    const problemFirst =
      segment.problem && (segment.problem.line < segment.firstLine || (segment.problem.line === segment.firstLine && segment.problem.kind !== 'hash'))
    const problem = linkBroken && !problemFirst ? {kind: 'chain' as const, line: segment.firstLine, message: CHAIN_BROKEN(segment.firstLine)} : segment.problem
    if (problem) {
      const skews = problem === segment.problem ? segment.clockSkews : []
      return {
        ok: false,
        events: problem.line - 1,
        lastHash: problem.line === segment.firstLine ? lastHash : segment.lastHash!,
        problem,
        clockSkews: [...clockSkews, ...skews],
      }
    }
    clockSkews.push(...segment.clockSkews)
    hashOfAsked ??= segment.hashOfAsked
    lastHash = segment.lastHash ?? lastHash
  }
  const events = segments.at(-1)!.lastGoodLine
  return {ok: true, events, lastHash, clockSkews, ...(hashOfAsked ? {hashOfAsked} : {})}
}

const HASH_FIELD = ',"hash":"'
const HASH_FIELD_LENGTH = HASH_FIELD.length + 64 + 1

/**
 * runbook writes each line as canonical JSON, so the hashed body is the line without its hash field: hashing that
 * text avoids re-serialising (SHA-256 of a string is of its UTF-8 bytes, which a line decoded from valid UTF-8 gives
 * back exactly; one that was not valid does not match, as its bytes would not). The first `,"hash":"` in a line is
 * a key (a quote inside a string is escaped); were it not the top-level one, the text hashed would still hold the
 * event's hash, and no SHA-256 is a hash of a text containing itself. A line that is not byte-canonical
 * (re-formatted by hand) takes the slow path.
 */
function lineMatchesHash(text: string, start: number, end: number, event: StoredEvent): boolean {
  const at = text.indexOf(HASH_FIELD, start)
  const fieldEnd = at + HASH_FIELD_LENGTH
  if (at >= 0 && fieldEnd <= end && text.charCodeAt(fieldEnd - 1) === 0x22) {
    if (hash('sha256', text.slice(start, at) + text.slice(fieldEnd, end), 'hex') === event.hash) return true
  }
  return eventHash(event as unknown as Record<string, unknown>) === event.hash
}
