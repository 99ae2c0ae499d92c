import {execFileSync} from 'node:child_process'
import {existsSync, fsyncSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {writeCacheFile, writeFileAtomic} from '../../src/store/files.js'
import {tempDir} from '../helpers/cli.js'

// A disk that fills up during the next write: half the bytes, then ENOSPC.
const disk = {fillAfterHalf: false}
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>()
  let failNext = false
  return {
    ...real,
    fsyncSync: vi.fn(real.fsyncSync),
    writeSync: vi.fn((...args: unknown[]) => {
      if (failNext) {
        failNext = false
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'})
      }
      if (disk.fillAfterHalf && args[1] instanceof Uint8Array) {
        disk.fillAfterHalf = false
        failNext = true
        const [fd, data] = args as [number, Uint8Array]
        return real.writeSync(fd, data, 0, Math.floor(data.length / 2))
      }
      return (real.writeSync as (...a: unknown[]) => number)(...args)
    }),
  }
})

describe('writing files', () => {
  it('a document is flushed to the disk before it replaces the old one; a cache file is replaced whole without waiting for the disk', () => {
    const dir = tempDir()
    const flushes = vi.mocked(fsyncSync)
    flushes.mockClear()
    writeFileAtomic(join(dir, 'report.md'), 'the report')
    expect(flushes.mock.calls.length).toBeGreaterThanOrEqual(1)
    flushes.mockClear()
    writeCacheFile(join(dir, 'index.json'), '{"a":1}')
    expect(flushes).not.toHaveBeenCalled()
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe('{"a":1}')
    expect(statSync(join(dir, 'index.json')).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir).sort()).toEqual(['index.json', 'report.md'])
  })

  it('a full disk leaves the target as it was and no temporary file beside it', () => {
    const dir = tempDir()
    const target = join(dir, 'timeline.csv')
    writeFileSync(target, 'the earlier export\n')
    disk.fillAfterHalf = true
    expect(() => writeFileAtomic(target, 'x'.repeat(191_000))).toThrow(/disk holding .* is full/)
    expect(readFileSync(target, 'utf8')).toBe('the earlier export\n')
    expect(readdirSync(dir)).toEqual(['timeline.csv'])
  })

  it('refuses a device, a pipe, a folder or a symbolic link as the target, and leaves it alone', () => {
    const dir = tempDir()
    const fifo = join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    expect(() => writeFileAtomic(fifo, 'x')).toThrow(/not a regular file/)
    expect(statSync(fifo).isFIFO()).toBe(true)
    expect(() => writeFileAtomic('/dev/null', 'x')).toThrow(/not a regular file/)
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
    mkdirSync(join(dir, 'folder'))
    expect(() => writeFileAtomic(join(dir, 'folder'), 'x')).toThrow(/is a folder/)
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'))
    expect(() => writeFileAtomic(join(dir, 'link'), 'x')).toThrow(/symbolic link/)
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false)
  })

  it('writes a new file whole, mode 0600', () => {
    const target = join(tempDir(), 'out', 'report.md')
    writeFileAtomic(target, 'hello\n')
    expect(readFileSync(target, 'utf8')).toBe('hello\n')
    expect(statSync(target).mode & 0o777).toBe(0o600)
  })
})
