import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson, tempDir} from '../helpers/cli.js'

type Event = {seq: number; type: string; actor: string; payload: Record<string, unknown>}

function workspace(): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'runbook.yaml'), readFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml')))
  return dir
}

// The triage playbook ends by continuing in the playbook that fits: `incident open --from` does it in one step.
describe('incident open --from: continuing a triage in the playbook that fits', () => {
  it('carries the awareness time, zone and facts over, notes where it comes from, and closes the triage', async () => {
    const dir = workspace()
    const triage = await runJson<{id: string}>(['incident', 'open', '--playbook', 'triage', '--aware-at', '2026-11-29T22:10Z', '--tz', 'Europe/Berlin'], {
      workspace: dir,
    })
    const set = async (...args: string[]) => expect((await runCli(['fact', 'set', ...args, '--incident', triage.id], {workspace: dir})).code).toBe(0)
    await set('data_categories', 'contact,financial')
    await set('ransomware', 'true')
    await set('encrypted', 'false')

    const opened = await runJson<{id: string; timezone: string}>(['incident', 'open', '--playbook', 'ransomware', '--from', triage.id], {workspace: dir})
    expect(opened.timezone).toBe('Europe/Berlin')

    const facts = await runJson<{key: string; value: unknown}[]>(['fact', 'list', '--incident', opened.id], {workspace: dir})
    const byKey = Object.fromEntries(facts.map((f) => [f.key, f.value]))
    expect(byKey).toMatchObject({aware_at: '2026-11-29T22:10:00.000Z', data_categories: ['contact', 'financial'], ransomware: true, encrypted: false})

    const events = await runJson<Event[]>(['timeline', opened.id], {workspace: dir})
    const carried = events.filter((e) => e.type === 'fact.set' && e.payload.key === 'encrypted')
    expect(carried[0]!.payload.reason).toMatch(new RegExp(`carried over from ${triage.id} \\(#\\d+, recorded by tester\\)`))
    expect(events.find((e) => e.type === 'note.added')!.payload.text).toContain(`Continues ${triage.id}`)

    const old = await runJson<Event[]>(['timeline', triage.id], {workspace: dir})
    expect(old.at(-1)).toMatchObject({type: 'incident.closed', payload: {reason: `continued as ${opened.id} (playbook ransomware)`}})
    for (const id of [triage.id, opened.id]) expect(await runJson(['verify', id], {workspace: dir})).toMatchObject({ok: true})
    // Plain commands now act on the continuation, the single open incident.
    expect((await runJson<{id: string}>(['status'], {workspace: dir})).id).toBe(opened.id)
  })

  it('refuses a drill, a closed incident and an unknown id, and opens nothing', async () => {
    const dir = workspace()
    const drill = (await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--manual'], {workspace: dir})).stdout.trim()
    const fromDrill = await runCli(['incident', 'open', '--playbook', 'ransomware', '--from', drill], {workspace: dir})
    expect(fromDrill.code).toBe(2)
    expect(fromDrill.stderr).toContain('is a drill')

    const closed = await runJson<{id: string}>(['incident', 'open', '--playbook', 'triage'], {workspace: dir})
    expect((await runCli(['incident', 'close', closed.id], {workspace: dir})).code).toBe(0)
    const fromClosed = await runCli(['incident', 'open', '--playbook', 'ransomware', '--from', closed.id], {workspace: dir})
    expect(fromClosed.code).toBe(2)
    expect(fromClosed.stderr).toContain(`runbook incident reopen ${closed.id}`)

    const unknown = await runCli(['incident', 'open', '--playbook', 'ransomware', '--from', '20261130-triage-0000'], {workspace: dir})
    expect(unknown.code).toBe(2)
    expect(await runJson<unknown[]>(['incident', 'list'], {workspace: dir})).toHaveLength(1)
  })
})
