import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {userInfo} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {teamWorkspace} from '../helpers/team.js'

describe('who you are recorded as', () => {
  const home = tempDir()
  const env = {RUNBOOK_ACTOR: undefined, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache')}
  const file = join(home, 'config', 'runbook', 'config.yaml')
  const login = userInfo().username
  const workspace = teamWorkspace()
  interface Who {
    actor: string
    source: string
    configFile: string
    sources: Record<string, string | null>
  }
  const actorsOf = async () => (await runJson<{actor: string}[]>(['timeline', '--format', 'json'], {workspace})).map((e) => e.actor)

  beforeAll(async () => {
    expect((await runCli(['incident', 'open', '--playbook', 'ransomware'], {workspace})).code).toBe(0)
  })

  it('falls back to the login name, and a command that records says once how to set a name', async () => {
    const who = await runJson<Who>(['whoami'], {env})
    expect(who).toEqual({actor: login, source: 'login', configFile: file, sources: {flag: null, env: null, config: null, login}, configProblem: null})
    const note = await runCli(['note', 'from the login name'], {workspace, env})
    expect(note.code).toBe(0)
    expect(note.stderr.match(/whoami --set/g)).toHaveLength(1)
    expect(note.stderr).toContain(`Recording as "${login}" (your login name). Say who you are once with: runbook whoami --set "Your Name"`)
    expect((await actorsOf()).at(-1)).toBe(login)
  })

  it('says it once per command however many times the command records', async () => {
    const {createContext} = await import('../../src/app/context.js')
    const {resolveIncident} = await import('../../src/app/incidents.js')
    const {noteEvent} = await import('../../src/core/incident/actions.js')
    const {bufferIO} = await import('../../src/ui/io.js')
    const io = bufferIO()
    const ctx = createContext({workspaceFlag: workspace, io, env: {...process.env, ...env, RUNBOOK_ACTOR: ''}})
    const session = await resolveIncident(ctx)
    await session.record(noteEvent(session.state, 'one', undefined, session.who()))
    await session.record(noteEvent(session.state, 'two', undefined, session.who()))
    expect(io.err().match(/your login name/g)).toHaveLength(1)
  })

  it('keeps a name set with --set in a private config file, and records it from then on', async () => {
    const set = await runCli(['whoami', '--set', '  Anna Weber '], {env})
    expect(set.code).toBe(0)
    expect(set.stdout).toBe(`Saved: you are recorded as Anna Weber from now on (kept in ${file}).\n`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(home, 'config', 'runbook')).mode & 0o777).toBe(0o700)
    expect(readFileSync(file, 'utf8')).toMatch(/\nactor: Anna Weber\n$/)
    expect(await runJson<Who>(['whoami'], {env})).toMatchObject({actor: 'Anna Weber', source: 'config', sources: {config: 'Anna Weber', login}})
    const note = await runCli(['note', 'as Anna'], {workspace, env})
    expect(note.stderr).toBe('')
    expect((await actorsOf()).at(-1)).toBe('Anna Weber')
  })

  it('ranks --as over RUNBOOK_ACTOR over the config file over the login name', async () => {
    const both = {...env, RUNBOOK_ACTOR: 'Ben Ode'}
    expect(await runJson<Who>(['whoami'], {env: both})).toMatchObject({actor: 'Ben Ode', source: 'env', sources: {env: 'Ben Ode', config: 'Anna Weber'}})
    expect(await runJson<Who>(['whoami', '--as', 'Cy Ng'], {env: both})).toMatchObject({
      actor: 'Cy Ng',
      source: 'flag',
      sources: {flag: 'Cy Ng', env: 'Ben Ode'},
    })
    await runCli(['note', 'env wins over the config'], {workspace, env: both})
    await runCli(['note', 'the flag wins over all', '--as', 'Cy Ng'], {workspace, env: both})
    expect((await actorsOf()).slice(-2)).toEqual(['Ben Ode', 'Cy Ng'])
    const text = (await runCli(['whoami'], {env: both})).stdout
    expect(text).toContain('Ben Ode\nRecorded as this because of RUNBOOK_ACTOR.')
    expect(text).toContain(`  config file    Anna Weber ${file}`)
    const shadowed = await runCli(['whoami', '--set', 'Anna W.'], {env: both})
    expect(shadowed.stdout).toContain('But here RUNBOOK_ACTOR still wins: recorded as Ben Ode.')
  })

  it('reads a hand-edited file afresh, keeping its comments when --set rewrites it', async () => {
    writeFileSync(file, '# my settings\nactor: Carla Diaz # changed by hand\n')
    expect((await runJson<Who>(['whoami'], {env})).actor).toBe('Carla Diaz')
    expect((await runCli(['whoami', '--set', 'Anna Weber'], {env})).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe('# my settings\nactor: Anna Weber # changed by hand\n')
  })

  it('stops with the path and line of a config file that does not parse, unless a stronger source decides', async () => {
    const broken = tempDir()
    const brokenEnv = {RUNBOOK_ACTOR: undefined, XDG_CONFIG_HOME: broken, XDG_CACHE_HOME: join(broken, 'cache')}
    const path = join(broken, 'runbook', 'config.yaml')
    mkdirSync(join(broken, 'runbook'))
    writeFileSync(path, 'actor: [Anna Weber\n')
    const note = await runCli(['note', 'who am I?'], {workspace, env: brokenEnv})
    expect(note.code).toBe(2)
    expect(note.stderr).toMatch(new RegExp(`^Error: your runbook config is not valid:\\n${path.replace(/[.]/g, '\\.')}:\\d+:\\d+ YAML syntax: `))
    expect(note.stderr).not.toMatch(/\n\s+at /)
    const whoami = await runCli(['whoami', '--json'], {env: brokenEnv})
    expect(whoami.code).toBe(2)
    expect(JSON.parse(whoami.stdout).error.message).toContain(`${path}:`)
    const set = await runCli(['whoami', '--set', 'Anna'], {env: brokenEnv})
    expect(set.code).toBe(2)
    expect(set.stderr).toContain('so runbook left it as it is')
    expect(readFileSync(path, 'utf8')).toBe('actor: [Anna Weber\n')
    // RUNBOOK_ACTOR decides without the file: the note is recorded.
    expect((await runCli(['note', 'as Ben'], {workspace, env: {...brokenEnv, RUNBOOK_ACTOR: 'Ben Ode'}})).code).toBe(0)
    writeFileSync(path, 'actr: Anna\n')
    expect((await runCli(['whoami'], {env: brokenEnv})).stderr).toContain(`${path}:1:1 actr: unknown field "actr"; check its spelling or remove it`)
  })

  it('refuses a name that is empty or has control characters', async () => {
    const result = await runCli(['whoami', '--set', '  '], {env})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--set: expected your name as colleagues read it, e.g. "Anna Weber"')
    expect((await runCli(['whoami', '--set', 'Anna\u001b[2J'], {env})).stderr).toContain('without control characters')
  })
})
