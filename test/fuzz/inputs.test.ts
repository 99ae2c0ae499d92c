import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

/**
 * Bounded, seeded fuzzing of what people type and hand over: facts, ids, paths, times, CSV and YAML. Whatever the
 * input, runbook answers with a sentence: no stack trace, no errno code, no JavaScript error name, no hang, and an
 * exit code of 0, 1 or 2. The seed is printed with any failure so the input can be replayed.
 */
const SEED = Number(process.env.RUNBOOK_FUZZ_SEED ?? 20261130)
const PER_KIND = 180
const LEAKS =
  /\n\s+at |\b(TypeError|RangeError|ReferenceError|SyntaxError|AssertionError|ZodError)\b|\b(ENOENT|EACCES|EISDIR|ENOTDIR|ENAMETOOLONG|ELOOP|ENOSPC|EEXIST|EPERM|EINVAL|EBADF|ERR_[A-Z_]+)\b|\[object Object\]|undefined is not|Cannot read properties/

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = mulberry32(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const int = (max: number) => Math.floor(random() * max)

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\u001b[2J',
  '../',
  '..\\',
  '%2e%2e%2f',
  '\uFEFF',
  '\u202E',
  '😀',
  '日本語',
  'é',
  '\n',
  '\t',
  '"',
  "'",
  '`',
  '$(id)',
  '{{ 7*7 }}',
  '{% raw %}',
  '*',
  '-',
  '--',
  '=',
  ',',
  ';',
  '|',
  '<script>',
  '&amp;',
  'null',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '9'.repeat(40),
  'a'.repeat(300),
]

function nastyString(maxParts = 4): string {
  let text = ''
  for (let i = 0, n = 1 + int(maxParts); i < n; i++) text += random() < 0.6 ? pick(NASTY) : String.fromCharCode(32 + int(95))
  return text
}

function nastyTime(): string {
  const year = pick(['0000', '0001', '1969', '1970', '2026', '2199', '2200', '9999', '26', ''])
  const month = pick(['00', '01', '02', '12', '13', '1', ''])
  const day = pick(['00', '01', '29', '30', '31', '32', ''])
  const time = pick(['T00:00:00Z', 'T24:00', 'T23:59:60Z', 'T02:30', ' 02:30', 'T10:00+25:00', 'T10:00:00.000000001Z', '', 'T10'])
  return random() < 0.2 ? nastyString() : `${year}-${month}-${day}${time}`
}

function nastyCsv(): string {
  const header = random() < 0.8 ? 'id,name,email,address,language,channel,country,state,data_categories' : nastyString(6)
  const rows = Array.from({length: 1 + int(6)}, () =>
    Array.from({length: int(11)}, () =>
      random() < 0.5 ? pick(['A1', 'Ann Lee', 'ann@example.com', 'en', 'email', 'letter', 'US', 'CA', 'contact']) : nastyString(3),
    )
      .map((cell) => (random() < 0.3 ? `"${cell.replace(/"/g, '""')}"` : cell))
      .join(','),
  )
  return [header, ...rows].join(random() < 0.2 ? '\r\n' : '\n') + (random() < 0.5 ? '\n' : '')
}

function mutatedYaml(source: string): string {
  const lines = source.split('\n')
  for (let i = 0, n = 1 + int(5); i < n; i++) {
    const at = int(lines.length)
    const action = int(6)
    if (action === 0) lines.splice(at, 1)
    else if (action === 1) lines.splice(at, 0, nastyString(3))
    else if (action === 2) lines[at] = `${lines[at] ?? ''}${pick([':', ' &a', ' *a', ' [', ' {', ' !!binary', ' !!js/function', ' <<: *a', '\t'])}`
    else if (action === 3) lines[at] = (lines[at] ?? '').replace(/\S/, pick(['-', ':', '?', '#', '%', '@']))
    else if (action === 4) lines.splice(at, 0, `x${int(9)}: &a [${Array(9).fill('*a').join(', ')}]`)
    else lines[at] = (lines[at] ?? '').slice(0, int((lines[at] ?? '').length + 1))
  }
  return lines.join('\n')
}

describe(`fuzzed inputs (seed ${SEED})`, () => {
  let workspace: string
  let scratch: string
  beforeAll(async () => {
    workspace = tempDir()
    scratch = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), readFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml')))
    expect((await runCli(['incident', 'open', '--playbook', 'account-takeover'], {workspace})).code).toBe(0)
  })

  const tally = new Map<number, number>()
  // A fuzz run that only ever hits one early refusal proves little: each kind must see inputs accepted and refused.
  function expectBothOutcomes(): void {
    expect(tally.get(0) ?? 0, `no input was accepted (seed ${SEED})`).toBeGreaterThan(0)
    expect((tally.get(1) ?? 0) + (tally.get(2) ?? 0), `no input was refused (seed ${SEED})`).toBeGreaterThan(0)
    tally.clear()
  }

  async function check(args: string[]): Promise<void> {
    const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref())
    // From inside the scratch folder: a fuzzed id such as "-o{{ 7*7 }}" is a real --out flag with a relative path.
    const result = await Promise.race([runCli(args, {workspace, cwd: scratch}), timeout])
    const shown = JSON.stringify(args).slice(0, 300)
    expect(result, `hung: ${shown} (seed ${SEED})`).not.toBe('hung')
    if (result === 'hung') return
    const code = result.code ?? -1
    tally.set(code, (tally.get(code) ?? 0) + 1)
    expect([0, 1, 2], `exit ${code}: ${shown} (seed ${SEED})\n${result.stderr}`).toContain(code)
    expect(`${result.stdout}\n${result.stderr}`, `leak for ${shown} (seed ${SEED})`).not.toMatch(LEAKS)
  }

  it(`facts, times and ids: ${PER_KIND * 3} inputs`, async () => {
    const keys = ['summary', 'aware_at', 'affected.total', 'affected.US-CA', 'data_categories', 'risk', 'encrypted', 'summary.ja', 'monitoring_months']
    for (let i = 0; i < PER_KIND; i++) {
      const key = random() < 0.7 ? pick(keys) : nastyString(2)
      const value = key.endsWith('_at') || random() < 0.2 ? nastyTime() : nastyString()
      await check(['fact', 'set', key, value, ...(random() < 0.3 ? ['--force'] : [])])
    }
    for (let i = 0; i < PER_KIND; i++) await check(['note', `fuzz ${i}`, '--at', nastyTime()])
    for (let i = 0; i < PER_KIND; i++) {
      const id = nastyString(3)
      await check(
        pick([
          ['status', id],
          ['verify', id],
          ['timeline', id],
          ['note', 'x', '--incident', id],
          ['deadlines', '--incident', id],
        ]),
      )
    }
    expectBothOutcomes()
  }, 600_000)

  it(`paths: ${PER_KIND} inputs`, async () => {
    // Written paths stay inside the scratch folder (this suite may run as root: a system file must never be a
    // target); read paths may also name devices and system files, which must be refused or read without harm.
    const writable = [scratch, join(scratch, 'x'.repeat(300)), join(scratch, 'a/b/c'), join(scratch, 'dir'), join(scratch, 'file.txt')]
    const readable = ['/dev/null', '/dev/zero', '/dev/urandom', '/proc/self/status', '/', '/etc/hostname', ...writable]
    mkdirSync(join(scratch, 'dir'), {recursive: true})
    writeFileSync(join(scratch, 'file.txt'), 'x')
    const under = (bases: string[]) => (random() < 0.6 ? join(pick(bases), nastyString(2).replace(/\.\.+/g, '.')) : pick(bases))
    for (let i = 0; i < PER_KIND; i++) {
      const written = under(writable)
      expect(written.startsWith(scratch), written).toBe(true)
      const read = under(readable)
      const args = pick([
        ['timeline', '--format', 'csv', '--out', written],
        ['deadlines', '--ics', written],
        ['receipt', '--out', written],
        ['playbook', 'validate', read],
        ['regulation', 'validate', read],
        ['notice', 'lint', read],
        ['notify', 'customers', '--recipients', read, '--dry-run'],
        ['verify', '--receipt', read],
      ])
      await check(args)
    }
    expectBothOutcomes()
  }, 600_000)

  it(`recipients CSV files: ${PER_KIND} inputs`, async () => {
    for (let i = 0; i < PER_KIND; i++) {
      const file = join(scratch, `r${i}.csv`)
      writeFileSync(file, nastyCsv())
      await check(['notify', 'customers', '--recipients', file, '--dry-run'])
    }
    expectBothOutcomes()
  }, 600_000)

  it(`YAML content files: ${PER_KIND * 2} inputs`, async () => {
    const playbook = readFileSync(join(ROOT, 'playbooks', 'lost-device.yaml'), 'utf8')
    const regulation = readFileSync(join(ROOT, 'regulations', 'gdpr.yaml'), 'utf8')
    mkdirSync(join(scratch, 'yaml'), {recursive: true})
    for (let i = 0; i < PER_KIND; i++) {
      const file = join(scratch, 'yaml', `p${i}.yaml`)
      writeFileSync(file, mutatedYaml(playbook))
      await check(['playbook', 'validate', file])
    }
    for (let i = 0; i < PER_KIND; i++) {
      const file = join(scratch, 'yaml', `r${i}.yaml`)
      writeFileSync(file, mutatedYaml(regulation))
      await check(['regulation', 'validate', file])
    }
    expectBothOutcomes()
  }, 600_000)
})
