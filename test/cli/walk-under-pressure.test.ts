import {copyFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson, tempDir} from '../helpers/cli.js'
import {scripted} from '../helpers/scripted.js'

// Issue 17, "the walk under pressure": each test here failed before the fix it pins.

/** A workspace with the Northwind organisation and the ransomware-shaped fixture playbook (it replaces the built-in). */
function workspaceWithFixture(): string {
  const workspace = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
  mkdirSync(join(workspace, 'playbooks'))
  copyFileSync(join(ROOT, 'test', 'fixtures', 'playbooks', 'ransomware.yaml'), join(workspace, 'playbooks', 'ransomware.yaml'))
  return workspace
}

async function openRansomware(workspace: string, ...extra: string[]): Promise<string> {
  const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--tz', 'Europe/Berlin', ...extra], {workspace})
  expect(opened.code, opened.stderr).toBe(0)
  return opened.stdout.trim()
}

type Event = {seq: number; type: string; payload: Record<string, unknown>}
const factEvents = async (workspace: string, key: string) =>
  (await runJson<Event[]>(['timeline'], {workspace})).filter((e) => e.type === 'fact.set' && e.payload.key === key)

describe('the urgent step first', () => {
  it('the walk offers containment right after the declaration, not seventh', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace, '--aware-at', '2026-03-28 21:40')
    const first = scripted([
      [/When did you become/, ''],
      [/^declare-incident: what now\?/, 'done'],
      [/Note/, ''],
      [/: what now\?/, 'stop'],
    ])
    expect((await runCli(['incident', 'run'], {workspace, prompter: first})).code).toBe(0)
    // Before: assemble-team, then the detection questions; isolate-systems (1 h) came 6th of 8 here, 7th of 15 built in.
    expect(first.asked.filter((a) => a.message.endsWith('what now?')).map((a) => a.message)).toEqual([
      'declare-incident: what now?',
      'isolate-systems: what now?',
    ])
    const status = await runJson<{next: {id: string; dueAt: string | null; after: string[]}[]}>(['status'], {workspace})
    expect(status.next.map((n) => n.id)).toEqual(['isolate-systems', 'assemble-team', 'identify-strain'])
    expect(status.next[0]).toMatchObject({dueAt: '2026-03-28T21:40:00.000Z', after: []})
  })

  it('--step goes to a step, even a finished one, and --role walks only that role', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace, '--aware-at', '2026-03-28 21:40')
    const legal = scripted([[/^assess-notification: what now\?/, 'later']])
    const result = await runCli(['incident', 'run', '--role', 'legal'], {workspace, prompter: legal})
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('1 Legal step(s) still open: assess-notification')
    // restore-from-backups comes after isolate-systems: it says so.
    const restore = scripted([
      [/When was the incident contained/, ''],
      [/^restore-from-backups: what now\?/, 'stop'],
    ])
    const jumped = await runCli(['incident', 'run', '--step', 'restore-from-backups'], {workspace, prompter: restore})
    expect(jumped.stdout).toContain('Comes after isolate-systems (still open)')
    expect((await runCli(['step', 'done', 'declare-incident'], {workspace})).code).toBe(0)
    const back = scripted([
      [/When did you become/, ''],
      [/^declare-incident: what now\?/, 'later'],
      [/^isolate-systems: what now\?/, 'stop'],
    ])
    expect((await runCli(['incident', 'run', '--step', 'declare-incident'], {workspace, prompter: back})).code).toBe(0)
    expect(back.asked.find((a) => a.message.startsWith('declare-incident'))?.choices).toEqual(['later', 'change', 'note', 'stop'])
    const wrong = await runCli(['incident', 'run', '--step', 'isolate'], {workspace, prompter: scripted([])})
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('did you mean isolate-systems?')
  })
})

