import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runJson, tempDir} from '../helpers/cli.js'
import {tmuxSessions} from '../helpers/tmux.js'

describe('the built-in ransomware playbook, walked in a real terminal', () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it('asks the first questions, then goes to isolation and the backups before anything else', async () => {
    const workspace = tempDir()
    const walk = session('ransomware')
    walk.start(['start', 'ransomware', '--tz', 'Europe/Berlin'], {RUNBOOK_WORKSPACE: workspace})
    await walk.waitFor('When did you become reasonably sure')
    expect(walk.screen()).toContain('out-of-band')
    walk.type('now')
    walk.press('Enter')
    await walk.waitFor('Is this ransomware or extortion')
    walk.press('Enter') // Yes
    await walk.waitFor('declare-incident: what now?')
    walk.press('Enter') // Done
    await walk.waitFor('Note (optional')
    walk.press('Enter')
    // Containment next, with CISA's first instruction, and not the team, the staff notice or the scoping questions.
    const isolate = await walk.waitFor('Which systems are encrypted or affected?')
    expect(isolate).toContain('Isolate affected systems from the network (isolate-systems)')
    expect(isolate).toContain('take the network offline at the switch')
    expect(isolate).not.toContain('Assemble the response team')
    walk.type('FS-01, FS-02')
    walk.press('Enter')
    await walk.waitFor('isolate-systems: what now?')
    walk.press('Enter') // Done
    await walk.waitFor('Note (optional')
    walk.press('Enter')
    const backups = await walk.waitFor('protect-backups: what now?')
    expect(backups).toContain('Protect the backups now')
    walk.press('C-c')
    expect(await walk.waitFor(/EXIT=\d+/)).toContain('EXIT=130')

    const done = (await runJson<{type: string; payload: {step?: string}}[]>(['timeline'], {workspace}))
      .filter((e) => e.type === 'step.completed')
      .map((e) => e.payload.step)
    expect(done).toEqual(['declare-incident', 'isolate-systems'])
  })
})
