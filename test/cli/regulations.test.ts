import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SUBDIVISIONS} from '../../src/core/facts/regions.js'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

interface RegulationRow {
  id: string
  jurisdiction: string
  source: string
  lastReviewed: string
  confidence: string
  counts: Record<string, number>
  upcoming: {obligation: string; from?: string; until?: string}[]
}

async function workspaceWith(config: string): Promise<string> {
  const workspace = tempDir()
  writeFileSync(join(workspace, 'runbook.yaml'), config)
  return workspace
}

describe('the regimes runbook knows', () => {
  it('covers every US state, DC, PR, GU and VI, and at least 80 regimes, each with its source and review date', async () => {
    const rows = await runJson<RegulationRow[]>(['regulation', 'list'])
    expect(rows.length).toBeGreaterThanOrEqual(80)
    const states = SUBDIVISIONS.US!.filter((s) => !['AS', 'MP', 'UM'].includes(s)).map((s) => `US-${s}`)
    const covered = new Set(rows.map((r) => r.jurisdiction))
    expect(states.filter((s) => !covered.has(s))).toEqual([])
    for (const row of rows) {
      expect(row.source, row.id).toMatch(/^https?:\/\//)
      expect(row.lastReviewed, row.id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(['confirmed', 'partial', 'unconfirmed']).toContain(row.confidence)
      expect(
        Object.values(row.counts).reduce((a, b) => a + b, 0),
        row.id,
      ).toBeGreaterThan(0)
    }
    // Laws with a date of entry still ahead are listed as changes to come (Chile's Law 21.719 from 1 December 2026).
    expect(rows.find((r) => r.id === 'cl-law21719')?.upcoming.length ?? 0).toBeGreaterThan(0)
  })

  it('regulation show prints one regime in plain words, with what a notice must and must not contain', async () => {
    const result = await runCli(['regulation', 'show', 'us-ma'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Massachusetts/)
    expect(result.stdout).toMatch(/must not contain/)
    expect(result.stdout).toMatch(/police report/i)
    const wrong = await runCli(['regulation', 'show', 'us-mass'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/unknown regulation "us-mass"/)
  })
})

describe('deadlines at scale', () => {
  it('a breach across 40 states fits in 45 terminal rows without --all, and --all lists every obligation', async () => {
    const workspace = await workspaceWith('organization:\n  name: Northwind\n  timezone: America/New_York\nestablishments:\n  - {region: US-NY, main: true}\n')
    await runCli(['incident', 'open', '--playbook', 'account-takeover', '--aware-at', '2026-09-01T09:00-04:00'], {workspace})
    const states = SUBDIVISIONS.US!.filter((s) => !['AS', 'MP', 'UM', 'PR', 'GU', 'VI', 'DC'].includes(s)).slice(0, 40)
    for (const state of states) await runCli(['fact', 'set', `affected.US-${state}`, '600'], {workspace})
    for (const [key, value] of [
      ['affected.total', String(600 * states.length)],
      ['data_categories', 'ssn,contact'],
      ['encrypted', 'false'],
      ['risk', 'high'],
    ])
      await runCli(['fact', 'set', key!, value!], {workspace})
    const result = await runCli(['deadlines'], {workspace, now: () => new Date('2026-09-02T12:00:00Z')})
    expect(result.code).toBe(0)
    const rows = result.stdout.trimEnd().split('\n')
    expect(rows.length, result.stdout).toBeLessThanOrEqual(45)
    expect(result.stdout).toMatch(/Apply: \d+ obligations/)
    const all = await runJson<{applies: string}[]>(['deadlines', '--all'], {workspace})
    expect(all.filter((o) => o.applies === 'yes').length).toBeGreaterThan(40)
    // Whom to call in the United States is named.
    expect(result.stdout).toMatch(/US police: .*ic3/i)
  })

  it('an incident aware years from the machine clock, and an SEC determination in 2024, still get their deadlines', async () => {
    const workspace = await workspaceWith('organization:\n  name: Northwind\n  timezone: America/New_York\n  entity_types: [sec_registrant]\n')
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2024-12-20T10:00-05:00'], {
      workspace,
      now: () => new Date('2024-12-21T00:00:00Z'),
    })
    await runCli(['fact', 'set', 'materiality_determined_at', '2024-12-23T15:00Z'], {workspace, now: () => new Date('2024-12-24T00:00:00Z')})
    const rows = await runJson<{id: string; dueAt: string | null}[]>(['deadlines'], {workspace, now: () => new Date('2028-06-01T00:00:00Z')})
    // Mon 23 Dec 2024 determination: Tue 24, Thu 26, Fri 27 (Christmas skipped), Mon 30 Dec; 17:30 EST.
    expect(rows.find((r) => r.id === 'sec-8k-105')?.dueAt).toBe('2024-12-30T22:30:00.000Z')
    const status = await runCli(['status', '--json'], {workspace, now: () => new Date('2031-01-01T00:00:00Z')})
    expect(status.code, status.stderr).toBe(0)
  })
})
