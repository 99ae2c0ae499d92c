import {describe, expect, it} from 'vitest'
import {runCli, spawnCli, tempDir} from '../helpers/cli.js'

// The operator's language must not reorder what runbook lists: ids, keys and times are sorted the same way on every
// machine. With LC_ALL=cs_CZ "ch" is a letter of its own after "h", so a sort by the machine's collation moved the
// Swiss regulation (ch-fadp) after Hong Kong's (hk-pdpo); with da_DK a leading "aa" sorts after "z".
const ids = (run: {code: number | null; stdout: string; stderr: string}, pick: (json: unknown) => {id: string}[]): string[] => {
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return pick(JSON.parse(run.stdout)).map((row) => row.id)
}

describe("lists keep one order whatever the machine's language", () => {
  it('regulation list and the deadlines of an incident', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Order'], {workspace})
    const regulations = (locale: string) =>
      ids(spawnCli(['regulation', 'list', '--json'], {workspace, env: {LC_ALL: locale, LANG: locale}}), (json) => json as {id: string}[])
    const deadlines = (locale: string) =>
      ids(spawnCli(['deadlines', '--all', '--json'], {workspace, env: {LC_ALL: locale, LANG: locale}}), (json) => json as {id: string}[])
    const reference = regulations('C')
    expect(reference.indexOf('ch-fadp')).toBeGreaterThan(-1)
    expect(reference.indexOf('ch-fadp')).toBeLessThan(reference.indexOf('hk-pdpo'))
    for (const locale of ['cs_CZ.UTF-8', 'da_DK.UTF-8']) expect(regulations(locale)).toEqual(reference)
    const obligations = deadlines('C')
    expect(obligations.some((id) => id.startsWith('ch-'))).toBe(true)
    expect(deadlines('cs_CZ.UTF-8')).toEqual(obligations)
  })
})
