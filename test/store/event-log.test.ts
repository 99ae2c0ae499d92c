import {appendFileSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {spawn} from 'node:child_process'
import {describe, expect, it, vi} from 'vitest'
import {verifyLog} from '../../src/core/incident/verify.js'
import {EventLog} from '../../src/store/event-log.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {openDrafts} from '../helpers/events.js'

// Record the order of writes and fsyncs, to prove an event is on disk before append() returns.
const calls: string[] = []
// A disk that fills up: the next write stores only half its bytes, and the one after fails with ENOSPC.
const disk = {fillAfterHalf: false}
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>()
  let failNext = false
  return {
    ...real,
    writeSync: vi.fn((...args: unknown[]) => {
      calls.push('write')
      if (failNext) {
        failNext = false
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'})
      }
      if (disk.fillAfterHalf && args[1] instanceof Uint8Array) {
        disk.fillAfterHalf = false
        failNext = true
        const [fd, data, offset = 0, length = data.length - (offset as number)] = args as unknown as [number, Uint8Array, number?, number?]
        return real.writeSync(fd, data, offset as number, Math.max(1, Math.floor((length as number) / 2)))
      }
      return (real.writeSync as (...a: unknown[]) => number)(...args)
    }),
    fsyncSync: vi.fn((fd: number) => {
      calls.push('fsync')
      return real.fsyncSync(fd)
    }),
    readSync: vi.fn((...args: Parameters<typeof real.readSync>) => {
      const bytes = (real.readSync as (...a: unknown[]) => number)(...args)
      calls.push(`read:${bytes}`)
      return bytes
    }),
  }
})

const note = (text: string) => ({type: 'note.added' as const, actor: 'a', payload: {text}})

async function newLog(): Promise<EventLog> {
  const dir = tempDir()
  const log = new EventLog(join(dir, 'events.jsonl'), {now: () => new Date()})
  await log.create([openDrafts()[0]!])
  return log
}

