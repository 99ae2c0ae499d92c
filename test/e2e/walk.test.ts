import {copyFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runJson, tempDir} from '../helpers/cli.js'
import {tmuxSessions} from '../helpers/tmux.js'

interface Status {
  id: string
  next: {id: string}[]
  phases: {phase: string; done: number; skipped: number}[]
}

type Event = {type: string; payload: Record<string, unknown>}

/**
 * A workspace whose ransomware playbook is the fixture shaped like the built-in one (scoping questions due in a day
 * or two in Detection & Analysis, containment due in an hour in the third phase, the safe-harbour question), so
 * the walk is tested on a stable shape while the built-in content is reviewed.
 */
function workspace(): string {
  const dir = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(dir, 'runbook.yaml'))
  mkdirSync(join(dir, 'playbooks'))
  copyFileSync(join(ROOT, 'test', 'fixtures', 'playbooks', 'ransomware.yaml'), join(dir, 'playbooks', 'ransomware.yaml'))
  return dir
}

describe('the interactive walk in a real terminal', () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it('answers a question, completes a step, goes to containment next, survives Ctrl-C and resumes at the most urgent open step', async () => {
    const dir = workspace()
    const env = {RUNBOOK_WORKSPACE: dir}

    const first = session('walk1')
    first.start(['start', 'ransomware', '--tz', 'Europe/Berlin'], env)
    await first.waitFor('Step 1/')
    expect(first.screen()).toContain('Phase 1/4 · Preparation')
    expect(first.screen()).toContain('Owner: Incident commander')
    await first.waitFor('When did you become reasonably sure')
    first.type('2026-03-28 21:40')
    first.press('Enter')
    // Echoed in the incident's zone, as typed (it was echoed in UTC).
    await first.waitFor('recorded #2: aware_at = 2026-03-28 21:40 +01:00')
    await first.waitFor('declare-incident: what now?')
    first.press('Enter') // Done
    await first.waitFor('Note (optional')
    first.type('bridge open on the phone')
    first.press('Enter')
    // The most urgent open step is containment (1 h), not the scoping questions (24-48 h) of the phase before it.
    await first.waitFor('isolate-systems: what now?')
    expect(first.screen()).toContain('Phase 3/4 · Containment, Eradication & Recovery')
    expect(first.screen()).toContain('Isolate affected systems')
    expect(first.screen()).not.toContain('Assemble the response team')
    first.press('C-c')
    const stopped = await first.waitFor(/EXIT=\d+/)
    expect(stopped).toContain('EXIT=130')
    expect(stopped).toContain('Everything answered so far is recorded')
    expect(stopped).not.toMatch(/\n\s+at /)

    const status = await runJson<Status>(['status'], {workspace: dir})
    expect(status.phases.find((p) => p.phase === 'preparation')?.done).toBe(1)
    expect(status.next.map((n) => n.id)).toEqual(['isolate-systems', 'assemble-team', 'identify-strain'])
    const facts = await runJson<{key: string; value: unknown}[]>(['fact', 'list'], {workspace: dir})
    expect(facts).toContainEqual(expect.objectContaining({key: 'aware_at', value: '2026-03-28T20:40:00.000Z'}))

    const second = session('walk2')
    second.start(['incident', 'run'], env)
    await second.waitFor('isolate-systems: what now?')
    expect(second.screen()).not.toContain('Declare the incident')
    second.press('Down', 'Down', 'Enter') // Skip
    // An empty line would open the editor (tested in two-responders.test.ts); a reason typed on the line is taken as is.
    await second.waitFor('Why does it not apply?')
    second.type('hosts already cut off by the MSP')
    second.press('Enter')
    await second.waitFor('assemble-team: what now?')
    second.press('C-c')
    await second.waitFor(/EXIT=\d+/)

    const timeline = await runJson<Event[]>(['timeline'], {workspace: dir})
    expect(timeline).toContainEqual(
      expect.objectContaining({type: 'step.skipped', payload: {step: 'isolate-systems', reason: 'hosts already cut off by the MSP'}}),
    )
    expect((await runJson<{ok: boolean}>(['verify'], {workspace: dir})).ok).toBe(true)
  })

  it('a future time asks to confirm; the encryption question answered "yes" asks for confirmation and a reason', async () => {
    const dir = workspace()
    const env = {RUNBOOK_WORKSPACE: dir}

    const first = session('future')
    first.start(['start', 'ransomware', '--tz', 'Europe/Berlin'], env)
    await first.waitFor('When did you become reasonably sure')
    first.type('2099-01-01 09:00')
    first.press('Enter')
    await first.waitFor('aware_at 2099-01-01 09:00 +01:00 is in the future')
    await first.waitFor('Record aware_at = 2099-01-01 09:00 +01:00 anyway? (y/N)')
    first.press('Enter') // No: asked again
    await first.waitFor('not recorded; answer again')
    first.type('2026-03-28 21:40')
    first.press('Enter')
    await first.waitFor('recorded #2: aware_at = 2026-03-28 21:40 +01:00')
    await first.waitFor('declare-incident: what now?')
    first.press('C-c')
    await first.waitFor(/EXIT=\d+/)

    const second = session('encrypted')
    second.start(['incident', 'run', '--step', 'scope-personal-data'], env)
    await second.waitFor('Which kinds of personal data?')
    second.press('Space', 'Enter') // contact
    await second.waitFor('How many people?')
    second.type('1200')
    second.press('Enter')
    await second.waitFor('encrypted by you, with the key safe')
    second.press('Enter') // Yes
    await second.waitFor(/With encrypted = true, \d+ obligations that apply or may apply would no longer apply/)
    await second.waitFor('Is encrypted = true right? Those obligations will no longer be listed as applying. (y/N)')
    second.type('y')
    second.press('Enter')
    await second.waitFor('Why? (kept in the log with the answer)')
    second.type('backup tapes AES-256, keys in the HSM')
    second.press('Enter')
    await second.waitFor(/recorded #\d+: encrypted = true/)
    await second.waitFor('Risk to the people affected?')
    second.press('C-c')
    await second.waitFor(/EXIT=\d+/)

    const timeline = await runJson<Event[]>(['timeline'], {workspace: dir})
    expect(timeline.filter((e) => e.type === 'fact.set' && e.payload.key === 'aware_at').map((e) => e.payload.value)).toEqual(['2026-03-28T20:40:00.000Z'])
    expect(timeline).toContainEqual(
      expect.objectContaining({type: 'fact.set', payload: {key: 'encrypted', value: true, reason: 'backup tapes AES-256, keys in the HSM'}}),
    )
  })
})
