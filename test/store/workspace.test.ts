import {existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {findWorkspace} from '../../src/store/workspace.js'
import {tempDir} from '../helpers/cli.js'

describe('workspace discovery', () => {
  it('prefers --workspace, then RUNBOOK_WORKSPACE', async () => {
    const a = tempDir()
    const b = tempDir()
    expect(findWorkspace({flag: a, env: {RUNBOOK_WORKSPACE: b}}).root).toBe(a)
    expect(findWorkspace({env: {RUNBOOK_WORKSPACE: b}}).source).toBe('env')
  })

  it('finds the nearest runbook.yaml above the current folder', async () => {
    const root = tempDir()
    writeFileSync(join(root, 'runbook.yaml'), 'organization:\n  name: Acme\n')
    const deep = join(root, 'a', 'b')
    mkdirSync(deep, {recursive: true})
    const found = findWorkspace({cwd: deep, env: {}})
    expect(found).toMatchObject({root, source: 'ancestor', pending: false})
    expect((await found.config()).organization.timezone).toBe('UTC')
  })

  it('creates the default under XDG_DATA_HOME only when something is recorded, once, with private folders', async () => {
    const xdg = tempDir()
    const cwd = tempDir()
    const created: string[] = []
    const first = findWorkspace({cwd, env: {XDG_DATA_HOME: xdg}, onCreated: (root) => created.push(root)})
    expect(first).toMatchObject({root: join(xdg, 'runbook'), source: 'default', pending: true})
    expect((await first.config()).organization.timezone).toBe('UTC')
    expect(existsSync(join(xdg, 'runbook'))).toBe(false)
    expect(first.materialize()).toBe(true)
    expect(first.materialize()).toBe(false)
    expect(created).toEqual([join(xdg, 'runbook')])
    expect(statSync(join(xdg, 'runbook', 'incidents')).mode & 0o777).toBe(0o700)
    expect(findWorkspace({cwd, env: {XDG_DATA_HOME: xdg}}).pending).toBe(false)
  })

  it('refuses a non-empty folder that is not a workspace, and says how to make one', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.txt'), 'x')
    expect(() => findWorkspace({flag: dir, env: {}})).toThrow(/not a runbook workspace/)
    expect(existsSync(join(dir, 'runbook.yaml'))).toBe(false)
  })

  it('names file, line and field for a bad runbook.yaml', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'runbook.yaml'), 'organization:\n  name: Acme\n  timezone: Mars/Olympus\n')
    await expect(findWorkspace({flag: dir, env: {}}).config()).rejects.toThrow(/runbook\.yaml:3:13 organization\.timezone: expected an IANA time zone/)
  })
})
