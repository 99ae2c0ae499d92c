import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson, tempDir} from '../helpers/cli.js'

// The contract example in docs/regulations.md is a file people copy: it must validate and work as the text says.
describe('the regulation file guide', () => {
  it("its contract example validates and becomes a deadline once the organisation's own fact decides it", async () => {
    const guide = readFileSync(join(ROOT, 'docs', 'regulations.md'), 'utf8')
    const example = /<!-- example: contract -->\s*```yaml\n([\s\S]*?)```/.exec(guide)![1]!
    const workspace = tempDir()
    writeFileSync(
      join(workspace, 'runbook.yaml'),
      readFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), 'utf8') +
        '\nfacts:\n  customers_affected: {type: list, description: the business customers whose data is involved}\n',
    )
    mkdirSync(join(workspace, 'regulations'))
    writeFileSync(join(workspace, 'regulations', 'acme-dpa.yaml'), example)
    const validated = await runCli(['regulation', 'validate', join(workspace, 'regulations', 'acme-dpa.yaml')], {workspace})
    expect(validated.code, validated.stderr + validated.stdout).toBe(0)

    expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-11-29T20:00Z'], {workspace})).code).toBe(0)
    type Row = {id: string; applies: string; dueAt?: string | null}
    const before = (await runJson<Row[]>(['deadlines', '--all'], {workspace})).find((o) => o.id === 'acme-dpa-9.2')
    expect(before?.applies).toBe('maybe')
    expect((await runCli(['fact', 'set', 'customers_affected', 'acme'], {workspace})).code).toBe(0)
    const after = (await runJson<Row[]>(['deadlines', '--all'], {workspace})).find((o) => o.id === 'acme-dpa-9.2')
    expect(after).toMatchObject({applies: 'yes', dueAt: '2026-11-30T20:00:00.000Z'})
  })
})
