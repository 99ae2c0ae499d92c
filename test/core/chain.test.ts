import {describe, expect, it} from 'vitest'
import {canonicalJson, eventHash, GENESIS_HASH} from '../../src/core/incident/chain.js'
import {verifyLog} from '../../src/core/incident/verify.js'
import {noteLogLines} from '../helpers/stored.js'

const buildLog = (count: number) => noteLogLines(count)

describe('canonical JSON and the hash chain', () => {
  it('sorts keys so the same event always hashes the same', () => {
    expect(canonicalJson({b: 1, a: [true, 'x', {d: null, c: 2}]})).toBe('{"a":[true,"x",{"c":2,"d":null}],"b":1}')
    expect(eventHash({b: 1, a: 2})).toBe(eventHash({a: 2, b: 1}))
  })

  it('accepts an intact log', () => {
    const result = verifyLog(buildLog(5).join('\n') + '\n')
    expect(result).toMatchObject({ok: true, events: 5})
  })

  it('names the line of an edited event', () => {
    const lines = buildLog(5)
    lines[2] = lines[2]!.replace('note 3', 'note three')
    expect(verifyLog(lines.join('\n') + '\n').problem).toMatchObject({kind: 'hash', line: 3})
  })

  it('names the line after a deleted event', () => {
    const lines = buildLog(5)
    lines.splice(1, 1)
    expect(verifyLog(lines.join('\n') + '\n').problem).toMatchObject({kind: 'sequence', line: 2})
  })

  it('catches reordered events', () => {
    const lines = buildLog(5)
    ;[lines[3], lines[4]] = [lines[4]!, lines[3]!]
    expect(verifyLog(lines.join('\n') + '\n').problem).toMatchObject({line: 4})
  })

  it('catches an event rewritten with a fresh hash, by the chain', () => {
    const lines = buildLog(4)
    const forged = JSON.parse(lines[1]!)
    forged.payload.text = 'forged'
    forged.hash = eventHash(forged)
    lines[1] = canonicalJson(forged)
    expect(verifyLog(lines.join('\n') + '\n').problem).toMatchObject({kind: 'chain', line: 3})
  })

  it('reports a torn last line without blaming the events before it', () => {
    const lines = buildLog(3)
    const text = lines.join('\n') + '\n' + lines[0]!.slice(0, 20)
    expect(verifyLog(text)).toMatchObject({ok: false, events: 3, problem: {kind: 'torn-tail', line: 4}})
  })

  it('keeps bytes and text in step across multi-byte characters and a damaged byte', () => {
    const withAccents = buildLog(3).map((line) => line.replace(/note (\d)/, 'note $1 é日本 \u{1F600}'))
    // re-chain the accented lines so they are genuine events
    let prevHash = GENESIS_HASH
    const genuine = withAccents.map((line) => {
      const {hash: _drop, ...body} = JSON.parse(line)
      const event = {...body, prevHash, hash: eventHash({...body, prevHash})}
      prevHash = event.hash
      return canonicalJson(event)
    })
    const good = Buffer.from(genuine.join('\n') + '\n')
    expect(verifyLog(good)).toMatchObject({ok: true, events: 3})
    // a truncated 3-byte character on line 2: the decoder makes one replacement character and must not swallow the newline
    const text = genuine[1]!
    const at = Buffer.from(text).indexOf(Buffer.from('日'))
    const damaged = Buffer.concat([
      Buffer.from(genuine[0] + '\n'),
      Buffer.from(text).subarray(0, at + 1),
      Buffer.from(text).subarray(at + 3),
      Buffer.from('\n' + genuine[2] + '\n'),
    ])
    expect(verifyLog(damaged).problem).toMatchObject({kind: 'hash', line: 2})
    // an invalid byte just before the newline: line 3 is still read as line 3
    const beforeNewline = Buffer.concat([Buffer.from(genuine[0] + '\n' + genuine[1]), Buffer.from([0xe6]), Buffer.from('\n' + genuine[2] + '\n')])
    expect(verifyLog(beforeNewline).problem).toMatchObject({kind: 'bad-json', line: 2})
  })

  it('verifies a line written in another key order or with a payload field named hash, by the slow path', () => {
    const lines = buildLog(3)
    const second = JSON.parse(lines[1]!)
    // Not byte-canonical: the hash first, spaces after the colons.
    lines[1] = JSON.stringify({hash: second.hash, ...second}, null, 0).replace(/":/g, '": ')
    expect(verifyLog(lines.join('\n') + '\n')).toMatchObject({ok: true, events: 3})
    let prevHash = GENESIS_HASH
    const nested = [1, 2].map((seq) => {
      const body = {seq, type: 'note.added', recordedAt: '2026-01-01T00:00:00.000Z', actor: 'a', payload: {hash: 'x'.repeat(64), text: 'n'}, prevHash}
      const event = {...body, hash: eventHash(body)}
      prevHash = event.hash
      return canonicalJson(event)
    })
    expect(verifyLog(nested.join('\n') + '\n')).toMatchObject({ok: true, events: 2})
    nested[1] = nested[1]!.replace('"text":"n"', '"text":"m"')
    expect(verifyLog(nested.join('\n') + '\n').problem).toMatchObject({kind: 'hash', line: 2})
  })
})
