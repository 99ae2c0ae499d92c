import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

// Commands that take the incident as their argument (status, deadlines, timeline ...) also take --incident, as the
// commands that record do: typed out of habit it named no flag ("Nonexistent flag: --incident").
describe('--incident on the commands that take the incident as their argument', () => {
  let workspace: string
  let first: string
  let second: string

  beforeAll(async () => {
    workspace = tempDir()
    first = (await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-02T09:00Z'], {workspace})).stdout.trim()
    second = (await runCli(['incident', 'open', '--playbook', 'account-takeover', '--aware-at', '2026-03-03T09:00Z'], {workspace})).stdout.trim()
    expect(first).not.toBe(second)
  })

  it('names the incident for status, deadlines and timeline, long or short', async () => {
    expect((await runJson<{id: string}>(['status', '--incident', second], {workspace})).id).toBe(second)
    expect((await runJson<{id: string}>(['status', '-i', first], {workspace})).id).toBe(first)
    const deadlines = await runCli(['deadlines', '--incident', first], {workspace})
    expect(deadlines.code, deadlines.stderr).toBe(0)
    const timeline = await runCli(['timeline', '--incident', second], {workspace})
    expect(timeline.code, timeline.stderr).toBe(0)
    expect(timeline.stdout).toContain('account-takeover')
  })

  it('names the incident for reopen, which has no default and says how to name one when none is given', async () => {
    expect((await runCli(['incident', 'close', '-i', first], {workspace})).code).toBe(0)
    const none = await runCli(['incident', 'reopen'], {workspace})
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('runbook incident reopen ID')
    const reopened = await runCli(['incident', 'reopen', '--incident', first], {workspace})
    expect(reopened.code, reopened.stderr).toBe(0)
    expect(reopened.stdout).toContain(`Reopened ${first}`)
  })

  it('refuses two different incidents at once, naming both', async () => {
    const result = await runCli(['status', first, '--incident', second], {workspace})
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(first)
    expect(result.stderr).toContain(second)
    expect(result.stderr).toContain('Name the incident once')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
