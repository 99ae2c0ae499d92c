import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {appendFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

interface Item {
  id: string
  name: string
  sha256: string
  bytes: number
  description?: string
  source?: string
  custodian: string
  custody: {from?: string; to: string; reason?: string; actor: string}[]
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

// Content that must never reach the log: a line a memory image or a log export could hold.
const SECRET = 'password=Winter2026! for svc-backup on DC01'
const SIZE = 3 * 1024 * 1024 + 17 + Buffer.byteLength(SECRET)
const GROUPED = SIZE.toLocaleString('en-US')

describe('the evidence register', () => {
  let workspace: string
  let files: string
  let log: () => string
  let image: string

  beforeAll(async () => {
    workspace = tempDir()
    files = tempDir('runbook-evidence-')
    const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28 21:40', '--tz', 'Europe/Berlin'], {workspace})
    expect(opened.code).toBe(0)
    const id = opened.stdout.trim()
    log = () => readFileSync(join(workspace, 'incidents', id, 'events.jsonl'), 'utf8')
    image = join(files, 'dc01-memory.raw')
    // Larger than one read chunk (1 MiB), so the streamed hash must join chunks right.
    writeFileSync(image, Buffer.concat([Buffer.alloc(SIZE - Buffer.byteLength(SECRET), 7), Buffer.from(SECRET)]))
  })

  it('registers a file by its SHA-256, size, source and custodian, and nothing of its content enters the log', async () => {
    const added = await runJson<{item: Item; sameAs: string[]}>(
      ['evidence', 'add', image, '--desc', 'Memory image of DC01', '--source', 'DC01, 10.0.4.2', '--custodian', 'alice'],
      {workspace},
    )
    const bytes = readFileSync(image)
    expect(added.item).toMatchObject({
      id: expect.stringMatching(/^EV-\d+$/),
      name: 'dc01-memory.raw',
      sha256: sha256(bytes),
      bytes: bytes.length,
      description: 'Memory image of DC01',
      source: 'DC01, 10.0.4.2',
      custodian: 'alice',
    })
    expect(added.sameAs).toEqual([])
    const text = log()
    expect(text).toContain(sha256(bytes))
    expect(text).not.toContain('Winter2026')
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 24))
    expect(text).not.toContain(Buffer.from(SECRET).toString('hex').slice(0, 32))
    // Not the folder it was read from either: the name is what identifies it in the register.
    expect(text).not.toContain(files)
  })

  it('records the chain of custody, by the id or its number', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const number = item!.id.slice('EV-'.length)
    const first = await runCli(['evidence', 'transfer', item!.id, '--to', 'Kroll, case 2291', '--reason', 'forensic analysis', '--as', 'alice'], {workspace})
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(new RegExp(`${item!.id} passed from alice to Kroll, case 2291`))
    expect((await runCli(['evidence', 'transfer', number, '--to', 'FBI Boston, SA Ruiz'], {workspace})).code).toBe(0)
    const listed = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items[0]!
    expect(listed.custodian).toBe('FBI Boston, SA Ruiz')
    expect(listed.custody).toEqual([
      expect.objectContaining({to: 'alice', actor: 'tester'}),
      expect.objectContaining({from: 'alice', to: 'Kroll, case 2291', reason: 'forensic analysis', actor: 'alice'}),
      expect.objectContaining({from: 'Kroll, case 2291', to: 'FBI Boston, SA Ruiz', actor: 'tester'}),
    ])
    const text = (await runCli(['evidence', 'list'], {workspace})).stdout
    expect(text).toContain(`${item!.id}  dc01-memory.raw  ${GROUPED} bytes  held by FBI Boston, SA Ruiz`)
    expect(text).toContain('alice -> Kroll, case 2291: forensic analysis (recorded by alice)')
  })

  it('refuses a transfer to whoever holds the item already, and names the ids there are for an unknown one', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const same = await runCli(['evidence', 'transfer', item!.id, '--to', 'FBI Boston, SA Ruiz'], {workspace})
    expect(same.code).toBe(2)
    expect(same.stderr).toContain(`${item!.id} is already held by FBI Boston, SA Ruiz`)
    const unknown = await runCli(['evidence', 'transfer', 'EV-9999', '--to', 'bob'], {workspace})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('has no evidence item "EV-9999"')
    expect(unknown.stderr).toContain(`Registered: ${item!.id}`)
  })

  it('refuses a hand-over dated before the holder received the item: the chain would not stand up', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const early = await runCli(['evidence', 'transfer', item!.id, '--to', 'Ann', '--at', '2026-01-02 10:00'], {workspace})
    // It was recorded: FBI Boston handed the item on months before it received it.
    expect(early.code).toBe(2)
    expect(early.stderr).toContain(`is before FBI Boston, SA Ruiz received ${item!.id}`)
    expect((await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items[0]!.custodian).toBe('FBI Boston, SA Ruiz')
  })

  it('verify names the registered item a file is', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const copy = join(tempDir(), 'copy-from-usb.raw')
    writeFileSync(copy, readFileSync(image))
    const result = await runCli(['evidence', 'verify', copy], {workspace})
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`ok: copy-from-usb.raw is ${item!.id} (dc01-memory.raw, held by FBI Boston, SA Ruiz)`)
    const json = await runJson<{matches: Item[]; file: {sha256: string}}>(['evidence', 'verify', copy], {workspace})
    expect(json.matches.map((m) => m.id)).toEqual([item!.id])
  })

  it('verify fails on a tampered file, saying that nothing matches and which item had its name', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const tampered = join(tempDir(), 'dc01-memory.raw')
    writeFileSync(tampered, readFileSync(image))
    appendFileSync(tampered, 'x')
    const result = await runCli(['evidence', 'verify', tampered], {workspace})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('matches no evidence registered')
    expect(result.stderr).toContain(`${item!.id} has the same name but was registered with SHA-256 ${item!.sha256}`)
    const json = await runCli(['evidence', 'verify', tampered, '--json'], {workspace})
    expect(json.code).toBe(1)
    const body = JSON.parse(json.stdout)
    expect(body).toMatchObject({matches: [], file: {sha256: sha256(readFileSync(tampered))}, error: {exitCode: 1}})
  })

  it('says when the same bytes are registered again', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const again = join(tempDir(), 'dc01-memory-second-copy.raw')
    writeFileSync(again, readFileSync(image))
    const result = await runCli(['evidence', 'add', again, '--source', 'the USB drive handed over by IT'], {workspace})
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`The same bytes are already registered as ${item!.id}.`)
  })

  it('refuses a FIFO without waiting for a writer, a folder and a device, with what to do instead', async () => {
    const fifo = join(tempDir(), 'pipe')
    execFileSync('mkfifo', [fifo])
    const before = log()
    const piped = await runCli(['evidence', 'add', fifo], {workspace})
    expect(piped.code).toBe(2)
    expect(piped.stderr).toContain(`${fifo} is a FIFO (named pipe), not a file`)
    expect(piped.stderr).toContain('Write what comes through the pipe to a file first')
    const folder = join(tempDir(), 'exports')
    mkdirSync(folder)
    const dir = await runCli(['evidence', 'add', folder], {workspace})
    expect(dir.code).toBe(2)
    expect(dir.stderr).toContain(`${folder} is a folder, not a file`)
    const device = await runCli(['evidence', 'add', '/dev/null'], {workspace})
    expect(device.code).toBe(2)
    expect(device.stderr).toContain('/dev/null is a device, not a file')
    const missing = await runCli(['evidence', 'add', join(folder, 'nope.raw')], {workspace})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file')
    for (const result of [piped, dir, device, missing]) expect(result.stderr).not.toMatch(/ENOENT|EISDIR|at .*\.ts:\d+/)
    expect(log()).toBe(before)
  })

  it('shows in the timeline exports and the after-action report', async () => {
    const [item] = (await runJson<{items: Item[]}>(['evidence', 'list'], {workspace})).items
    const text = (await runCli(['timeline'], {workspace})).stdout
    expect(text).toContain(
      `Evidence ${item!.id} registered: dc01-memory.raw (Memory image of DC01), ${GROUPED} bytes, sha256 ${item!.sha256}, from DC01, 10.0.4.2; held by alice`,
    )
    expect(text).toContain(`Evidence ${item!.id} passed from alice to Kroll, case 2291: forensic analysis`)
    const sketch = (await runCli(['timeline', '--format', 'timesketch'], {workspace})).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as {timestamp_desc: string; event_type: string})
    expect(sketch.filter((l) => l.event_type.startsWith('evidence.')).map((l) => l.timestamp_desc)).toEqual([
      'Evidence registered',
      'Evidence custody transferred',
      'Evidence custody transferred',
      'Evidence registered',
    ])
    const csv = (await runCli(['timeline', '--format', 'csv'], {workspace})).stdout
    expect(csv).toContain('evidence.transferred')
    const report = (await runCli(['report', 'after-action'], {workspace})).stdout
    expect(report).toContain('## 8. Evidence register')
    expect(report).toContain(`| ${item!.id} | dc01-memory.raw: Memory image of DC01 | DC01, 10.0.4.2 | ${SIZE} | \`${item!.sha256}\` | FBI Boston, SA Ruiz |`)
    expect(report).toMatch(new RegExp(`\\| ${item!.id} \\| [^|]+ \\| alice \\| Kroll, case 2291 \\| forensic analysis \\| alice \\|`))
    const json = await runJson<{evidence: {id: string; custody: unknown[]}[]}>(['report', 'after-action'], {workspace})
    expect(json.evidence.map((e) => [e.id, e.custody.length])).toEqual([
      [item!.id, 3],
      [expect.stringMatching(/^EV-\d+$/), 1],
    ])
  })

  it('says so in the after-action report when nothing was registered', async () => {
    const empty = tempDir()
    expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace: empty})).code).toBe(0)
    const report = (await runCli(['report', 'after-action'], {workspace: empty})).stdout
    expect(report).toContain('No evidence was registered in this incident')
    expect((await runCli(['evidence', 'list'], {workspace: empty})).stdout).toContain('No evidence registered yet.')
  })
})
