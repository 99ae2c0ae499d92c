import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli, tempDir} from '../helpers/cli.js'

const READING_COMMANDS = [
  ['verify', 'nosuch'],
  ['status'],
  ['incident', 'list'],
  ['deadlines'],
  ['timeline'],
  ['playbook', 'list'],
  ['regulation', 'list'],
  ['fact', 'list'],
  ['readiness'],
]

describe('hardening', () => {
  it('a pipe in place of runbook.yaml is refused with a message, not read for ever (every reader of it)', () => {
    const workspace = tempDir()
    mkdirSync(join(workspace, 'playbooks'))
    // A workspace playbook makes the listing read the organisation's own facts from runbook.yaml too.
    writeFileSync(join(workspace, 'playbooks', 'mine.yaml'), readFileSync(join(ROOT, 'playbooks', 'triage.yaml'), 'utf8').replace(/^id: .*$/m, 'id: mine'))
    execFileSync('mkfifo', [join(workspace, 'runbook.yaml')])
    for (const args of [['status'], ['playbook', 'list']]) {
      const run = spawnSync(process.execPath, [BIN, ...args], {env: {...process.env, RUNBOOK_WORKSPACE: workspace}, encoding: 'utf8', timeout: 15_000})
      expect(run.status).toBe(2)
      expect(run.stderr).toContain(`${join(workspace, 'runbook.yaml')} is not a regular file`)
    }
  })

  it('commands that only read never create a workspace as a side effect', async () => {
    for (const args of READING_COMMANDS) {
      const workspace = join(tempDir(), 'not-yet')
      await runCli(args, {workspace})
      expect(existsSync(workspace), args.join(' ')).toBe(false)
    }
    const workspace = join(tempDir(), 'fresh')
    const opened = await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})
    expect(opened.code).toBe(0)
    expect(opened.stderr).toContain(`Created a new runbook workspace at ${workspace}`)
    expect(statSync(workspace).mode & 0o777).toBe(0o700)
  })

  it('an incident id that climbs out of the workspace is refused before it touches a path', async () => {
    const root = tempDir()
    const workspace = join(root, 'ws')
    expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).code).toBe(0)
    writeFileSync(join(root, 'events.jsonl'), '')
    for (const args of [
      ['note', 'x', '--incident', '../..'],
      ['note', 'x', '--incident', '../../ws/incidents/x'],
      ['verify', '../events'],
      ['status', '..%2F..'],
      ['timeline', '/etc'],
    ]) {
      const result = await runCli(args, {workspace})
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/is not an incident id/)
    }
    expect(readFileSync(join(root, 'events.jsonl'), 'utf8')).toBe('')
  })

  it('a kill at any moment of `incident open` leaves nothing or a whole incident, never an empty log (20 runs)', async () => {
    // Kills are spread over the time a whole open takes on this machine, now (it varies with the load).
    const started = Date.now()
    const timing = tempDir()
    expect(spawnSync(process.execPath, [BIN, 'incident', 'open', '--playbook', 'lost-device'], {env: {...process.env, RUNBOOK_WORKSPACE: timing}}).status).toBe(
      0,
    )
    const wholeRunMs = Date.now() - started
    let whole = 0
    for (let run = 0; run < 20; run++) {
      const workspace = tempDir()
      writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Acme\n  timezone: UTC\n')
      const child = spawn(process.execPath, [BIN, 'incident', 'open', '--playbook', 'lost-device'], {
        env: {...process.env, RUNBOOK_WORKSPACE: workspace, RUNBOOK_ACTOR: 'tester'},
        stdio: 'ignore',
      })
      const exited = new Promise((resolve) => child.on('exit', resolve))
      // Start-up takes most of a run; the kills spread evenly over it and over the writing at its end (30% to 106% of
      // a whole run). A run that ends before its kill is not waited for.
      let timer: NodeJS.Timeout | undefined
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, wholeRunMs * (0.3 + run * 0.04))))])
      clearTimeout(timer)
      child.kill('SIGKILL')
      await exited
      const incidents = join(workspace, 'incidents')
      const ids = existsSync(incidents) ? readdirSync(incidents).filter((name) => !name.startsWith('.')) : []
      for (const id of ids) {
        const log = join(incidents, id, 'events.jsonl')
        expect(existsSync(log) && statSync(log).size > 0, `run ${run}: ${id} has no events`).toBe(true)
        whole++
      }
      const listed = await runCli(['incident', 'list', '--json'], {workspace})
      expect(listed.code).toBe(0)
      expect(JSON.parse(listed.stdout).damaged ?? []).toEqual([])
    }
    // Some kills must have interrupted an open, or the test proved nothing.
    expect(whole).toBeLessThan(20)
  }, 120_000)

  it('a workspace playbook that overrides a built-in and does not validate stops the open, naming the file and line', async () => {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Acme\n  timezone: UTC\n')
    mkdirSync(join(workspace, 'playbooks'))
    const own = readFileSync(join(ROOT, 'playbooks', 'lost-device.yaml'), 'utf8').replace(/^title:/m, 'titel:')
    writeFileSync(join(workspace, 'playbooks', 'lost-device.yaml'), own)
    const opened = await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})
    expect(opened.code).toBe(2)
    expect(opened.stderr).toMatch(/playbook "lost-device" in .*playbooks\/lost-device\.yaml does not validate/)
    expect(opened.stderr).toMatch(/lost-device\.yaml:\d+/)
    expect(existsSync(join(workspace, 'incidents')) ? readdirSync(join(workspace, 'incidents')) : []).toEqual([])
    const listed = await runCli(['playbook', 'list'], {workspace})
    expect(listed.stderr).toMatch(/playbook "lost-device" cannot be walked until it is fixed \(the built-in one is not used/)
    expect(listed.stdout).not.toMatch(/^lost-device /m)
  })

  it('a workspace regulation that does not validate is named by status and deadlines, not dropped in silence', async () => {
    const workspace = tempDir()
    expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).code).toBe(0)
    mkdirSync(join(workspace, 'regulations'))
    writeFileSync(join(workspace, 'regulations', 'contract.yaml'), 'id: acme-contract\ntitle: Our customer contract\nobligations: 3\n')
    const gdpr = readFileSync(join(ROOT, 'regulations', 'gdpr.yaml'), 'utf8').replace(/^source:/m, 'sourse:')
    writeFileSync(join(workspace, 'regulations', 'eu-gdpr-own.yaml'), gdpr)
    for (const args of [['status'], ['deadlines']]) {
      const result = await runCli(args, {workspace})
      expect(result.code, args[0]).toBe(0)
      expect(result.stderr).toMatch(/Skipped .*contract\.yaml: it does not validate, so its deadlines are not shown/)
      expect(result.stderr).toMatch(/Skipped .*eu-gdpr-own\.yaml: it does not validate, so the built-in gdpr is used in its place/)
    }
  })

  it('endless inputs (/dev/zero, /dev/urandom, a pipe) and folders are refused before a byte is read', async () => {
    const workspace = tempDir()
    for (const args of [
      ['playbook', 'validate', '/dev/zero'],
      ['regulation', 'validate', '/dev/urandom'],
      ['notice', 'lint', '/dev/zero'],
    ]) {
      const result = spawnSync(process.execPath, [BIN, ...args], {env: {...process.env, RUNBOOK_WORKSPACE: workspace}, encoding: 'utf8', timeout: 20_000})
      expect(result.signal, `${args.join(' ')} hung`).toBeNull()
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/is not a regular file \(a device, a pipe or a socket\)/)
    }
    const folder = await runCli(['playbook', 'validate', tempDir()], {workspace})
    expect(folder.code).toBe(2)
    expect(folder.stderr).toMatch(/is a folder, not a playbook or scenario file/)
  })

  it('a YAML alias bomb in a workspace playbook is named with its file and breaks nothing else', async () => {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Acme\n  timezone: UTC\n')
    mkdirSync(join(workspace, 'playbooks'))
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h'].entries()) {
      const previous = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
    }
    writeFileSync(join(workspace, 'playbooks', 'bomb.yaml'), `id: bomb\n${levels.join('\n')}\n`)
    const validated = await runCli(['playbook', 'validate', join(workspace, 'playbooks', 'bomb.yaml')], {workspace})
    expect(validated.code).toBe(2)
    expect(validated.stdout + validated.stderr).toMatch(/bomb\.yaml:1:1 YAML aliases: the file expands its anchors/)
    expect(validated.stdout + validated.stderr).not.toMatch(/ReferenceError|Excessive alias/)
    const opened = await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})
    expect(opened.code, opened.stderr).toBe(0)
  })

  it('a runbook.yaml that is a folder, and a path through a file, get one plain sentence, no errno', async () => {
    const workspace = tempDir()
    mkdirSync(join(workspace, 'runbook.yaml'))
    const result = await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${join(workspace, 'runbook.yaml')} is a folder, not a settings file`)
    const file = join(tempDir(), 'plain-file')
    writeFileSync(file, '')
    const through = await runCli(['timeline', '--format', 'csv', '--out', join(file, 'x.csv')], {workspace: tempDir()})
    expect(through.stderr).not.toMatch(/E[A-Z]{3,}|\n\s+at |TypeError|RangeError/)
  })
})
