import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// Austrian German names January "Jänner", as Austria's own laws and authorities write it (the food terms of Protocol
// No 10 to the 1994 Accession Act do not include it; it is simply the standard Austrian form): a notice to a reader
// in Austria uses it, one to a reader in Germany does not.
describe('German notices to readers in Austria', () => {
  it('date January as Jänner for Austria and Januar for Germany', async () => {
    const workspace = await sampleIncident([['occurred_at', '2026-01-20T10:00Z']])
    const austria = await runCli(['notice', 'render', 'customer/gdpr', '--for', 'AT'], {workspace})
    expect(austria.code, austria.stderr).toBe(0)
    expect(austria.stdout).toContain('20. Jänner 2026')
    expect(austria.stdout).not.toContain('Januar')
    const germany = await runCli(['notice', 'render', 'customer/gdpr', '--for', 'DE'], {workspace})
    expect(germany.code, germany.stderr).toBe(0)
    expect(germany.stdout).toContain('20. Januar 2026')
  })
})