describe('EventLog', () => {
  it('fsyncs each append after writing it and before returning', async () => {
    const log = await newLog()
    calls.length = 0
    await log.append([note('one')])
    const order = calls.filter((c) => c === 'write' || c === 'fsync')
    expect(order).toEqual(['write', 'fsync'])
    expect(log.readAll().at(-1)?.payload).toEqual({text: 'one'})
  })

  it('creates the log with mode 0600', async () => {
    const log = await newLog()
    expect(statSync(log.path).mode & 0o777).toBe(0o600)
  })

  it('reads only the tail to append, so the cost does not grow with the log', async () => {
    const log = await newLog()
    for (let i = 0; i < 40; i++) await log.append(Array.from({length: 50}, (_, j) => note(`bulk ${i}-${j} ${'x'.repeat(60)}`)))
    const before = readFileSync(log.path)
    expect(before.length).toBeGreaterThan(300_000)
    calls.length = 0
    await log.append([note('after a big log')])
    const bytesRead = calls.filter((c) => c.startsWith('read:')).reduce((sum, c) => sum + Number(c.slice(5)), 0)
    expect(bytesRead).toBeLessThanOrEqual(16 * 1024)
    // Never rewritten: what was there is still there, byte for byte.
    expect(readFileSync(log.path).subarray(0, before.length).equals(before)).toBe(true)
    expect(verifyLog(readFileSync(log.path, 'utf8'))).toMatchObject({ok: true, events: 2002})
  })

  it('refuses to append after a torn last line, and repair moves only that line aside', async () => {
    const log = await newLog()
    await log.append([note('kept 1'), note('kept 2')])
    appendFileSync(log.path, '{"seq":4,"type":"note.ad')
    expect(verifyLog(readFileSync(log.path, 'utf8')).problem).toMatchObject({kind: 'torn-tail', line: 4})
    await expect(log.append([note('lost?')])).rejects.toThrow(/incomplete line.*nothing new was recorded/)
    expect(log.readAll()).toHaveLength(3)
    const repaired = await log.repairTornTail()
    expect(readFileSync(repaired!.sideFile, 'utf8')).toBe('{"seq":4,"type":"note.ad')
    expect(verifyLog(readFileSync(log.path, 'utf8'))).toMatchObject({ok: true, events: 3})
    await log.append([note('after repair')])
    expect(verifyLog(readFileSync(log.path, 'utf8'))).toMatchObject({ok: true, events: 4})
    expect(readdirSync(join(log.path, '..')).filter((f) => f.includes('.torn-'))).toHaveLength(1)
  })

  it("refuses to append after blank lines at its end (an editor's stray newline), and repair moves only them aside", async () => {
    const log = await newLog()
    await log.append([note('kept 1')])
    appendFileSync(log.path, '\n  \n')
    // An empty last line was read as "no event yet": the next event started a new chain at 1, and verify failed for good.
    await expect(log.append([note('lost?')])).rejects.toThrow(/blank lines after its last event.*nothing new was recorded/)
    expect(() => log.lastSeq()).toThrow(/blank lines after its last event/)
    expect(verifyLog(readFileSync(log.path, 'utf8')).problem).toMatchObject({kind: 'torn-tail', line: 3})
    expect(log.readAll()).toHaveLength(2)
    const repaired = await log.repairTornTail()
    expect(readFileSync(repaired!.sideFile, 'utf8')).toBe('\n  \n')
    await log.append([note('after repair')])
    expect(verifyLog(readFileSync(log.path, 'utf8'))).toMatchObject({ok: true, events: 3})
    // A blank line between two events is damage, not a blank tail: verify names it and repair leaves it.
    appendFileSync(log.path, '\n')
    const events = readFileSync(log.path, 'utf8')
    const middle = `${events}${events.split('\n')[0]}\n`
    expect(verifyLog(middle).problem).toMatchObject({kind: 'bad-json', line: 4})
  })

  it('loses and duplicates nothing when several processes append at once', async () => {
    const log = await newLog()
    const writers = 4
    const perWriter = 150
    const script = `
      import {EventLog} from ${JSON.stringify(join(ROOT, 'dist/store/event-log.js'))}
      const log = new EventLog(process.argv[1], {now: () => new Date()})
      for (let i = 0; i < ${perWriter}; i++) await log.append([{type: 'note.added', actor: 'w' + process.argv[2], payload: {text: process.argv[2] + ':' + i}}])
    `
    await Promise.all(
      Array.from(
        {length: writers},
        (_, w) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script, log.path, String(w)], {stdio: 'inherit'})
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${w} exited ${code}`))))
          }),
      ),
    )
    const result = verifyLog(readFileSync(log.path, 'utf8'))
    expect(result).toMatchObject({ok: true, events: 1 + writers * perWriter})
    const texts = log
      .readAll()
      .slice(1)
      .map((e) => e.payload.text as string)
    expect(new Set(texts).size).toBe(writers * perWriter)
    for (let w = 0; w < writers; w++) {
      // Each writer's own events stay in its order.
      const mine = texts.filter((t) => t.startsWith(`${w}:`)).map((t) => Number(t.split(':')[1]))
      expect(mine).toEqual([...mine].sort((a, b) => a - b))
    }
  })

  it('does not create a second log over an existing one', async () => {
    const log = await newLog()
    await expect(log.create([openDrafts()[0]!])).rejects.toThrow(/already exists/)
  })

  it('a full disk during an append is an error, and the log is as it was: nothing half-written is acknowledged', async () => {
    const log = await newLog()
    await log.append([note('before')])
    const before = readFileSync(log.path)
    disk.fillAfterHalf = true
    await expect(log.append([note('x'.repeat(900))])).rejects.toThrow(/disk holding .* is full/)
    expect(readFileSync(log.path)).toEqual(before)
    expect(verifyLog(readFileSync(log.path))).toMatchObject({ok: true, events: 2})
    // The next append, with room on the disk, is recorded normally.
    await log.append([note('after')])
    expect(verifyLog(readFileSync(log.path))).toMatchObject({ok: true, events: 3})
  })
})
