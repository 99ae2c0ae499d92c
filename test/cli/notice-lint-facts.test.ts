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
