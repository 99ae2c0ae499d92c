import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runJson, tempDir} from '../helpers/cli.js'
import {tmuxSessions} from '../helpers/tmux.js'

interface Status {
  id: string
  next: {id: string}[]
  phases: {phase: string; done: number; skipped: number}[]
}

describe('the interactive walk in a real terminal', () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it('answers a question, completes a step, survives Ctrl-C and resumes at the first open step', async () => {
    const workspace = tempDir()
    const env = {RUNBOOK_WORKSPACE: workspace}

    const first = session('walk1')
    first.start(['start', 'ransomware', '--tz', 'Europe/Berlin'], env)
    await first.waitFor('Step 1/')
    expect(first.screen()).toContain('Phase 1/4 · Preparation')
    expect(first.screen()).toContain('Owner: Incident commander')
    await first.waitFor('When did you become reasonably sure')
    first.type('2026-03-28 21:40')
    first.press('Enter')
    await first.waitFor('recorded #2: aware_at')
    await first.waitFor('Is this ransomware or extortion')
    first.press('Enter') // Yes
    await first.waitFor('recorded #3: ransomware')
    await first.waitFor('declare-incident: what now?')
    first.press('Enter') // Done
    await first.waitFor('Note (optional')
    first.type('bridge open on the phone')
    first.press('Enter')
    await first.waitFor('Tell staff what to do')
    await first.waitFor('brief-staff: what now?')
    first.press('C-c')
    const stopped = await first.waitFor(/EXIT=\d+/)
    expect(stopped).toContain('EXIT=130')
    expect(stopped).toContain('Everything answered so far is recorded')
    expect(stopped).not.toMatch(/\n\s+at /)

    const status = await runJson<Status>(['status'], {workspace})
    expect(status.phases.find((p) => p.phase === 'preparation')?.done).toBe(1)
    expect(status.next[0]?.id).toBe('brief-staff')
    const facts = await runJson<{key: string; value: unknown}[]>(['fact', 'list'], {workspace})
    expect(facts).toContainEqual(expect.objectContaining({key: 'aware_at', value: '2026-03-28T20:40:00.000Z'}))

    const second = session('walk2')
    second.start(['incident', 'run'], env)
    await second.waitFor('brief-staff: what now?')
    expect(second.screen()).not.toContain('Declare the incident')
    second.press('Down', 'Down', 'Enter') // Skip
    await second.waitFor('Why does it not apply?')
    second.press('Enter')
    await second.waitFor('A reason is required')
    second.type('HR already sent the all-staff message')
    second.press('Enter')
    await second.waitFor('Assemble the response team')
    await second.waitFor('assemble-team: what now?')
    second.press('C-c')
    await second.waitFor(/EXIT=\d+/)

    const after = await runJson<Status>(['status'], {workspace})
    expect(after.phases.find((p) => p.phase === 'preparation')).toMatchObject({done: 1, skipped: 1})
    const timeline = await runJson<{type: string; payload: Record<string, unknown>}[]>(['timeline'], {workspace})
    expect(timeline).toContainEqual(
      expect.objectContaining({type: 'step.skipped', payload: {step: 'brief-staff', reason: 'HR already sent the all-staff message'}}),
    )
    expect(timeline).toContainEqual(expect.objectContaining({type: 'fact.set', payload: {key: 'ransomware', value: true}}))
    expect((await runJson<{ok: boolean}>(['verify'], {workspace})).ok).toBe(true)
  })
})
