import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {verifyLog} from '../../src/core/incident/verify.js'
import {logVerifier} from '../../src/store/log-verifier.js'
import {noteLogLines} from '../helpers/stored.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {EventLog} from '../../src/store/event-log.js'

// The helper reads like the command: the verifier is made for the size, then given the bytes.
const verifyLogParts = (bytes: Buffer, options: {hashOf?: number; threadFrom?: number; threadScript?: string} = {}) =>
  logVerifier(bytes.length, options).check(bytes, options)

// A large log's later part is checked on a second thread (dist/store/verify-thread.js, built before the tests run).
// The answer must be verifyLog's, wherever the problem lies relative to where the log was cut.
const buildLog = (count: number) => noteLogLines(count, {text: (seq) => `note ${seq}: isolated host ${seq % 7}`})

/** The log in shared memory, as the file store reads it. */
function shared(lines: string[], tail = ''): Buffer {
  const text = Buffer.from(lines.join('\n') + '\n' + tail)
  const bytes = Buffer.from(new SharedArrayBuffer(text.length))
  text.copy(bytes)
  return bytes
}

describe('a large log checked on two threads', () => {
  const count = 2000

  it('an intact log: two threads, the same answer, the hash asked for found in the later part', async () => {
    const lines = buildLog(count)
    const {result, threads} = await verifyLogParts(shared(lines), {threadFrom: 1, hashOf: count - 3})
    expect(threads).toBe(2)
    expect(result).toEqual(verifyLog(lines.join('\n') + '\n', {hashOf: count - 3}))
    expect(result).toMatchObject({ok: true, events: count})
  })

  it('a problem in the later part, at its first line, or in the earlier part: the same first bad line as one pass', async () => {
    for (const line of [count - 10, Math.round(count * 0.3), 1]) {
      const lines = buildLog(count)
      lines[line - 1] = lines[line - 1]!.replace(`note ${line}:`, `note ${line} (edited):`)
      const {result} = await verifyLogParts(shared(lines), {threadFrom: 1})
      expect(result).toEqual(verifyLog(lines.join('\n') + '\n'))
      expect(result.problem).toMatchObject({kind: 'hash', line})
    }
    // The later part's first line (a small log is cut at the first newline after 80% of its bytes: the thread's
    // start is most of its work), and its neighbours.
    const bytes = shared(buildLog(count))
    const cut = bytes.indexOf(0x0a, Math.floor(bytes.length * 0.8))
    const firstOfLater = bytes
      .subarray(0, cut + 1)
      .toString()
      .split('\n').length
    for (const line of [firstOfLater - 1, firstOfLater, firstOfLater + 1]) {
      const lines = buildLog(count)
      lines.splice(line - 1, 1)
      const {result} = await verifyLogParts(shared(lines), {threadFrom: 1})
      expect(result).toEqual(verifyLog(lines.join('\n') + '\n'))
      expect(result.problem).toMatchObject({kind: 'sequence', line})
    }
  })

  it('a torn last line is reported by the later part with its line number', async () => {
    const lines = buildLog(count)
    const {result, threads} = await verifyLogParts(shared(lines, lines[0]!.slice(0, 40)), {threadFrom: 1})
    expect(threads).toBe(2)
    expect(result).toMatchObject({ok: false, events: count, problem: {kind: 'torn-tail', line: count + 1}})
  })

  it('a log in ordinary memory, or a small one, is checked on one thread', async () => {
    const lines = buildLog(50)
    expect((await verifyLogParts(Buffer.from(lines.join('\n') + '\n'), {threadFrom: 1})).threads).toBe(1)
    expect((await verifyLogParts(shared(lines))).threads).toBe(1)
  })

  it('a thread that cannot start leaves its part to the main thread: the same answer', async () => {
    const lines = buildLog(count)
    lines[count - 5] = lines[count - 5]!.replace(`note ${count - 4}:`, `note ${count - 4} (edited):`)
    const missing = await verifyLogParts(shared(lines), {threadFrom: 1, threadScript: '/nonexistent/verify-thread.js'})
    expect(missing.threads).toBe(1)
    expect(missing.result).toEqual(verifyLog(lines.join('\n') + '\n'))
    expect(missing.result.problem).toMatchObject({kind: 'hash', line: count - 4})
  })

  it('a thread started for a large log that is never given one does not keep the process alive', () => {
    // The verifier is made before the log is read; if the read fails, nothing is sent to the thread.
    const script = join(tempDir(), 'made-never-used.mjs')
    const verifier = join(ROOT, 'dist', 'store', 'log-verifier.js')
    writeFileSync(script, `import {logVerifier} from ${JSON.stringify(verifier)}\nlogVerifier(64 * 1024 * 1024)\nconsole.log('made')\n`)
    const run = spawnSync(process.execPath, [script], {timeout: 10_000, encoding: 'utf8'})
    expect(run.error).toBeUndefined()
    expect(run.stdout).toBe('made\n')
    expect(run.status).toBe(0)
  })

  it('the file store says the size of a log before it reads it', () => {
    const dir = tempDir()
    const log = new EventLog(join(dir, 'events.jsonl'), {now: () => new Date('2026-11-30T12:00:00Z')})
    writeFileSync(join(dir, 'events.jsonl'), buildLog(3).join('\n') + '\n')
    const seen: number[] = []
    const bytes = log.readBytes((size) => seen.push(size))
    expect(seen).toEqual([bytes.length])
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer)
  })
})
