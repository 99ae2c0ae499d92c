import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {migratedDatabase, pgUnavailable} from '../helpers/postgres.js'

const STORES = [
  {name: 'file', skip: undefined, env: async (): Promise<Record<string, string>> => ({})},
  {name: 'PostgreSQL', skip: pgUnavailable, env: async (): Promise<Record<string, string>> => ({RUNBOOK_DATABASE_URL: await migratedDatabase('watch')})},
]

describe.each(STORES)('runbook watch on the $name store', ({skip, env: makeEnv}) => {
  it.skipIf(Boolean(skip))('shows an event another process records within a second of its being recorded, and Ctrl-C ends it cleanly', async () => {
    const workspace = tempDir()
    const env = await makeEnv()
    const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00Z'], {workspace, env})
    expect(opened.code, opened.stderr).toBe(0)
    const id = opened.stdout.trim()
    await runCli(['note', 'before watching'], {workspace, env})

    const child = spawn(process.execPath, [BIN, 'watch', id, '--last', '2'], {
      cwd: ROOT,
      env: {...process.env, ...env, RUNBOOK_WORKSPACE: workspace, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    const seen: {text: string; at: number}[] = []
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      seen.push({text: stdout, at: performance.now()})
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const waitFor = async (check: () => boolean, ms: number) => {
      const until = performance.now() + ms
      while (!check() && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5))
      return check()
    }
    try {
      expect(await waitFor(() => stderr.includes('Watching'), 20_000), stderr).toBe(true)
      expect(stdout).toContain('Note: before watching')
      expect(stdout).not.toContain('Incident') // --last 2: only the latest two events

      const recorded = await runCli(['note', 'from another process', '--incident', id], {workspace, env, now: () => new Date()})
      expect(recorded.code, recorded.stderr).toBe(0)
      const acknowledged = performance.now()
      expect(await waitFor(() => stdout.includes('from another process'), 5000), stdout).toBe(true)
      const shownAt = seen.find((s) => s.text.includes('from another process'))!.at
      expect(shownAt - acknowledged).toBeLessThan(1000)
      // Shown once, with its number.
      expect(stdout.match(/from another process/g)).toHaveLength(1)
      expect(stdout).toMatch(/#4\s+tester\s+.*Note: from another process/)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
    expect(stderr).toContain('Stopped watching')
    expect(stderr).not.toMatch(/\n\s+at |Error/)
  })
})

describe('cold start on the file store', () => {
  it('status --json never loads the PostgreSQL store or its driver (and does on a database workspace: the probe works)', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware'], {workspace})
    const trace = (env: Record<string, string>) => {
      const file = join(tempDir(), 'modules.txt')
      const child = spawn(process.execPath, ['--import', join(ROOT, 'scripts', 'module-trace.js'), BIN, 'status', '--json'], {
        cwd: ROOT,
        env: {...process.env, RUNBOOK_WORKSPACE: workspace, RUNBOOK_MODULE_TRACE: file, ...env},
        stdio: 'ignore',
      })
      return new Promise<{code: number | null; modules: string[]}>((resolve) =>
        child.once('exit', (code) => resolve({code, modules: readFileSync(file, 'utf8').trim().split('\n')})),
      )
    }
    const files = await trace({})
    expect(files.code).toBe(0)
    // The CLI runs from its bundle (scripts/bundle.js): the PostgreSQL store is the chunk named store-pg.
    expect(files.modules.some((m) => m.endsWith('/dist/bundle/commands/status.cjs'))).toBe(true)
    expect(files.modules.filter((m) => /node_modules\/pg(-[a-z]+)?\/|\/store\/pg\/|\/bundle\/store-pg-/.test(m))).toEqual([])
    // The same command on a database workspace (a server that is not there) loads both: the trace sees them.
    const database = await trace({RUNBOOK_DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/runbook'})
    expect(database.code).toBe(1)
    expect(database.modules.some((m) => m.includes('/node_modules/pg/'))).toBe(true)
    expect(database.modules.some((m) => /\/dist\/bundle\/store-pg-[\w-]+\.cjs$/.test(m))).toBe(true)
  })
})
