import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {tmuxSessions} from '../helpers/tmux.js'

describe('the walk names the people to call', () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it("shows the owner role's holder, primary and backup with their phones", async () => {
    const workspace = tempDir()
    writeFileSync(
      join(workspace, 'runbook.yaml'),
      `organization: {name: Northwind, timezone: Europe/Berlin}
roster:
  incident-commander:
    primary: {name: Anna Weber, phone: "+49 170 1234567", email: anna@northwind.example}
    backup: {name: Ben Ode, phone: "+1 617 555 0101"}
`,
    )
    expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28 21:40'], {workspace})).code).toBe(0)
    const walk = session('people')
    walk.start(['incident', 'run'], {RUNBOOK_WORKSPACE: workspace})
    const screen = await walk.waitFor('When did you become reasonably sure')
    expect(screen).toContain('Owner: Incident commander')
    expect(screen).toContain('Call: Anna Weber · +49 170 1234567 · anna@northwind.example (primary); Ben Ode · +1 617 555 0101 (backup)')
    expect(screen).not.toContain('Holds it:')
    walk.press('C-c')
    await walk.waitFor(/EXIT=\d+/)

    // Once someone holds the role in this incident, the walk names them first.
    expect((await runCli(['assign', 'ic', 'Ben Ode'], {workspace})).code).toBe(0)
    const again = session('people2')
    again.start(['incident', 'run'], {RUNBOOK_WORKSPACE: workspace})
    const held = await again.waitFor('When did you become reasonably sure')
    expect(held).toMatch(/Holds it: Ben Ode · \+1 617 555 0101 \(since \d\d-\d\d \d\d:\d\d\)/)
    again.press('C-c')
    await again.waitFor(/EXIT=\d+/)
  })
})