describe('questions that cannot mislead', () => {
  it('fact set refuses an answer that removes notices without --reason, names them, and keeps the reason', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    await runCli(['fact', 'set', 'data_categories', 'contact'], {workspace})
    await runCli(['fact', 'set', 'affected.total', '1200'], {workspace})
    const refused = await runCli(['fact', 'set', 'encrypted', 'true'], {workspace})
    // Before: recorded at once, and every notice to individuals disappeared behind `deadlines --all`.
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/With encrypted = true, \d+ obligations that apply or may apply would no longer apply \(\d+ of them notices to the people/)
    expect(refused.stderr).toContain('gdpr-art34')
    expect(refused.stderr).toContain('--reason')
    expect(await factEvents(workspace, 'encrypted')).toEqual([])
    const kept = await runCli(['fact', 'set', 'encrypted', 'true', '--reason', 'backup tapes AES-256, keys in the HSM'], {workspace})
    expect(kept.code).toBe(0)
    expect((await factEvents(workspace, 'encrypted'))[0]?.payload).toEqual({key: 'encrypted', value: true, reason: 'backup tapes AES-256, keys in the HSM'})
  })

  it('risk none or low and no residents of a region need a reason too; an escalation or a scoping answer does not', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    expect((await runCli(['fact', 'set', 'data_categories', 'contact,ssn'], {workspace})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'affected.US-MA', '300'], {workspace})).code).toBe(0)
    for (const [key, value] of [
      ['risk', 'none'],
      ['risk', 'low'],
      ['affected.US-CA', '0'],
    ]) {
      const result = await runCli(['fact', 'set', key!, value!], {workspace})
      expect(result.code, `${key} ${value}`).toBe(2)
      expect(result.stderr, `${key} ${value}`).toContain('would no longer apply')
    }
    expect((await runCli(['fact', 'set', 'risk', 'high'], {workspace})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'encrypted', 'false'], {workspace})).code).toBe(0)
  })

  it('a scoping answer changed so that duties go (categories narrowed, a count lowered) needs a reason; first given, it does not', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    for (const [key, value] of [
      ['data_categories', 'ssn,contact'],
      ['encrypted', 'false'],
      ['risk', 'high'],
      ['affected.US-CA', '600'],
    ])
      expect((await runCli(['fact', 'set', key!, value!], {workspace})).code, `${key}`).toBe(0)
    // Both were recorded at once, and California's notices vanished from the list with no reason kept.
    const lowered = await runCli(['fact', 'set', 'affected.US-CA', '500'], {workspace})
    expect(lowered.code).toBe(2)
    expect(lowered.stderr).toContain('ca-1798.82-ag')
    const narrowed = await runCli(['fact', 'set', 'data_categories', 'contact'], {workspace})
    expect(narrowed.code).toBe(2)
    expect(narrowed.stderr).toContain('ca-1798.82-individual')
    expect(await factEvents(workspace, 'data_categories')).toHaveLength(1)
    expect((await runCli(['fact', 'set', 'data_categories', 'contact', '--reason', 'the SSN column was empty in the copied table'], {workspace})).code).toBe(0)
    // Widening takes nothing away: no reason asked.
    expect((await runCli(['fact', 'set', 'data_categories', 'contact,ssn,financial'], {workspace})).code).toBe(0)
  })

  it('incident open refuses a future --aware-at without suggesting a --force it does not have', async () => {
    const workspace = workspaceWithFixture()
    const future = await runCli(['incident', 'open', '--playbook', 'triage', '--aware-at', '2099-03-10 23:30', '--tz', 'America/Los_Angeles'], {workspace})
    expect(future.code).toBe(2)
    expect(future.stderr).toContain('aware_at 2099-03-10 23:30 -07:00 is in the future')
    // It said "if it is meant, add --force", and --force was then refused as a nonexistent flag.
    expect(future.stderr).not.toContain('--force')
  })

  it('echoes an instant in the incident zone, as it was typed, not in UTC', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    const result = await runCli(['fact', 'set', 'aware_at', '2026-03-28 21:40'], {workspace})
    // Before: "aware_at = 2026-03-28T20:40:00.000Z".
    expect(result.stdout).toContain('aware_at = 2026-03-28 21:40 +01:00')
    expect((await runCli(['fact', 'list'], {workspace})).stdout).toMatch(/aware_at\s+2026-03-28 21:40 \+01:00/)
  })

  it('a response instant from before the incident was opened needs --force; awareness before it does not', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    const early = await runCli(['fact', 'set', 'contained_at', '2025-11-30 09:00'], {workspace})
    expect(early.code).toBe(2)
    expect(early.stderr).toMatch(/contained_at 2025-11-30 09:00 \+01:00 is before this incident was opened \(/)
    expect(early.stderr).toContain('--force')
    expect((await runCli(['fact', 'set', 'contained_at', '2025-11-30 09:00', '--force'], {workspace})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'aware_at', '2025-11-30 09:00'], {workspace})).code).toBe(0)
  })

  it('the walk asks to confirm a future instant, and to confirm an answer that removes obligations with a reason; declined, it asks again', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    const prompter = scripted([
      [/When did you become/, '2099-01-01 09:00'],
      [/^Record aware_at = 2099-01-01 09:00 \+01:00 anyway\?/, false],
      [/When did you become/, '2026-03-28 21:40'],
      [/^declare-incident: what now\?/, 'stop'],
    ])
    const walked = await runCli(['incident', 'run'], {workspace, prompter})
    // Before: the future time was recorded without a word, and echoed in UTC.
    expect(walked.stdout).toContain('aware_at 2099-01-01 09:00 +01:00 is in the future')
    expect(walked.stdout).toContain('recorded #2: aware_at = 2026-03-28 21:40 +01:00')
    expect((await factEvents(workspace, 'aware_at')).map((e) => e.payload.value)).toEqual(['2026-03-28T20:40:00.000Z'])

    const scope = scripted([
      [/Which kinds of personal data/, ['contact']],
      [/How many people/, '1200'],
      [/encrypted by you/, 'true'],
      [/^Is encrypted = true right\?/, false],
      [/encrypted by you/, 'true'],
      [/^Is encrypted = true right\?/, true],
      [/^Why\?/, 'backup tapes AES-256, keys in the HSM'],
      [/Risk to the people/, '__not_known__'],
      [/^scope-personal-data: what now\?/, 'stop'],
    ])
    const result = await runCli(['incident', 'run', '--step', 'scope-personal-data'], {workspace, prompter: scope})
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/With encrypted = true, \d+ obligations that apply or may apply would no longer apply/)
    expect(scope.asked.find((a) => a.kind === 'confirm')?.default).toBe(false)
    expect((await factEvents(workspace, 'encrypted')).map((e) => e.payload)).toEqual([
      {key: 'encrypted', value: true, reason: 'backup tapes AES-256, keys in the HSM'},
    ])
  })

  it('the walk shows the recorded value as the default and records a changed answer as a correction', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    await runCli(['fact', 'set', 'affected.total', '1200'], {workspace})
    await runCli(['fact', 'set', 'encrypted', 'false'], {workspace})
    const prompter = scripted([
      [/Which kinds of personal data/, []],
      [/How many people/, '1,340'],
      [/encrypted by you/, 'false'],
      [/Risk to the people/, '__not_known__'],
      [/^scope-personal-data: what now\?/, 'stop'],
    ])
    const result = await runCli(['incident', 'run', '--step', 'scope-personal-data'], {workspace, prompter})
    expect(prompter.asked.find((a) => a.message.startsWith('How many'))?.default).toBe('1200')
    const encrypted = prompter.asked.find((a) => a.message.includes('encrypted by you'))!
    expect(encrypted).toMatchObject({default: 'false'})
    expect(encrypted.message).toContain('[recorded: no]')
    expect(result.stdout).toContain('recorded #4: affected.total = 1,340, was 1,200')
    const [first, second] = await factEvents(workspace, 'affected.total')
    expect(second?.payload).toEqual({key: 'affected.total', value: 1340, corrects: {seq: first!.seq, value: 1200}})
    expect(await factEvents(workspace, 'encrypted')).toHaveLength(1)
  })
})

