import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {tmuxSessions} from '../helpers/tmux.js'

describe('confirmations and reasons asked in a real terminal', () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it('deadline met asks why a late notification was late, and records the answer', async () => {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Northwind\n  timezone: Europe/Berlin\n')
    expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00+01:00'], {workspace})).code).toBe(0)
    for (const [key, value] of [
      ['affected.DE', '40'],
      ['affected.total', '40'],
      ['risk', 'high'],
      ['encrypted', 'no'],
    ] as const)
      await runCli(['fact', 'set', key, value], {workspace})

    const terminal = session('delay')
    terminal.start(['deadline', 'met', 'gdpr-art33', '--at', '2026-04-01T10:00Z'], {RUNBOOK_WORKSPACE: workspace})
    expect(await terminal.waitFor('reasons for the delay')).toContain('late')
    terminal.type('scope confirmed on day 4')
    terminal.press('Enter')
    expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=0')
    const gdpr = (await runJson<{id: string; status: string; met: {delayReason: string}}[]>(['deadlines'], {workspace})).find((r) => r.id === 'gdpr-art33')!
    expect(gdpr).toMatchObject({status: 'met-late', met: {delayReason: 'scope confirmed on day 4'}})
  })

  it('incident repair asks before it moves a torn line aside, and does nothing on no', async () => {
    const workspace = tempDir()
    const id = (await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).stdout.trim()
    await runCli(['note', 'complete event'], {workspace})
    const file = join(workspace, 'incidents', id, 'events.jsonl')
    writeFileSync(file, '{"seq":3,"typ', {flag: 'a'})
    const torn = readFileSync(file, 'utf8')

    const declined = session('repair-no')
    declined.start(['incident', 'repair', id], {RUNBOOK_WORKSPACE: workspace})
    expect(await declined.waitFor('Move it aside into a side file?')).toContain('has an incomplete last line (13 bytes)')
    declined.type('n')
    declined.press('Enter')
    expect(await declined.waitFor(/EXIT=\d+/)).toContain('Nothing changed.')
    expect(readFileSync(file, 'utf8')).toBe(torn)

    const accepted = session('repair-yes')
    accepted.start(['incident', 'repair', id], {RUNBOOK_WORKSPACE: workspace})
    await accepted.waitFor('Move it aside into a side file?')
    accepted.type('y')
    accepted.press('Enter')
    expect(await accepted.waitFor(/EXIT=\d+/)).toContain('EXIT=0')
    expect(await runJson<{ok: boolean; events: number}>(['verify'], {workspace})).toMatchObject({ok: true, events: 2})
  })
})
