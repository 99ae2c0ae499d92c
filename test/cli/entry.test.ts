import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, spawnCli, tempDir} from '../helpers/cli.js'

// The built CLI's entry (bin/run.js -> src/cli/execute.ts): the version line, and oclif's own debug output only when
// asked for (its logger is replaced by a silent one otherwise, which saves loading the debug library on every run).
describe('the entry point', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string}).version

  it('--version prints the name, version, platform and Node, and nothing on stderr', () => {
    const result = spawnCli(['--version'], {workspace: tempDir()})
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`runbook/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
    expect(result.stderr).toBe('')
  })

  it("oclif's debug output appears with DEBUG set, and only then", () => {
    const debug = spawnCli(['--version'], {workspace: tempDir(), env: {DEBUG: 'oclif:*'}})
    expect(debug.code).toBe(0)
    expect(debug.stderr).toMatch(/oclif:main process\.argv/)
    expect(spawnCli(['--version'], {workspace: tempDir(), env: {DEBUG: undefined}}).stderr).toBe('')
  })

  it('never takes a positional argument from standard input: a loop feeding lines to a script keeps them', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Loop'], {workspace})
    // As in `while read -r line; do runbook status; done < list`: the line belongs to the loop, not to runbook.
    const status = spawnCli(['status', '--json'], {workspace, input: 'no-such-incident\n'})
    expect(status.stderr).toBe('')
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout).title).toBe('Loop')
  })
})
