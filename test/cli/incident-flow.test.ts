import Papa from 'papaparse'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

describe('an incident recorded without prompts', () => {
  let workspace: string
  let id: string

  beforeAll(async () => {
    workspace = tempDir()
    const opened = await runCli(
      ['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28 21:40', '--tz', 'Europe/Berlin', '--title', 'Encrypted file servers'],
      {workspace},
    )
    expect(opened.code).toBe(0)
    id = opened.stdout.trim()
  })

  it('opens with a readable id and private files', async () => {
    expect(id).toMatch(/^\d{8}-ransomware-[0-9a-f]{4}$/)
    const dir = join(workspace, 'incidents', id)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'events.jsonl')).mode & 0o777).toBe(0o600)
  })

  it('records steps, facts and notes, and status reflects them', async () => {
    expect(
      (await runCli(['step', 'done', 'declare-incident', '--note', 'bridge open', '--at', '2026-03-28T21:55+01:00', '--as', 'alice'], {workspace})).code,
    ).toBe(0)
    expect((await runCli(['step', 'skip', 'ransom-decision', '--reason', 'no demand'], {workspace})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'affected.US-CA', '1,240'], {workspace})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'data_categories', 'contact,financial'], {workspace})).code).toBe(0)
    expect((await runCli(['note', 'spreadsheet bait', '--as', '=HYPERLINK("http://evil")'], {workspace})).code).toBe(0)
    const status = await runJson<{phases: {phase: string; done: number}[]; next: {id: string}[]; startedAt: string}>(['status'], {workspace})
    expect(status.startedAt).toBe('2026-03-28T20:40:00.000Z')
    expect(status.phases.find((p) => p.phase === 'preparation')?.done).toBe(1)
    // The most urgent open steps: isolation (15 min), the backups (45 min), then staff told (1 h, first by phase).
    expect(status.next.map((n) => n.id)).toEqual(['isolate-systems', 'protect-backups', 'brief-staff'])
    const facts = await runJson<{key: string; value: unknown; setBy: string}[]>(['fact', 'list'], {workspace})
    expect(facts).toContainEqual(expect.objectContaining({key: 'affected.US-CA', value: 1240, setBy: 'tester'}))
  })

  it('exports the timeline as stored JSON, Timesketch JSONL and formula-safe CSV', async () => {
    const json = JSON.parse((await runCli(['timeline', '--format', 'json'], {workspace})).stdout)
    expect(json[0]).toEqual(expect.objectContaining({seq: 1, type: 'incident.opened', prevHash: '0'.repeat(64)}))
    expect(Object.keys(json[0]).sort()).toEqual(['actor', 'hash', 'id', 'payload', 'prevHash', 'recordedAt', 'seq', 'type'])
    const lines = (await runCli(['timeline', '--format', 'timesketch'], {workspace})).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(json.length)
    for (const line of lines) {
      expect(line).toEqual(expect.objectContaining({message: expect.any(String), datetime: expect.stringMatching(/Z$/), timestamp_desc: expect.any(String)}))
      expect(line.timestamp).toBe(Date.parse(line.datetime) * 1000)
    }
    const done = lines.find((l) => l.timestamp_desc === 'Step completed')
    expect(done.datetime).toBe('2026-03-28T20:55:00.000Z')
    const csv = (await runCli(['timeline', '--format', 'csv'], {workspace})).stdout
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
    const md = (await runCli(['timeline', '--format', 'md'], {workspace})).stdout
    expect(md).toContain('| 3 | 2026-03-28 21:55:00 +01:00 (reported) | alice | Step done: declare-incident')
  })

  it("shows a name's or a value's control characters as escapes in the timeline and the echo, never obeys them", async () => {
    expect((await runCli(['note', 'x', '--as', 'eve\u001b[2J'], {workspace})).code).toBe(0)
    const echoed = await runCli(['fact', 'set', 'summary', 'a\u001b]0;pwned\u0007b'], {workspace})
    // The name cleared the screen of whoever read the timeline; the echo set the terminal's title.
    expect(echoed.stdout).toContain('summary = a\\x1b]0;pwned\\x07b')
    const text = (await runCli(['timeline', '--format', 'text'], {workspace})).stdout
    expect(text).toContain('eve\\x1b[2J')
    const md = (await runCli(['timeline', '--format', 'md'], {workspace})).stdout
    expect(md).toContain('eve\\\\x1b\\[2J')
    for (const out of [text, md]) expect(out).not.toContain('\u001b')
  })

  it('quotes a CSV cell holding a bare line break, so a pasted "=..." line never starts a row of its own', async () => {
    expect((await runCli(['note', 'pasted from chat:\n=2+5'], {workspace})).code).toBe(0)
    const csv = (await runCli(['timeline', '--format', 'csv'], {workspace})).stdout
    // Spreadsheets end a row at an unquoted LF: the cell was left unquoted (csv-stringify quotes for CRLF only).
    expect(csv).toContain('"Note: pasted from chat:\n=2+5"')
    // Read as a spreadsheet reads it (a bare LF ends a row unless quoted): no row starts with the pasted formula.
    const rows = Papa.parse<string[]>(csv.replace(/\r\n/g, '\n'), {newline: '\n'}).data
    expect(rows.filter((row) => row[0]?.startsWith('='))).toEqual([])
    expect(rows.some((row) => row.includes('Note: pasted from chat:\n=2+5'))).toBe(true)
  })

  it('writes the timeline to a private file with --out', async () => {
    const out = join(tempDir(), 'timeline.md')
    expect((await runCli(['timeline', '--format', 'md', '--out', out], {workspace})).code).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toContain('# Timeline: Encrypted file servers')
  })

  it('verify passes, then fails naming the first edited line', async () => {
    expect((await runJson<{ok: boolean}>(['verify'], {workspace})).ok).toBe(true)
    const file = join(workspace, 'incidents', id, 'events.jsonl')
    const lines = readFileSync(file, 'utf8').split('\n')
    const edited = lines.findIndex((l) => l.includes('bridge open'))
    expect(edited).toBe(2)
    lines[edited] = lines[edited]!.replace('bridge open', 'bridge opened')
    writeFileSync(file, lines.join('\n'))
    const result = await runCli(['verify', id], {workspace})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('events.jsonl:3')
    expect(result.stderr).toContain('edited')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('bad input', () => {
  const workspace = tempDir()

  it('exits 2 with the valid ids for an unknown playbook', async () => {
    const result = await runCli(['incident', 'open', '--playbook', 'ransomwear'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown playbook "ransomwear"')
    expect(result.stderr).toContain('ransomware')
  })

  it('exits 2 on an unknown flag', async () => {
    expect((await runCli(['status', '--bogus'], {workspace})).code).toBe(2)
  })

  it('exits 2 with the valid values for a bad fact, and records nothing', async () => {
    await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})
    const before = (await runJson<unknown[]>(['timeline'], {workspace})).length
    const result = await runCli(['fact', 'set', 'data_categories', 'contact,helth'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('health')
    expect((await runJson<unknown[]>(['timeline'], {workspace})).length).toBe(before)
  })

  it('never prompts without a terminal: incident run exits 2 and names the flags', async () => {
    const result = await runCli(['incident', 'run'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('runbook step done')
    expect((await runCli(['start', 'ransomware'], {workspace})).code).toBe(2)
  })

  it('lists the open incidents when more than one could be meant', async () => {
    await runCli(['incident', 'open', '--playbook', 'vendor-breach'], {workspace})
    const result = await runCli(['step', 'done', 'take-report'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/2 incidents are open/)
    expect(result.stderr).toMatch(/lost-device/)
    expect(result.stderr).toMatch(/vendor-breach/)
  })

  it('prints errors as JSON with --json', async () => {
    const result = await runCli(['status', 'nope', '--json'], {workspace})
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout).error.message).toContain('unknown incident "nope"')
  })
})

describe('a torn write', () => {
  it('is reported by verify and repaired with --yes, keeping every complete event', async () => {
    const workspace = tempDir()
    const id = (await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).stdout.trim()
    await runCli(['note', 'complete event'], {workspace})
    const file = join(workspace, 'incidents', id, 'events.jsonl')
    writeFileSync(file, readFileSync(file, 'utf8') + '{"seq":3,"typ', {flag: 'w'})
    const verify = await runCli(['verify'], {workspace})
    expect(verify.code).toBe(1)
    expect(verify.stderr).toContain('incomplete last line')
    expect((await runCli(['note', 'refused'], {workspace})).code).toBe(1)
    expect((await runCli(['incident', 'repair', id], {workspace})).code).toBe(2)
    const repair = await runCli(['incident', 'repair', id, '--yes'], {workspace})
    expect(repair.code).toBe(0)
    expect(repair.stdout).toContain('.torn-')
    expect(await runJson<{ok: boolean; events: number}>(['verify'], {workspace})).toMatchObject({ok: true, events: 2})
  })
})

describe('help', () => {
  it('shows examples for every command', async () => {
    const commands = ['start', 'status', 'timeline', 'verify', 'note', 'incident open', 'incident run', 'step done', 'fact set', 'playbook validate']
    for (const command of commands) {
      const result = await runCli([...command.split(' '), '--help'])
      expect(result.code, command).toBe(0)
      expect(result.stdout, command).toContain('EXAMPLES')
    }
  })
})
