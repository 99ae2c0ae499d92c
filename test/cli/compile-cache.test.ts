import {chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {compileCacheDir} from '../../src/cli/compile-cache.js'
import {ROOT, runCli, spawnCli, tempDir} from '../helpers/cli.js'

// The built CLI hands V8 the code it compiled on earlier runs (bin/run.cjs, src/cli/compile-cache.ts). What must hold:
// the cache is written once and then used, a damaged or unwritable cache changes nothing a user sees, and code that
// loads a library outside the bundle (the file lock, the PostgreSQL driver) still runs from cached code.
describe('the compile cache of the built CLI', () => {
  const BUNDLE = join(ROOT, 'dist', 'bundle')
  /** A cache folder of the test's own, and a workspace with an open incident. */
  const withIncident = async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Cache'], {workspace})
    return {cache: tempDir(), workspace}
  }
  const folder = (dir: string) => compileCacheDir(BUNDLE, {RUNBOOK_COMPILE_CACHE: dir})!
  const entries = (dir: string) => readdirSync(folder(dir)).sort()

  it('is written by the first run and read, not rewritten, by the next; the output is the same', () => {
    const cache = tempDir()
    const workspace = tempDir()
    const first = spawnCli(['--version'], {workspace, env: {RUNBOOK_COMPILE_CACHE: cache}})
    const names = entries(cache)
    expect(names.some((name) => /^run\.cjs-\d+-\d+-\d+$/.test(name))).toBe(true)
    expect(names.some((name) => /^command-[\w-]+\.cjs-/.test(name))).toBe(true)
    const written = new Map(names.map((name) => [name, statSync(join(folder(cache), name)).mtimeMs]))
    const second = spawnCli(['--version'], {workspace, env: {RUNBOOK_COMPILE_CACHE: cache}})
    expect(second).toEqual(first)
    expect(second.code).toBe(0)
    // Accepted entries are left alone: a rewrite would mean V8 refused them.
    for (const [name, mtime] of written) expect(statSync(join(folder(cache), name)).mtimeMs).toBe(mtime)
  })

  it("a command's first run saves the shared files again with what it compiled; its next run writes nothing", async () => {
    const {cache, workspace} = await withIncident()
    const env = {RUNBOOK_COMPILE_CACHE: cache}
    expect(spawnCli(['--version'], {workspace, env}).code).toBe(0)
    const shared = entries(cache).find((name) => name.startsWith('command-'))!
    const size = () => statSync(join(folder(cache), shared)).size
    const afterVersion = size()
    expect(spawnCli(['status', '--json'], {workspace, env}).code).toBe(0)
    // status runs far more of oclif's code than --version: the shared file's entry now holds that too.
    expect(size()).toBeGreaterThan(afterVersion)
    const stamps = () => new Map(entries(cache).map((name) => [name, statSync(join(folder(cache), name)).mtimeMs]))
    const afterStatus = stamps()
    expect(spawnCli(['status', '--json'], {workspace, env}).code).toBe(0)
    expect(stamps()).toEqual(afterStatus)
  })

  it('entries of files a rebuild replaced or removed are deleted when the cache is next written', () => {
    const cache = tempDir()
    const workspace = tempDir()
    mkdirSync(folder(cache), {recursive: true})
    // A chunk the bundle no longer has, and an entry for run.cjs as it was before a rebuild.
    for (const name of ['gone-Ab12Cd34.cjs-100-200-300', 'run.cjs-1-2-3', 'commands~status.cjs-4-5-6']) writeFileSync(join(folder(cache), name), 'old')
    expect(spawnCli(['--version'], {workspace, env: {RUNBOOK_COMPILE_CACHE: cache}}).code).toBe(0)
    const names = entries(cache)
    expect(names.filter((name) => name.endsWith('-100-200-300') || name.endsWith('-1-2-3') || name.endsWith('-4-5-6'))).toEqual([])
    expect(names.some((name) => name.startsWith('run.cjs-'))).toBe(true)
  })

  it('a damaged entry is refused by V8, the command runs as before, and the entry is written again', async () => {
    const {cache, workspace} = await withIncident()
    const env = {RUNBOOK_COMPILE_CACHE: cache}
    const before = spawnCli(['status', '--json'], {workspace, env})
    expect(before.code).toBe(0)
    const status = entries(cache).find((name) => name.startsWith('commands~status.cjs-'))!
    const command = entries(cache).find((name) => name.startsWith('command-'))!
    for (const name of [status, command]) writeFileSync(join(folder(cache), name), Buffer.from('not code from V8, nor anything like it'))
    const after = spawnCli(['status', '--json'], {workspace, env})
    expect(after.code).toBe(0)
    expect(after.stderr).toBe('')
    expect(JSON.parse(after.stdout).id).toBe(JSON.parse(before.stdout).id)
    for (const name of [status, command]) expect(readFileSync(join(folder(cache), name)).length).toBeGreaterThan(1000)
  })

  it('code from the cache loads the libraries left outside the bundle (file lock, PostgreSQL driver)', async () => {
    const {cache, workspace} = await withIncident()
    const env = {RUNBOOK_COMPILE_CACHE: cache, RUNBOOK_ACTOR: 'tester'}
    for (const text of ['first, compiled', 'second, from the cache']) {
      const note = spawnCli(['note', text], {workspace, env})
      expect(note.stderr).toBe('')
      expect(note.code).toBe(0)
    }
    expect(spawnCli(['timeline'], {workspace, env}).stdout).toContain('second, from the cache')
    for (let run = 0; run < 2; run++) {
      const database = spawnCli(['status'], {workspace, env: {...env, RUNBOOK_DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/runbook'}})
      expect(database.code).toBe(1)
      expect(database.stderr).toMatch(/cannot reach the PostgreSQL server/)
    }
  })

  it('a cache folder that cannot be written, or none at all, changes nothing but the time', () => {
    const workspace = tempDir()
    const blocked = join(tempDir(), 'a-file')
    writeFileSync(blocked, '')
    chmodSync(blocked, 0o400)
    const plain = spawnCli(['--version'], {workspace, env: {RUNBOOK_NO_COMPILE_CACHE: '1'}})
    expect(plain.code).toBe(0)
    expect(spawnCli(['--version'], {workspace, env: {RUNBOOK_COMPILE_CACHE: blocked}})).toEqual(plain)
    expect(compileCacheDir(BUNDLE, {RUNBOOK_NO_COMPILE_CACHE: '1', RUNBOOK_COMPILE_CACHE: '/x'})).toBeUndefined()
    expect(compileCacheDir(BUNDLE, {XDG_CACHE_HOME: '/xdg'})).toMatch(
      new RegExp(`^/xdg/runbook/compile/v8-${process.versions.v8.replace(/\./g, '\\.')}-${process.arch}/[0-9a-f]{8}$`),
    )
    // No home and no absolute XDG_CACHE_HOME: no cache, rather than one in whatever folder the command runs in.
    expect(compileCacheDir(BUNDLE, {}, '')).toBeUndefined()
    expect(compileCacheDir(BUNDLE, {XDG_CACHE_HOME: 'relative/cache'}, '')).toBeUndefined()
    expect(compileCacheDir(BUNDLE, {XDG_CACHE_HOME: 'relative/cache'}, '/home/ic')).toMatch(/^\/home\/ic\/\.cache\/runbook\/compile\//)
    const here = tempDir()
    expect(spawnCli(['--version'], {workspace, cwd: here, env: {HOME: '', XDG_CACHE_HOME: '', RUNBOOK_COMPILE_CACHE: undefined}}).code).toBe(0)
    expect(readdirSync(here)).toEqual([])
    // Another installed copy of runbook keeps its entries in a folder of its own.
    expect(compileCacheDir('/elsewhere/dist/bundle', {XDG_CACHE_HOME: '/xdg'})).not.toBe(compileCacheDir(BUNDLE, {XDG_CACHE_HOME: '/xdg'}))
  })

  it('a cache folder that others could write to is neither read nor written', async () => {
    const {cache, workspace} = await withIncident()
    const env = {RUNBOOK_COMPILE_CACHE: cache}
    const before = spawnCli(['status', '--json'], {workspace, env})
    const entry = entries(cache).find((name) => name.startsWith('commands~status.cjs-'))!
    writeFileSync(join(folder(cache), entry), 'planted by someone else')
    chmodSync(folder(cache), 0o777)
    const after = spawnCli(['status', '--json'], {workspace, env})
    expect(after.code).toBe(0)
    expect(JSON.parse(after.stdout).id).toBe(JSON.parse(before.stdout).id)
    // Had the folder been used, V8 would have refused the entry and it would have been written again.
    expect(readFileSync(join(folder(cache), entry), 'utf8')).toBe('planted by someone else')
    chmodSync(folder(cache), 0o700)
    expect(spawnCli(['status', '--json'], {workspace, env}).code).toBe(0)
    expect(readFileSync(join(folder(cache), entry)).length).toBeGreaterThan(1000)
  })
})
