import {describe, expect, it} from 'vitest'
import {findPlaybook} from '../../src/store/playbooks.js'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

interface Validation {
  file: string
  valid: boolean
  problems: unknown[]
}

describe('runbook playbook validate', () => {
  it('passes every built-in playbook and scenario, the triage playbook included', async () => {
    const result = await runCli(['playbook', 'validate', '--json'], {workspace: tempDir()})
    expect(result.code).toBe(0)
    const files = JSON.parse(result.stdout) as Validation[]
    expect(files.filter((f) => !f.valid)).toEqual([])
    const names = files.map((f) => f.file.replace(/^.*playbooks\//, ''))
    for (const id of [
      'ransomware',
      'triage',
      'lost-device',
      'misdirected-email',
      'cloud-storage-exposure',
      'vendor-breach',
      'account-takeover',
      'business-email-compromise',
      'insider-misuse',
    ])
      expect(names).toContain(`${id}.yaml`)
    expect(names.filter((n) => n.startsWith('scenarios/')).length).toBeGreaterThanOrEqual(4)
  })
})

/** A command line as the guidance prints it, split into arguments the way a shell would ("quoted words" stay whole). */
const argv = (line: string): string[] => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!)

describe('the triage playbook', () => {
  const {playbook} = findPlaybook('triage')
  const step = (id: string) => playbook.phases.flatMap((p) => p.steps).find((s) => s.id === id)!

  it('classifies into every other built-in playbook by name', async () => {
    const others = (await runJson<{id: string}[]>(['playbook', 'list'], {workspace: tempDir()})).map((p) => p.id).filter((id) => id !== 'triage')
    expect(others.length).toBeGreaterThanOrEqual(8)
    const classify = step('classify').guidance.replace(/\s+/g, ' ')
    for (const id of others) expect(classify, id).toContain(`-> ${id}`)
  })

  it('switches to the right playbook exactly as its guidance says: same awareness, every fact, this one closed with a pointer', async () => {
    const workspace = tempDir()
    const opened = await runCli(['incident', 'open', '--playbook', 'triage', '--aware-at', '2026-11-29 23:10', '--tz', 'Europe/Berlin'], {workspace})
    expect(opened.code).toBe(0)
    const triageId = opened.stdout.trim()
    const known: [string, string][] = [
      ['systems_affected', 'FS-01, FS-02'],
      ['ransomware', 'yes'],
      ['data_categories', 'contact,financial'],
      ['affected.total', '1200'],
      ['functional_impact', 'high'],
    ]
    for (const [key, value] of known) expect((await runCli(['fact', 'set', key, value], {workspace})).code).toBe(0)
    expect((await runCli(['step', 'done', 'classify', '--note', 'ransom note on FS-01: ransomware'], {workspace})).code).toBe(0)

    // The commands of the switch-playbook step, in its order, with its placeholders filled in.
    const commands = [
      ...step('switch-playbook')
        .guidance.replace(/\s+/g, ' ')
        .matchAll(/`runbook ([^`]+)`/g),
    ].map((m) => m[1]!)
    expect(commands).toEqual(['incident open --playbook ID --from THIS_ID', 'incident run NEW_ID'])
    const facts = await runJson<{key: string; value: unknown}[]>(['fact', 'list', '--incident', triageId], {workspace})
    const fill = (line: string) =>
      argv(line).map((word) => Object.entries({ID: 'ransomware', THIS_ID: triageId}).reduce((w, [k, v]) => w.replace(new RegExp(`\\b${k}\\b`, 'g'), v), word))

    const next = await runCli(fill(commands[0]!), {workspace})
    expect(next.code).toBe(0)
    const newId = next.stdout.trim()
    expect(newId).toMatch(/-ransomware-/)

    const copied = await runJson<{key: string; value: unknown}[]>(['fact', 'list', '--incident', newId], {workspace})
    expect(Object.fromEntries(copied.map((f) => [f.key, f.value]))).toEqual(Object.fromEntries(facts.map((f) => [f.key, f.value])))
    const incidents = await runJson<{id: string; status: string; playbook: string}[]>(['incident', 'list'], {workspace})
    expect(incidents).toContainEqual(expect.objectContaining({id: triageId, status: 'closed', playbook: 'triage'}))
    expect(incidents).toContainEqual(expect.objectContaining({id: newId, status: 'open', playbook: 'ransomware'}))
    const closed = await runJson<{type: string; payload: {reason?: string}}[]>(['timeline', triageId, '--format', 'json'], {workspace})
    expect(closed.at(-1)).toMatchObject({type: 'incident.closed', payload: {reason: `continued as ${newId} (playbook ransomware)`}})
    // With the triage incident closed, plain commands act on the new one again.
    expect((await runJson<{id: string}>(['status'], {workspace})).id).toBe(newId)
  })
})
