import {createHash} from 'node:crypto'
import {existsSync, readFileSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {OutputFolder, PROGRESS_FILE} from '../../src/merge/output-folder.js'
import {tempDir} from '../helpers/cli.js'

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** 60 rows: a line each to notices.txt, a batch file closed every 20 rows, a checkpoint every 3 rows. */
function writeRows(folder: OutputFolder<{rows: number}>, rows = 60): void {
  for (let row = 1; row <= rows; row++) {
    folder.write('notices.txt', `notice ${row} ${'x'.repeat(2000)}\n`)
    const batch = `letters-${String(Math.ceil(row / 20)).padStart(4, '0')}.html`
    folder.write(batch, `<p>letter ${row}</p>\n`)
    if (row % 20 === 0) folder.close(batch)
    if (row % 3 === 0) folder.checkpoint('sha', 'options', row, {rows: row})
  }
}

describe('the output folder of a mail merge', () => {
  it('leaves the last checkpoint on disk when released, with every byte it counts, though its fsyncs ran beside the writes', () => {
    const dir = join(tempDir(), 'out')
    const folder = new OutputFolder<{rows: number}>(dir)
    writeRows(folder)
    folder.release()
    // Twenty checkpoints handed over in a burst: a later one supersedes one still waiting, never the other way round.
    const checkpoint = OutputFolder.readCheckpoint<{rows: number}>(dir)!
    expect(checkpoint.rowsDone).toBe(60)
    expect(checkpoint.state).toEqual({rows: 60})
    expect(checkpoint.outputs).toEqual({
      'notices.txt': statSync(join(dir, 'notices.txt')).size,
      'letters-0001.html': statSync(join(dir, 'letters-0001.html')).size,
      'letters-0002.html': statSync(join(dir, 'letters-0002.html')).size,
      'letters-0003.html': statSync(join(dir, 'letters-0003.html')).size,
    })
    expect(readFileSync(join(dir, 'notices.txt'), 'utf8').split('\n')).toHaveLength(61)
  })

  it('reuses its buffers however many batches of letters it closes (memory flat in the number of batches)', () => {
    const dir = join(tempDir(), 'out')
    const allocate = vi.spyOn(Buffer, 'allocUnsafeSlow')
    const folder = new OutputFolder<{rows: number}>(dir)
    // A short batch each time: its one buffer, mostly empty, goes to the writer as the batch closes.
    for (let batch = 1; batch <= 200; batch++) {
      const name = `letters-${String(batch).padStart(4, '0')}.html`
      folder.write(name, `<p>letter ${batch}</p>\n`)
      folder.close(name)
    }
    folder.release()
    expect(readFileSync(join(dir, 'letters-0200.html'), 'utf8')).toBe('<p>letter 200</p>\n')
    // Taking a fresh buffer for each closed batch made 200 here, 1 MB each, waiting for the garbage collector.
    const buffersMade = allocate.mock.calls.filter(([size]) => size === 1 << 20).length
    allocate.mockRestore()
    expect(buffersMade).toBeLessThanOrEqual(8)
  })

  it('finishes with no progress file left behind and the SHA-256 of each file as it is on disk', async () => {
    const dir = join(tempDir(), 'out')
    const folder = new OutputFolder<{rows: number}>(dir)
    writeRows(folder, 59)
    const outputs = await folder.finish()
    expect(existsSync(join(dir, PROGRESS_FILE))).toBe(false)
    expect(outputs.map((o) => o.file)).toEqual(['letters-0001.html', 'letters-0002.html', 'letters-0003.html', 'notices.txt'])
    for (const output of outputs) {
      expect(output.sha256, output.file).toBe(sha256(join(dir, output.file)))
      expect(output.bytes, output.file).toBe(statSync(join(dir, output.file)).size)
    }
  })

  it('gives the same SHA-256 for a file this thread hashes itself, also when a resumed run writes on', async () => {
    const dir = join(tempDir(), 'out')
    const hashHere = new Set(['notices.txt'])
    const first = new OutputFolder<{rows: number}>(dir, undefined, hashHere)
    writeRows(first, 31)
    // Interrupted: the checkpoint of row 30 is on disk, row 31's notice is cut off when the run resumes.
    first.release()
    const checkpoint = OutputFolder.readCheckpoint<{rows: number}>(dir)!
    expect(checkpoint.rowsDone).toBe(30)
    const resumed = new OutputFolder<{rows: number}>(dir, checkpoint, hashHere)
    for (let row = 31; row <= 45; row++) resumed.write('notices.txt', `notice ${row} ${'y'.repeat(3000)}\n`)
    const outputs = await resumed.finish()
    const notices = outputs.find((o) => o.file === 'notices.txt')!
    expect(notices.sha256).toBe(sha256(join(dir, 'notices.txt')))
    expect(readFileSync(join(dir, 'notices.txt'), 'utf8').split('\n')).toHaveLength(46)
    for (const output of outputs) expect(output.sha256, output.file).toBe(sha256(join(dir, output.file)))
  })

  it('says what failed when a checkpoint cannot sync a file, and does not wait for it for ever', async () => {
    const dir = join(tempDir(), 'out')
    const folder = new OutputFolder<{rows: number}>(dir)
    folder.write('notices.txt', 'first\n')
    folder.checkpoint('sha', 'options', 1, {rows: 1})
    await vi.waitFor(() => expect(existsSync(join(dir, PROGRESS_FILE))).toBe(true))
    // The file goes away under the run (a clean-up script, another disk): the next checkpoint cannot sync it.
    rmSync(join(dir, 'notices.txt'))
    folder.write('notices.txt', 'second\n')
    folder.checkpoint('sha', 'options', 2, {rows: 2})
    await expect(folder.finish()).rejects.toThrow(/could not write the notices in .*notices\.txt/)
    expect(OutputFolder.readCheckpoint<{rows: number}>(dir)!.rowsDone).toBe(1)
  })
})
