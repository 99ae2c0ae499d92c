import {appendFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {watchFolder} from '../../src/store/watch.js'
import {tempDir} from '../helpers/cli.js'

const waitFor = async (check: () => boolean, ms = 2000) => {
  const until = Date.now() + ms
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
  return check()
}

describe('watchFolder', () => {
  it('reports a write to the watched file once per burst, ignores other files, and stops when asked', async () => {
    const folder = tempDir()
    const file = join(folder, 'events.jsonl')
    writeFileSync(file, '')
    let calls = 0
    const stop = watchFolder(folder, 'events.jsonl', () => calls++)
    writeFileSync(join(folder, 'other.txt'), 'x')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(calls).toBe(0)
    for (let i = 0; i < 5; i++) appendFileSync(file, `line ${i}\n`)
    expect(await waitFor(() => calls > 0)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(calls).toBe(1)
    await stop()
    appendFileSync(file, 'after\n')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(calls).toBe(1)
  })
})
