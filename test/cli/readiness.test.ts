import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {neededLanguages, neededTemplates, readinessChecks, readinessScore} from '../../src/core/readiness/score.js'
import {parsePerson} from '../../src/core/workspace/init.js'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

const INIT = [
  '--yes',
  '--name',
  'Northwind Outfitters Inc.',
  '--timezone',
  'America/New_York',
  '--regions',
  'US-CA,DE',
  '--data',
  'contact,financial',
  '--email',
  'privacy@northwind-outfitters.com',
  '--phone',
  '+1 888 412 7799',
  '--website',
  'https://northwind-outfitters.com/security',
]

interface Readiness {
  score: number
  checks: {id: string; passed: boolean; points: number; weight: number; fix: string; details: string[]}[]
}

describe('runbook init', () => {
  it('never hangs without a terminal: it exits 2 and names the flags', async () => {
    const dir = tempDir()
    const result = await runCli(['init', dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--yes')
    expect(() => statSync(join(dir, 'runbook.yaml'))).toThrow()
  })

  it('--yes writes a valid runbook.yaml and the folders for overrides', async () => {
    const dir = tempDir()
    expect((await runCli(['init', dir, ...INIT, '--primary', 'incident-commander=Ana Ruiz <ana@northwind-outfitters.com>'])).code).toBe(0)
    const yaml = readFileSync(join(dir, 'runbook.yaml'), 'utf8')
    expect(yaml).toContain('name: Northwind Outfitters Inc.')
    expect(yaml).toContain('email: ana@northwind-outfitters.com')
    for (const folder of ['playbooks', 'templates', 'regulations']) expect(readFileSync(join(dir, folder, 'README.md'), 'utf8')).toMatch(/^# Your/)
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.runbook-cache/\n')
    expect((await runCli(['init', dir, ...INIT])).code).toBe(2)
  })

  it('a bad answer names the field and writes nothing', async () => {
    const dir = tempDir()
    const result = await runCli(['init', dir, '--yes', '--timezone', 'Mars/Olympus'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('organization.timezone')
    expect(() => statSync(join(dir, 'runbook.yaml'))).toThrow()
  })

  it('reads people as "Name <email>" or "Name, phone"', async () => {
    expect(parsePerson('Ana Ruiz <ana@x.org>')).toEqual({name: 'Ana Ruiz', email: 'ana@x.org'})
    expect(parsePerson('Ben Ode, +1 617 555 0100')).toEqual({name: 'Ben Ode', phone: '+1 617 555 0100'})
  })
})

describe('runbook readiness', () => {
  it('scores a new workspace, lists the gaps most valuable first, and fails --min-score', async () => {
    const dir = tempDir()
    await runCli(['init', dir, ...INIT])
    const result = await runJson<Readiness>(['readiness'], {workspace: dir})
    expect(result.score).toBeGreaterThan(0)
    expect(result.score).toBeLessThan(100)
    const roster = result.checks.find((c) => c.id === 'roster')!
    expect(roster.passed).toBe(false)
    expect(roster.details).toContain('Incident commander: no primary with an email or phone')
    const failed = result.checks.filter((c) => !c.passed)
    const lost = failed.map((c) => c.weight - c.points)
    expect(lost).toEqual([...lost].sort((a, b) => b - a))
    expect(result.checks.find((c) => c.id === 'templates')?.passed).toBe(true)
    expect((await runCli(['readiness', '--min-score', '99'], {workspace: dir})).code).toBe(1)
    expect((await runCli(['readiness', '--min-score', '1'], {workspace: dir})).code).toBe(0)
  })

  it('a completed drill counts', async () => {
    const dir = tempDir()
    await runCli(['init', dir, ...INIT])
    const before = (await runJson<Readiness>(['readiness'], {workspace: dir})).checks.find((c) => c.id === 'drill-recent')!
    expect(before.passed).toBe(false)
    await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--manual'], {workspace: dir})
    await runCli(['drill', 'end'], {workspace: dir})
    const after = await runJson<Readiness>(['readiness'], {workspace: dir})
    expect(after.checks.find((c) => c.id === 'drill-recent')!.passed).toBe(true)
    expect(after.checks.find((c) => c.id === 'drill-high-risk')!.details).not.toContain('vendor-breach-press: not practised')
  })

  it('weights and results add up, and placeholders are caught', async () => {
    const config = {organization: {name: 'X', timezone: 'UTC', locales: ['en'], contact: {email: 'help@example.com'}}, regions: ['JP']}
    expect(neededTemplates(config)).toEqual(['customer/appi', 'internal/executive-summary', 'regulator/ppc-kakuho', 'regulator/ppc-sokuho'])
    const checks = readinessChecks({
      config,
      now: new Date('2026-06-01'),
      playbooks: [],
      scenarios: [],
      rolesNeeded: ['legal'],
      templates: [],
      drills: [],
      regulatorObligations: [],
    })
    expect(checks.reduce((sum, c) => sum + c.weight, 0)).toBe(100)
    expect(checks.find((c) => c.id === 'contact')!.details).toContain('"help@example.com" is a placeholder')
    expect(readinessScore(checks)).toBeLessThan(60)
  })
})

describe('readiness: languages', () => {
  const withLocales = (dir: string, locales: string) => {
    const file = join(dir, 'runbook.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}locales:.*\n( {4}- .*\n)*/m, `  locales: [${locales}]\n`))
  }
  const templatesCheck = async (dir: string) => (await runJson<Readiness>(['readiness'], {workspace: dir})).checks.find((c) => c.id === 'templates')!

  it('counts a language as covered only when each notice its customers need has it', async () => {
    const dir = tempDir()
    const init = INIT.map((arg) => (arg === 'US-CA,DE' ? 'DE,FR' : arg))
    expect((await runCli(['init', dir, ...init])).code).toBe(0)
    // German and French: the GDPR notice has both, in full and short form, and each lints clean.
    withLocales(dir, 'en, de, fr')
    const covered = await templatesCheck(dir)
    expect(covered.details).toEqual([])
    expect(covered.passed).toBe(true)
    // Portuguese is declared, but the GDPR notice has no Portuguese version: not covered (it used to pass).
    withLocales(dir, 'en, de, pt')
    const uncovered = await templatesCheck(dir)
    expect(uncovered.passed).toBe(false)
    expect(uncovered.details).toEqual([
      'customer/gdpr: no pt version (organization.locales lists it: readers in that language would get another); short form: no pt version (organization.locales lists it: readers in that language would get another)',
    ])
  })

  it('a notice whose law sets its language needs that language only', () => {
    const routes = [{template: 'customer/appi', language: 'ja'}, {template: 'customer/gdpr'}, {template: 'customer/gdpr', language: 'de'}]
    expect(neededLanguages('customer/appi', ['en', 'de'], routes)).toEqual(['ja'])
    expect(neededLanguages('customer/gdpr', ['en', 'de-AT', 'fr'], routes)).toEqual(['de', 'en', 'fr'])
    expect(neededLanguages('customer/us', ['en'], routes)).toEqual(['en'])
  })
})

describe('runbook statement', () => {
  it("renders a plain public page from the workspace's obligations, channels and contact", async () => {
    const dir = tempDir()
    await runCli(['init', dir, ...INIT])
    const result = await runCli(['statement'], {workspace: dir})
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('# How Northwind Outfitters Inc. handles a data breach')
    expect(result.stdout).toContain('within 72 hours')
    expect(result.stdout).toContain('privacy@northwind-outfitters.com')
    expect(result.stderr).not.toContain('error')
    const html = join(dir, 'statement.html')
    expect((await runCli(['statement', '--format', 'html', '--out', html], {workspace: dir})).code).toBe(0)
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/)
  })

  it('says the plan is practised every year only once a drill was completed in the last 12 months', async () => {
    const dir = tempDir()
    await runCli(['init', dir, ...INIT])
    // It was fixed text: printed while readiness said "no drill completed in the last 12 months".
    expect((await runCli(['statement'], {workspace: dir})).stdout).not.toContain('practice exercise')
    expect((await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--manual'], {workspace: dir})).code).toBe(0)
    expect((await runCli(['drill', 'end'], {workspace: dir})).code).toBe(0)
    expect((await runCli(['statement'], {workspace: dir})).stdout).toContain('We test this plan at least once a year with a practice exercise.')
  })
})
