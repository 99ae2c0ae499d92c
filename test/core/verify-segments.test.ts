import {describe, expect, it} from 'vitest'
import {canonicalJson, eventHash, GENESIS_HASH} from '../../src/core/incident/chain.js'
import {joinSegments, linesThrough, verifyLog, verifySegment} from '../../src/core/incident/verify.js'
import {noteLogLines} from '../helpers/stored.js'

// A large log is checked in two parts at once (store/log-verifier.ts). Whatever is wrong with a log and wherever it
// is cut, the parts joined must say exactly what one pass over the whole says: the same first bad line, kind,
// message, event count, last good hash and clock skews.
const buildLog = (count: number, skewAt: number[] = []) => noteLogLines(count, {text: (seq) => `note ${seq} é日本`, skewAt})

const joined = (lines: string[]) => lines.join('\n') + '\n'

const logs: Record<string, string> = (() => {
  const base = () => buildLog(8, [2, 6])
  const edited = base()
  edited[4] = edited[4]!.replace('note 5', 'note five')
  const deleted = base()
  deleted.splice(3, 1)
  const reordered = base()
  ;[reordered[4], reordered[5]] = [reordered[5]!, reordered[4]!]
  const forged = base()
  const event = JSON.parse(forged[3]!)
  event.payload.text = 'forged'
  event.hash = eventHash(Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'hash')))
  forged[3] = canonicalJson(event)
  const forgedAndEdited = [...forged]
  forgedAndEdited[4] = forgedAndEdited[4]!.replace('note 5', 'note FIVE')
  const badJson = base()
  badJson[5] = '{"seq":6,'
  const badShape = base()
  badShape[2] = '{"seq":3}'
  return {
    intact: joined(base()),
    edited: joined(edited),
    deleted: joined(deleted),
    reordered: joined(reordered),
    forged: joined(forged),
    'forged, and the next edited': joined(forgedAndEdited),
    'bad JSON': joined(badJson),
    'bad shape': joined(badShape),
    'torn tail': joined(base()) + base()[0]!.slice(0, 30),
    'first event edited': joined([base()[0]!.replace('note 1', 'note one'), ...base().slice(1)]),
  }
})()

function splitAt(text: string, cut: number, hashOf?: number) {
  const bytes = Buffer.from(text)
  const boundary = Buffer.byteLength(text.slice(0, cut)) - 1
  const head = verifySegment(text.slice(0, cut), {firstLine: 1, prevHash: GENESIS_HASH, ...(hashOf ? {hashOf} : {})})
  if (!head.ok) return joinSegments([head])
  const tail = verifySegment(text.slice(cut), {firstLine: linesThrough(bytes, boundary) + 1, ...(hashOf ? {hashOf} : {})})
  return joinSegments([head, tail])
}

describe('a log checked in two parts', () => {
  for (const [name, text] of Object.entries(logs)) {
    it(`${name}: the same result at every cut between lines`, () => {
      const whole = verifyLog(text)
      const cuts = [...text.matchAll(/\n/g)].map((match) => match.index! + 1).filter((cut) => cut < text.length)
      expect(cuts.length).toBeGreaterThan(5)
      for (const cut of cuts) expect({cut, ...splitAt(text, cut)}).toEqual({cut, ...whole})
    })
  }

  it("finds the asked event's hash in either part", () => {
    const text = logs.intact!
    const cut = text.indexOf('\n', text.length / 2) + 1
    for (const seq of [2, 7]) expect(splitAt(text, cut, seq).hashOfAsked).toBe(verifyLog(text, {hashOf: seq}).hashOfAsked)
    expect(verifyLog(text, {hashOf: 7}).hashOfAsked).toMatch(/^[0-9a-f]{64}$/)
  })

  it('counts the lines before a cut in bytes, multi-byte characters and all', () => {
    const bytes = Buffer.from(logs.intact!)
    expect(linesThrough(bytes, bytes.indexOf(0x0a))).toBe(1)
    expect(linesThrough(bytes, bytes.length - 1)).toBe(8)
    expect(linesThrough(bytes, 0)).toBe(0)
  })
})
