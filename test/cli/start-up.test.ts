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

  // The first Intl formatter or collator of a process costs ~12 ms (V8 checks ICU's data for every locale), more than
  // the rest of a status: reading the wall clock of a regulation's zone (src/core/time/zone.ts) and sorting ids
  // (src/core/order.ts) need neither. Names of countries in a brief, or dates in a notice, still use Intl.
  it('status, as text and --json, and deadlines --json set up no Intl formatter or collator, clocks running in Berlin', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Start-up', '--tz', 'Europe/Berlin'], {workspace})
    for (const [key, value] of [
      ['aware_at', '2026-03-27 09:00'],
      ['affected.DE', '1200'],
      ['affected.US-CA', '300'],
      ['affected.JP', '40'],
      ['affected.AU', '25'],
      ['data_categories', 'contact,ssn'],
    ])
      expect((await runCli(['fact', 'set', key!, value!], {workspace})).code).toBe(0)
    const dir = tempDir()
    const preload = join(dir, 'intl.cjs')
    const out = join(dir, 'intl.json')
    writeFileSync(
      preload,
      `const used = []
for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'DisplayNames', 'Segmenter']) {
  const Original = Intl[name]
  Intl[name] = new Proxy(Original, {construct: (target, args) => (used.push(name), Reflect.construct(target, args)), apply: (target, self, args) => (used.push(name), Reflect.apply(target, self, args))})
}
const compare = String.prototype.localeCompare
String.prototype.localeCompare = function (...args) { used.push('localeCompare'); return compare.apply(this, args) }
process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(used)))
`,
    )
    for (const args of [['status', '--json'], ['status'], ['deadlines', '--json']]) {
      const run = spawnCli(args, {workspace, env: {NODE_OPTIONS: `--require ${preload}`, NODE_ENV: undefined}})
      expect(run.code, args.join(' ')).toBe(0)
      expect(JSON.parse(readFileSync(out, 'utf8')), args.join(' ')).toEqual([])
    }
    // The clocks did run, counted on the wall clocks of their zones: Vermont's fourteen business days from Friday 27
    // March end with Thursday 16 April in New York; Australia's thirty days on 26 April in Sydney, after its clocks went back.
    const due = new Map((JSON.parse(spawnCli(['deadlines', '--json'], {workspace}).stdout) as {id: string; dueAt: string | null}[]).map((d) => [d.id, d.dueAt]))
    expect(due.get('vt-2435-b3-ag-preliminary')).toBe('2026-04-17T03:59:59.999Z')
    expect(due.get('au-ndb-assess')).toBe('2026-04-26T13:59:59.999Z')
  })
})
