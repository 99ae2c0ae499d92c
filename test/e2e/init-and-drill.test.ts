import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {tmuxSessions} from '../helpers/tmux.js'

describe('more interactive flows in a real terminal', () => {
  const open = tmuxSessions({beforeAll, afterEach})

  it('runbook init asks each question and writes what was answered', async () => {
    const dir = join(tempDir(), 'team')
    const session = open('init')
    session.start(['init', dir], {})
    await session.waitFor('Organisation name')
    session.type('Northwind Outfitters Inc.')
    session.press('Enter')
    await session.waitFor('Time zone')
    session.press('C-u')
    session.type('Europe/Berlin')
    session.press('Enter')
    await session.waitFor('Languages for notices')
    session.press('Enter')
    await session.waitFor('Where customers live')
    session.type('DE,US-ZZ')
    session.press('Enter')
    await session.waitFor('not a subdivision of US')
    for (let i = 0; i < 6; i++) session.press('BSpace')
    session.press('Enter')
    await session.waitFor('Personal data you hold')
    session.press('Down', 'Space', 'Enter') // contact is pre-selected; add government_id
    await session.waitFor('regulated entity')
    session.press('Enter')
    for (const [prompt, answer] of [
      ['Contact email', 'privacy@northwind-outfitters.com'],
      ['Contact phone', '+49 30 1234567'],
      ['Web page', 'https://northwind-outfitters.com/security'],
      ['Postal address', ''],
      ['Data protection officer', 'Mika Tanaka'],
      ['Their email', 'dpo@northwind-outfitters.com'],
    ] as const) {
      await session.waitFor(prompt)
      if (answer) session.type(answer)
      session.press('Enter')
    }
    await session.waitFor('Incident commander, primary')
    session.type('Ana Ruiz <ana@northwind-outfitters.com>')
    session.press('Enter')
    await session.waitFor('Incident commander, backup')
    session.type('Ben Ode, +49 30 7654321')
    session.press('Enter')
    // Each role's own prompt: a bare "primary" would also match the line just answered, and Enter would go early.
    for (const role of ['Security lead', 'Legal', 'Privacy / DPO', 'Communications', 'IT operations', 'Executive sponsor']) {
      await session.waitFor(`${role}, primary`)
      session.press('Enter')
    }
    const screen = await session.waitFor(/EXIT=\d+/)
    expect(screen).toContain('EXIT=0')
    const yaml = readFileSync(join(dir, 'runbook.yaml'), 'utf8')
    expect(yaml).toContain('timezone: Europe/Berlin')
    expect(yaml).toContain('- DE')
    expect(yaml).toContain('category: government_id')
    expect(yaml).toContain('name: Ana Ruiz')
    expect(yaml).toContain('phone: +49 30 7654321')
  })

  it('a drill walk shows an inject when its time comes and records the decision', async () => {
    const workspace = tempDir()
    const id = (await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--manual'], {workspace})).stdout.trim()
    const session = open('drill')
    session.start(['incident', 'run', id], {RUNBOOK_WORKSPACE: workspace})
    await session.waitFor('EXERCISE · INJECT news-story')
    expect(session.screen()).toContain('Payroll giant PayStream hit by hackers')
    await session.waitFor('When did the organisation become aware')
    session.press('Enter')
    await session.waitFor('Which vendor or processor?')
    session.press('Enter')
    await session.waitFor('log-vendor-notice: what now?')
    session.press('C-c')
    await session.waitFor(/EXIT=\d+/)
    // The next inject is a decision; advance the clock and walk again.
    await runCli(['drill', 'advance', '35h', '--drill', id], {workspace})
    const second = open('drill2')
    second.start(['incident', 'run', id], {RUNBOOK_WORKSPACE: workspace})
    await second.waitFor('Your decision on "Employees are worried"')
    second.type('HR briefs the works council at 15:00; salaries are paid as usual')
    second.press('Enter')
    await second.waitFor('When did the organisation become aware')
    second.press('C-c')
    await second.waitFor(/EXIT=\d+/)
    const injects = await runJson<{arrived: {id: string; decisions: {decision: string}[]}[]}>(['drill', 'injects', '--drill', id], {workspace})
    expect(injects.arrived.find((i) => i.id === 'works-council')?.decisions[0]?.decision).toBe(
      'HR briefs the works council at 15:00; salaries are paid as usual',
    )
  })
})