describe('one open incident per playbook unless asked', () => {
  it('a second incident on the same playbook exits 2 naming the open one, unless --new', async () => {
    const workspace = workspaceWithFixture()
    const id = await openRansomware(workspace)
    const second = await runCli(['incident', 'open', '--playbook', 'ransomware'], {workspace})
    // Before: a duplicate opened silently, and every plain command then failed with "2 incidents are open".
    expect(second.code).toBe(2)
    expect(second.stderr).toContain(`an incident on playbook ransomware is already open: ${id}`)
    expect(second.stderr).toContain('--new')
    expect((await runJson<{id: string}[]>(['incident', 'list'], {workspace})).map((i) => i.id)).toEqual([id])
    expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).code).toBe(0)
    expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--new'], {workspace})).code).toBe(0)
    expect(await runJson<unknown[]>(['incident', 'list'], {workspace})).toHaveLength(3)
  })

  it('at a terminal, incident open asks, and start offers to walk the open incident instead', async () => {
    const workspace = workspaceWithFixture()
    const id = await openRansomware(workspace)
    const declined = await runCli(['incident', 'open', '--playbook', 'ransomware'], {
      workspace,
      prompter: scripted([[/Open a second incident anyway\?/, false]]),
    })
    expect(declined.code).toBe(2)
    const start = scripted([
      [/An incident on ransomware is already open/, id],
      [/When did you become/, ''],
      [/^declare-incident: what now\?/, 'stop'],
    ])
    expect((await runCli(['start', 'ransomware'], {workspace, prompter: start})).code).toBe(0)
    expect(start.asked[0]?.choices).toEqual([id, '\u0000new'])
    expect(await runJson<unknown[]>(['incident', 'list'], {workspace})).toHaveLength(1)
  })

  it('a running drill is never the single open incident of plain commands, and does not block opening one', async () => {
    const workspace = tempDir()
    copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
    const drill = (await runCli(['drill', 'start', '--scenario', 'ransomware-double-extortion', '--manual'], {workspace})).stdout.trim()
    const alone = await runCli(['status'], {workspace})
    // Before: status acted on the drill; a responder's `step done` would have been recorded in the exercise.
    expect(alone.code).toBe(2)
    expect(alone.stderr).toContain('there is no open incident')
    expect(alone.stderr).toContain(drill)
    const id = (await runCli(['incident', 'open', '--playbook', 'ransomware'], {workspace})).stdout.trim()
    expect(id).toMatch(/^\d{8}-ransomware-/)
    // Before: "2 incidents are open; say which one with --incident ID".
    expect((await runJson<{id: string}>(['status'], {workspace})).id).toBe(id)
  })
})

describe('prioritisation', () => {
  it('status shows functional impact, information impact and recoverability at the top, and in --json', async () => {
    const workspace = workspaceWithFixture()
    await openRansomware(workspace)
    await runCli(['fact', 'set', 'functional_impact', 'high'], {workspace})
    await runCli(['fact', 'set', 'information_impact', 'privacy,integrity'], {workspace})
    const lines = (await runCli(['status'], {workspace})).stdout.split('\n')
    expect(lines[2]).toBe('Priority: functional impact high · information impact privacy, integrity · recoverability not assessed')
    const status = await runJson<{priority: unknown}>(['status'], {workspace})
    expect(status.priority).toEqual({functional_impact: 'high', information_impact: ['privacy', 'integrity'], recoverability: null})
  })
})
