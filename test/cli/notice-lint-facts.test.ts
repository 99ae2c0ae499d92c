import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

interface LintJson {
  where: string
  findings: {severity: string; rule: string; message: string; element?: string}[]
}

/**
 * A rendered notice file is linted with the facts of the incident it belongs to (the one named, or the single open
 * one): a California letter that dates only the discovery of a breach whose start is known must fail, not warn.
 */
describe('notice lint FILE with the incident facts', () => {
  const fixture = readFileSync(join(ROOT, 'test/fixtures/notices/bad/45-ca-only-discovery-date.md'), 'utf8')
  const body = fixture.slice(fixture.indexOf('\n---\n', 4) + 5)

  it('warns without an incident, and fails once the incident knows when the breach began', async () => {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), readFileSync(join(ROOT, 'test/fixtures/northwind.yaml')))
    const file = join(tempDir(), 'ca-notice.md')
    writeFileSync(file, body)
    const args = ['notice', 'lint', file, '--regime', 'ca-1798.82-individual', '--json']

    const alone = await runCli(args, {workspace})
    const aloneJson = JSON.parse(alone.stdout) as LintJson
    const undecided = aloneJson.findings.filter((f) => f.message.includes('"breach-date"'))
    expect(undecided.map((f) => [f.severity, f.rule])).toEqual([['warning', 'not-checked']])
    expect(aloneJson.where).toBe(file)

    expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'occurred_at', '2026-03-02T00:00:00Z'], {workspace})).code).toBe(0)
    const withIncident = await runCli(args, {workspace})
    expect(withIncident.code).toBe(1)
    const result = JSON.parse(withIncident.stdout) as LintJson
    expect(result.findings.filter((f) => f.element === 'breach-date').map((f) => f.severity)).toEqual(['error'])
    expect(result.where).toMatch(/with the facts of \d{8}-lost-device-/)
  })
})

describe('notice lint of a file that is not there', () => {
  it('says the file is missing instead of listing the templates', async () => {
    const workspace = tempDir()
    for (const target of [join(tempDir(), 'draft.md'), './letters/notice.html']) {
      const result = await runCli(['notice', 'lint', target], {workspace, cwd: tempDir()})
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`no notice file at ${target}`)
      expect(result.stderr).not.toContain('unknown template')
    }
  })
})

/** A retailer's ransomware incident with readers in California and Massachusetts; no entity types recorded. */
async function retailerIncident(): Promise<string> {
  const workspace = tempDir()
  writeFileSync(join(workspace, 'runbook.yaml'), readFileSync(join(ROOT, 'test/fixtures/northwind.yaml')))
  expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-11-24 09:15', '--tz', 'America/New_York'], {workspace})).code).toBe(
    0,
  )
  const facts: [string, string][] = [
    ['affected.US-CA', '1240'],
    ['affected.US-MA', '310'],
    ['data_categories', 'contact,ssn,financial,health'],
    ['occurred_at', '2026-11-18T02:10-05:00'],
    ['risk', 'high'],
    ['encrypted', 'false'],
    ['law_enforcement_delay', 'false'],
    ['monitoring_months', '24'],
    ['summary', 'On November 18, 2026, someone broke into our file servers and copied files.'],
    ['measures_taken', 'We disconnected the servers, reset every administrator password and called in a forensic firm.'],
    ['customer_actions', 'Review your bank statements and consider a security freeze.'],
    ['monitoring_offer', '24 months of credit monitoring; enrol at https://www.experianidworks.com/3bcredit with code NW2026.'],
  ]
  for (const [key, value] of facts) expect((await runCli(['fact', 'set', key, value, '--reason', 'investigation', '--force'], {workspace})).code).toBe(0)
  return workspace
}

describe("notice lint FILE --for a reader's jurisdiction", () => {
  it("checks the content that jurisdiction's law requires, and says so when no law was checked", async () => {
    const workspace = await retailerIncident()
    const file = join(tempDir(), 'bare.md')
    writeFileSync(file, '# Notice of Data Breach\n\nNovember 30, 2026\n\nWe had an incident. Call us at +1 888 412 7730.\n\nNorthwind\n')
    // --for was ignored for a file: this letter passed with 0 errors, even with --strict.
    const forCalifornia = await runCli(['notice', 'lint', file, '--for', 'US-CA', '--json'], {workspace})
    expect(forCalifornia.code).toBe(1)
    const found = JSON.parse(forCalifornia.stdout) as LintJson
    const californian = found.findings.filter((f) => f.severity === 'error' && f.message.startsWith('ca-1798.82-individual:'))
    expect(californian.map((f) => f.element)).toEqual(expect.arrayContaining(['what-happened', 'law-enforcement-delay']))

    const unchecked = await runCli(['notice', 'lint', file, '--json'], {workspace})
    expect(unchecked.code).toBe(0)
    expect((JSON.parse(unchecked.stdout) as LintJson).findings.map((f) => [f.severity, f.rule, f.message.slice(0, 37)])).toContainEqual([
      'warning',
      'not-checked',
      "no law's required content was checked",
    ])
    expect((await runCli(['notice', 'lint', file, '--strict'], {workspace})).code).toBe(1)
    const report = await runCli(['notice', 'lint', file, '--for', 'US-CA', '--kind', 'regulator'], {workspace})
    expect(report.code).toBe(2)
    expect(report.stderr).toContain('--regime')
  })

  it('warns, not fails, on the content of a law that only may apply (HIPAA, entity types not known)', async () => {
    const workspace = await retailerIncident()
    // HIPAA's "what happened" is what Massachusetts forbids: as errors, a correct Massachusetts notice could not pass.
    const lint = await runCli(['notice', 'lint', 'customer/us', '--for', 'US-MA', '--json'], {workspace})
    const result = JSON.parse(lint.stdout) as LintJson
    const hipaa = result.findings.filter((f) => f.message.startsWith('hipaa-individual'))
    expect(hipaa.length).toBeGreaterThan(0)
    expect(hipaa.every((f) => f.severity === 'warning' && f.message.includes('may apply'))).toBe(true)
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(lint.code).toBe(0)
  })
})
