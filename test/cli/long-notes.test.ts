import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, runJson, spawnCli, tempDir} from '../helpers/cli.js'
import {longText} from '../helpers/long-text.js'

// Finding 15 of issue 14: long pasted text reaches the log whole, read in one pass (a file, or standard input).

async function workspaceWithIncident(): Promise<string> {
  const workspace = tempDir()
  const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00Z'], {workspace})
  expect(opened.code, opened.stderr).toBe(0)
  return workspace
}

type Event = {seq: number; type: string; payload: {text?: string}}
const lastNote = async (workspace: string) => (await runJson<Event[]>(['timeline'], {workspace})).filter((e) => e.type === 'note.added').at(-1)

describe('runbook note with long text', () => {
  it('--file records 200 KB byte for byte', async () => {
    const workspace = await workspaceWithIncident()
    const text = longText(200 * 1024)
    const file = join(workspace, 'transcript.txt')
    writeFileSync(file, `${text}\n`)
    const result = await runCli(['note', '--file', file], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect((await lastNote(workspace))?.payload.text).toBe(text)
    expect(await runJson(['verify'], {workspace})).toMatchObject({ok: true})
  })

  it('- reads standard input whole, in a real process too', async () => {
    const workspace = await workspaceWithIncident()
    const text = longText(50 * 1024, 11)
    expect((await runCli(['note', '-'], {workspace, stdin: text})).code).toBe(0)
    expect((await lastNote(workspace))?.payload.text).toBe(text)
    const piped = longText(20 * 1024, 13)
    const spawned = spawnCli(['note', '-'], {workspace, input: piped, cwd: workspace})
    expect(spawned.code, spawned.stderr).toBe(0)
    expect((await lastNote(workspace))?.payload.text).toBe(piped)
  })

  it('refuses a folder, a device, text that is not UTF-8, too much, and two sources; nothing is recorded', async () => {
    const workspace = await workspaceWithIncident()
    const before = (await runJson<{events: number}>(['verify'], {workspace})).events
    mkdirSync(join(workspace, 'folder'))
    const latin1 = join(workspace, 'latin1.txt')
    writeFileSync(latin1, Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]))
    const big = join(workspace, 'big.txt')
    writeFileSync(big, 'x'.repeat(1024 * 1024 + 1))
    const cases: [string[], RegExp][] = [
      [['note', '--file', join(workspace, 'folder')], /is a folder/],
      [['note', '--file', '/dev/zero'], /not a regular file/],
      [['note', '--file', latin1], /not UTF-8 text/],
      [['note', '--file', big], /at most 1024 KB/],
      [['note', 'typed', '--file', latin1], /one way/],
      [['note'], /no note given/],
    ]
    for (const [args, message] of cases) {
      const result = await runCli(args, {workspace})
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toMatch(message)
    }
    expect((await runCli(['note', '-'], {workspace, stdin: 'y'.repeat(1200 * 1024)})).stderr).toMatch(/over 1024 KB/)
    expect((await runJson<{events: number}>(['verify'], {workspace})).events).toBe(before)
  })
})
