import {spawn, type ChildProcess} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {verifyLog} from '../../src/core/incident/verify.js'
import {EventLog} from '../../src/store/event-log.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {openDrafts} from '../helpers/events.js'

const note = (text: string) => ({type: 'note.added' as const, actor: 'parent', payload: {text}})

async function newLog(): Promise<EventLog> {
  const log = new EventLog(join(tempDir(), 'events.jsonl'), {now: () => new Date()})
  await log.create([openDrafts()[0]!])
  return log
}

/**
 * A writer in another process that takes the log's lock, reads the tail, says "locked", then (after it is let go)
 * appends the next event chained to the tail it read, and releases. Paused in between, it is a writer stalled in
 * the middle of its critical section (a laptop asleep, Ctrl-Z).
 */
function lockingWriter(path: string): {child: ChildProcess; locked: Promise<void>} {
  const script = `
    import {openSync, readFileSync, appendFileSync, fsyncSync, closeSync} from 'node:fs'
    import fsExt from ${JSON.stringify(join(ROOT, 'node_modules/fs-ext/fs-ext.js'))}
    import {eventHash, canonicalJson} from ${JSON.stringify(join(ROOT, 'dist/core/incident/chain.js'))}
    const path = process.argv[1]
    const lock = openSync(path + '.lock', 'a')
    fsExt.flockSync(lock, 'ex')
    const last = JSON.parse(readFileSync(path, 'utf8').trim().split('\\n').at(-1))
    process.stdout.write('locked\\n')
    process.stdin.once('data', () => {
      const body = {seq: last.seq + 1, type: 'note.added', recordedAt: new Date().toISOString(), actor: 'child', payload: {text: 'from the paused writer'}, prevHash: last.hash}
      const fd = openSync(path, 'a')
      appendFileSync(fd, canonicalJson({...body, hash: eventHash(body)}) + '\\n')
      fsyncSync(fd)
      closeSync(fd)
      fsExt.flockSync(lock, 'un')
      process.exit(0)
    })
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, path], {stdio: ['pipe', 'pipe', 'inherit']})
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`writer exited ${code} before locking`)))
  })
  return {child, locked}
}

describe('the log lock', () => {
  it('a writer paused inside the lock for 12 s is waited for, not overtaken: no fork, both events recorded once', async () => {
    const log = await newLog()
    const {child, locked} = lockingWriter(log.path)
    await locked
    child.kill('SIGSTOP')
    const started = Date.now()
    const appended = log.append([note('from the waiting writer')])
    await new Promise((resolve) => setTimeout(resolve, 12_000))
    child.kill('SIGCONT')
    child.stdin!.write('go\n')
    const [event] = await appended
    expect(Date.now() - started).toBeGreaterThanOrEqual(12_000)
    // The waiting writer chained after the paused one's event: seq 3, not a second seq 2.
    expect(event!.seq).toBe(3)
    const result = verifyLog(readFileSync(log.path))
    expect(result).toMatchObject({ok: true, events: 3})
    const texts = log.readAll().map((e) => e.payload.text)
    expect(texts.filter((t) => t === 'from the paused writer')).toHaveLength(1)
    expect(texts.filter((t) => t === 'from the waiting writer')).toHaveLength(1)
  }, 30_000)

  it('a writer killed while it holds the lock does not delay the next append', async () => {
    const log = await newLog()
    const {child, locked} = lockingWriter(log.path)
    await locked
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    const started = Date.now()
    await log.append([note('after the crash')])
    expect(Date.now() - started).toBeLessThan(1000)
    expect(verifyLog(readFileSync(log.path))).toMatchObject({ok: true, events: 2})
  })
})

describe('clocks and empty logs', () => {
  it('an event recorded by a clock behind the one before is marked, and verify names it', async () => {
    let clock = Date.parse('2026-03-28T10:00:00Z')
    const log = new EventLog(join(tempDir(), 'events.jsonl'), {now: () => new Date(clock)})
    await log.create([openDrafts()[0]!])
    clock -= 90_000
    const [event] = await log.append([note('written by a machine whose clock is 90 s slow')])
    expect(event!.clockSkewMs).toBe(90_000)
    const result = verifyLog(readFileSync(log.path))
    expect(result).toMatchObject({ok: true, events: 2, clockSkews: [{seq: 2, behindMs: 90_000}]})
  })

  it('an empty log does not verify', () => {
    expect(verifyLog(Buffer.alloc(0))).toMatchObject({ok: false, events: 0, problem: {kind: 'empty'}})
  })
})
