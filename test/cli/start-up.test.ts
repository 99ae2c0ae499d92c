import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, spawnCli, tempDir} from '../helpers/cli.js'

// What a command that only reads (status --json) loads of Node's own modules, beyond a bare node: each of these cost
// a few milliseconds on every run before they were left for the commands that use them (oclif's logger loaded the
// debug library and with it tty; its WSL check and runbook's program launcher loaded child_process; oclif's timing
// loaded perf_hooks; its stdin read for a left-out argument loaded readline).
describe("start-up: Node's modules a status run loads", () => {
  it('loads no tty, child_process, perf_hooks or readline', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Start-up'], {workspace})
    const dir = tempDir()
    const preload = join(dir, 'modules.cjs')
    const out = join(dir, 'modules.json')
    writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)))\n`)
    // As a user runs it: vitest's NODE_ENV=test puts oclif in its development mode.
    const run = spawnCli(['status', '--json'], {workspace, env: {NODE_OPTIONS: `--require ${preload}`, NODE_ENV: undefined}})
    expect(run.code).toBe(0)
    const loaded = (JSON.parse(readFileSync(out, 'utf8')) as string[]).filter((name) => name.startsWith('NativeModule '))
    expect(loaded).toContain('NativeModule fs') // the list is the real one
    for (const name of ['tty', 'child_process', 'perf_hooks', 'readline']) expect(loaded).not.toContain(`NativeModule ${name}`)
  })

  it('NODE_ENV=development or test does not send oclif looking for TypeScript sources and a transpiler', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Start-up'], {workspace})
    for (const mode of ['development', 'test']) {
      const trace = join(tempDir(), 'modules.txt')
      const run = spawnCli(['status', '--json'], {
        workspace,
        env: {NODE_ENV: mode, NODE_OPTIONS: `--import ${join(ROOT, 'scripts', 'module-trace.js')}`, RUNBOOK_MODULE_TRACE: trace},
      })
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      const modules = readFileSync(trace, 'utf8').trim().split('\n')
      expect(modules.some((m) => m.endsWith('/dist/bundle/commands/status.cjs'))).toBe(true)
      expect(modules.filter((m) => /node_modules\/(typescript|ts-node|tsx)\//.test(m))).toEqual([])
    }
  })
})
