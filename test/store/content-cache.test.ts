import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {BUILTIN_PLAYBOOK_CACHE, playbookFiles} from '../../src/store/playbooks.js'
import {BUILTIN_CACHE, regulationFiles} from '../../src/store/regulations.js'

// The build leaves the built-in content parsed in dist/content/ so that commands skip the YAML parser and the
// schemas; what a command gets from there must be exactly what parsing the files gives.
describe("the build's parsed content", () => {
  it('holds every built-in playbook as parsing its file gives it, keyed by the hash of its bytes', () => {
    const cached = JSON.parse(readFileSync(BUILTIN_PLAYBOOK_CACHE, 'utf8')) as {sha256: string}[]
    const fresh = playbookFiles(undefined, {fresh: true})
    expect(fresh.length).toBeGreaterThan(5)
    expect(cached.map((c) => c.sha256).sort()).toEqual(fresh.map((f) => f.sha256).sort())
    const fromCache = playbookFiles()
    expect(fromCache.map((f) => [f.file, f.sha256, f.playbook])).toEqual(fresh.map((f) => [f.file, f.sha256, f.playbook]))
  })

  it('gives each caller its own copy of a cached playbook', () => {
    const first = playbookFiles()[0]!.playbook!
    first.title = 'changed by a caller'
    expect(playbookFiles()[0]!.playbook!.title).not.toBe('changed by a caller')
  })

  it('holds every built-in regulation as parsing its file gives it', async () => {
    const cached = JSON.parse(readFileSync(BUILTIN_CACHE, 'utf8')) as {sha256: string}[]
    const fresh = await regulationFiles(undefined, {fresh: true})
    expect(cached.map((c) => c.sha256).sort()).toEqual(fresh.map((f) => f.sha256).sort())
    const fromCache = await regulationFiles()
    expect(fromCache.map((f) => [f.file, f.regulation])).toEqual(fresh.map((f) => [f.file, f.regulation]))
  })
})
