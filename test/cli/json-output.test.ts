import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {spawnCli} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// Scripts read `--json` output with one parse: stdout must be exactly one JSON document, whether the command
// succeeded or failed, with nothing before or after it (notes and progress go to stderr). Run as real processes, so
// what is checked is the bytes a script would read.

/** The one document on stdout, or the reason it is not one. */
function oneDocument(stdout: string): Record<string, unknown> {
  const trimmed = stdout.trim()
  expect(trimmed.startsWith('{') || trimmed.startsWith('['), `stdout starts with something else: ${stdout.slice(0, 200)}`).toBe(true)
  // JSON.parse throws on anything after the document (a second document, a line of text).
  return JSON.parse(stdout) as Record<string, unknown>
}

describe('--json prints exactly one JSON document, on success and on failure', () => {
  let workspace: string
  let csv: string
  let badDraft: string

  beforeAll(async () => {
    workspace = await sampleIncident()
    csv = join(workspace, 'readers.csv')
    writeFileSync(
      csv,
      'id,name,email,language,channel,country,state\nR1,Ana Ruiz,ana@mail.example.net,en,email,US,CA\nR2,No Country,x@mail.example.net,en,email,,\n',
    )
    badDraft = join(workspace, 'draft.md')
    writeFileSync(badDraft, '# Notice of Data Breach\n\nCall us on call the hotline. [insert phone]\n')
  })

  const run = (args: string[]) => spawnCli([...args, '--json'], {workspace, cwd: workspace})

  it('notice lint', () => {
    const ok = run(['notice', 'lint', 'customer/us'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(oneDocument(ok.stdout)).toMatchObject({errors: 0})

    const findings = run(['notice', 'lint', badDraft, '--regime', 'ca-1798.82-individual'])
    expect(findings.code).toBe(1)
    const failed = oneDocument(findings.stdout)
    expect(failed.error).toMatchObject({exitCode: 1})
    expect((failed.findings as unknown[]).length).toBeGreaterThan(0)

    const unknown = run(['notice', 'lint', 'customer/no-such-notice'])
    expect(unknown.code).toBe(2)
    expect(oneDocument(unknown.stdout).error).toMatchObject({exitCode: 2})

    // A flag oclif refuses: the same document, the usage exit code, no JS error name or oclif internals.
    const badKind = run(['notice', 'lint', badDraft, '--kind', 'leaflet'])
    expect(badKind.code).toBe(2)
    const refused = oneDocument(badKind.stdout)
    expect(refused).toEqual({error: {message: expect.stringContaining('--kind=leaflet'), hint: 'See runbook notice lint --help.', exitCode: 2}})
  })

  it('notify customers', () => {
    const ok = run(['notify', 'customers', '--recipients', csv, '--dry-run'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(oneDocument(ok.stdout)).toMatchObject({counts: {notices: 1, rejects: 1}})

    const missingFile = run(['notify', 'customers', '--recipients', join(workspace, 'nowhere.csv'), '--dry-run'])
    expect(missingFile.code).toBe(2)
    expect(oneDocument(missingFile.stdout).error).toMatchObject({exitCode: 2})

    // A forced template that cannot render (a fact it needs is missing): the missing values and the error, one document.
    const stopped = run(['notify', 'customers', '--recipients', csv, '--template', 'regulator/gdpr-art33', '--dry-run'])
    expect(stopped.code).toBe(2)
    expect(oneDocument(stopped.stdout).error).toMatchObject({exitCode: 2})
  })

  it('readiness', () => {
    const ok = run(['readiness'])
    expect(ok.code, ok.stderr).toBe(0)
    const score = oneDocument(ok.stdout)
    expect(typeof score.score).toBe('number')

    const below = run(['readiness', '--min-score', '100'])
    expect(below.code).toBe(1)
    const failed = oneDocument(below.stdout)
    expect(failed.score).toBe(score.score)
    expect(failed.error).toMatchObject({exitCode: 1})

    const badFlag = run(['readiness', '--min-score', 'lots'])
    expect(badFlag.code).toBe(2)
    expect(oneDocument(badFlag.stdout).error).toMatchObject({exitCode: 2})
  })
})
