#!/usr/bin/env node
// npm run bench: cold start, append latency and verify throughput, printed with how they were taken.
// Figures are not asserted anywhere; compare ratios within one run (wall-clock noise on a shared VM is large).
/* global fetch, document, MutationObserver -- fetch is Node's; the others run inside the browser page (serve bench) */
import {spawnSync} from 'node:child_process'
import {closeSync, fsyncSync, mkdtempSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {tmpdir, cpus} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'
import {EventLog} from '../dist/store/event-log.js'
import {canonicalJson, eventHash, GENESIS_HASH} from '../dist/core/incident/chain.js'
import {openIncident} from '../dist/core/incident/actions.js'
import {verifyLog} from '../dist/core/incident/verify.js'
import {readFileSync} from 'node:fs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin', 'run.cjs')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
/** Runs of the routed mail merge and of its floor (BENCH_MERGE_RUNS). */
const MERGE_RUNS = Number(process.env.BENCH_MERGE_RUNS ?? 3)
const only = process.argv[2]

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`

function timeCommand(args, env) {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']})
  const elapsed = performance.now() - start
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`)
  return elapsed
}

const workspace = mkdtempSync(join(tmpdir(), 'runbook-bench-'))
writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Bench\n')
const playbook = JSON.parse(JSON.stringify((await import('../dist/store/playbooks.js')).findPlaybook('ransomware').playbook))

console.log(`runbook benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString()}`)

if (!only || only === 'startup') {
  // A small incident so `status --json` does real work: open, 20 facts and notes.
  const log = new EventLog(join(workspace, 'incidents', 'bench-startup', 'events.jsonl'), {now: () => new Date()})
  mkdirSync(join(workspace, 'incidents', 'bench-startup'), {recursive: true})
  await log.create(openIncident({id: 'bench-startup', title: 'Bench', timezone: 'UTC', playbook, playbookSha256: 'x'}, {actor: 'bench'}))
  await log.append(Array.from({length: 20}, (_, i) => ({type: 'note.added', actor: 'bench', payload: {text: `note ${i}`}})))
  // The CLI's code cache (src/cli/compile-cache.ts) in a folder of the bench's own, filled by the warm-up runs as a
  // user's is by their first commands; the last case runs without it, as a first run after an install does.
  const env = {RUNBOOK_WORKSPACE: workspace, NO_COLOR: '1', RUNBOOK_COMPILE_CACHE: join(workspace, 'compile-cache')}
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['runbook --version', [BIN, '--version']],
    ['runbook status --json', [BIN, 'status', '--json']],
    ['  without compile cache', [BIN, 'status', '--json'], {RUNBOOK_NO_COMPILE_CACHE: '1'}],
  ]
  for (const [, args, extra] of cases) for (let i = 0; i < 3; i++) timeCommand(args, {...env, ...extra}) // warm the page cache
  const samples = new Map(cases.map(([name]) => [name, []]))
  for (let run = 0; run < RUNS; run++) for (const [name, args, extra] of cases) samples.get(name).push(timeCommand(args, {...env, ...extra}))
  const base = median(samples.get('node -e 0'))
  console.log(`\nCold start: median of ${RUNS} runs each, interleaved, wall clock from spawn to exit (3 warm-up runs each)`)
  for (const [name] of cases) {
    const m = median(samples.get(name))
    console.log(`  ${name.padEnd(24)} ${fmt(m).padStart(10)}  ${(m / base).toFixed(2)}x bare node`)
  }
  // What the file-store command loads: the PostgreSQL store and driver must not be among it (they load on demand).
  const traceFile = join(workspace, 'modules.txt')
  const traced = spawnSync(process.execPath, ['--import', join(ROOT, 'scripts', 'module-trace.js'), BIN, 'status', '--json'], {
    env: {...process.env, ...env, RUNBOOK_MODULE_TRACE: traceFile},
    stdio: 'ignore',
  })
  const modules = [...new Set(readFileSync(traceFile, 'utf8').trim().split('\n'))] // the entry shows up as the main script and as a CommonJS file
  const pgModules = modules.filter((m) => /node_modules\/pg(-[a-z]+)?\/|\/store\/pg\/|\/bundle\/store-pg-/.test(m))
  console.log(
    `  status --json (file store) loads ${modules.length} modules (${modules.filter((m) => m.includes('/node_modules/')).length} from node_modules); PostgreSQL store or driver among them: ${pgModules.length ? pgModules.join(', ') : 'none'}${traced.status === 0 ? '' : ' (the traced run failed)'}`,
  )
}

if (!only || only === 'append') {
  const dir = join(workspace, 'incidents', 'bench-append')
  mkdirSync(dir, {recursive: true})
  const log = new EventLog(join(dir, 'events.jsonl'), {now: () => new Date()})
  await log.create(openIncident({id: 'bench-append', title: 'Bench', timezone: 'UTC', playbook, playbookSha256: 'x'}, {actor: 'bench'}))
  const total = 10_000
  const latencies = []
  // The floor, interleaved so both see the same disk: the same line bytes appended to a plain file kept open, write
  // and fsync each, nothing else.
  const floorFd = openSync(join(dir, 'floor.jsonl'), 'a')
  const floors = []
  let line
  for (let i = 1; i < total; i++) {
    let start = performance.now()
    await log.append([{type: 'note.added', actor: 'bench', payload: {text: `append ${i}: checked the firewall logs for outbound transfers`}}])
    latencies.push(performance.now() - start)
    line ??= Buffer.from(readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n').at(-1) + '\n')
    start = performance.now()
    writeSync(floorFd, line)
    fsyncSync(floorFd)
    floors.push(performance.now() - start)
  }
  closeSync(floorFd)
  console.log(`\nAppend latency in process: ${total} events appended one by one to one log, each with lock, tail read, write and fsync`)
  console.log(`  floor: write and fsync of one ${line.length}-byte line to a file kept open, after each append`)
  const windows = [
    ['events 2-101', 0, 100],
    ['events 951-1050', 950, 1050],
    ['events 9900-9999', total - 101, total - 1],
    [`all ${latencies.length}`, 0, total - 1],
  ]
  for (const [name, from, to] of windows) {
    const slice = latencies.slice(from, to)
    const floor = median(floors.slice(from, to))
    console.log(
      `  ${name.padEnd(18)} median ${fmt(median(slice))}, p99 ${fmt(percentile(slice, 99))}; floor median ${fmt(floor)}; ${(median(slice) / floor).toFixed(2)}x floor`,
    )
  }
  console.log(`  max ${fmt(Math.max(...latencies))} (floor max ${fmt(Math.max(...floors))})`)
  // The walk's look before each write (issue 14 finding 10): the last sequence number from the tail, against reading
  // the whole log, on the same 10,000 events.
  const looks = []
  const reads = []
  for (let i = 0; i < 200; i++) {
    let start = performance.now()
    log.lastSeq()
    looks.push(performance.now() - start)
    if (i % 20 === 0) {
      start = performance.now()
      log.readAll()
      reads.push(performance.now() - start)
    }
  }
  console.log(`  the walk's look before a write (lastSeq, ${total} events): median ${fmt(median(looks))}; reading the whole log: median ${fmt(median(reads))}`)
}

if (!only || only === 'long-note') {
  // Issue 14 finding 15: a pasted 5 KB note took 3.5 s and 20 KB about 60 s in the walk's line prompt. A file (or
  // standard input, or the walk's editor, which hands runbook a file) is read once.
  const dir = mkdtempSync(join(tmpdir(), 'runbook-bench-note-'))
  const env = {RUNBOOK_WORKSPACE: dir, NO_COLOR: '1', RUNBOOK_ACTOR: 'bench'}
  timeCommand([BIN, 'incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00Z'], env)
  console.log(`\nLong notes: runbook note --file, one process each, median of 5 (wall clock, start-up included)`)
  for (const kb of [5, 20, 1000]) {
    const file = join(dir, `note-${kb}.txt`)
    writeFileSync(
      file,
      Array.from({length: Math.ceil((kb * 1024) / 64)}, (_, i) => `${String(i).padStart(6)} pasted transcript line, 64 bytes long..........`).join('\n'),
    )
    const samples = Array.from({length: 5}, () => timeCommand([BIN, 'note', '--file', file], env))
    console.log(`  ${String(kb).padStart(5)} KB  ${fmt(median(samples)).padStart(10)}`)
  }
  rmSync(dir, {recursive: true, force: true})
}

if (!only || only === 'verify') {
  const count = 100_000
  const dir = join(workspace, 'incidents', 'bench-verify')
  mkdirSync(dir, {recursive: true})
  const first = openIncident({id: 'bench-verify', title: 'Bench', timezone: 'UTC', playbook, playbookSha256: 'x'}, {actor: 'bench'})[0]
  let prevHash = GENESIS_HASH
  const lines = []
  const t0 = Date.parse('2026-03-28T20:00:00Z')
  for (let seq = 1; seq <= count; seq++) {
    const draft = seq === 1 ? first : {type: 'note.added', actor: 'bench', payload: {text: `event ${seq}: isolated host ${seq % 250}`}}
    const body = {seq, type: draft.type, recordedAt: new Date(t0 + seq * 1000).toISOString(), actor: draft.actor, payload: draft.payload, prevHash}
    const event = {...body, hash: eventHash(body)}
    prevHash = event.hash
    lines.push(canonicalJson(event))
  }
  const file = join(dir, 'events.jsonl')
  writeFileSync(file, lines.join('\n') + '\n')
  const text = readFileSync(file, 'utf8')
  const inProcess = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    const result = verifyLog(text)
    inProcess.push(performance.now() - start)
    if (!result.ok) throw new Error('bench log did not verify')
  }
  // The floors: reading the log once, in process; and a bare node that reads it once, as a process.
  const reads = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    readFileSync(file)
    reads.push(performance.now() - start)
  }
  const env = {RUNBOOK_WORKSPACE: workspace, NO_COLOR: '1'}
  const cli = []
  const bare = []
  for (let i = 0; i < 7; i++) {
    cli.push(timeCommand([BIN, 'verify', 'bench-verify'], env))
    bare.push(timeCommand(['-e', `require('node:fs').readFileSync(${JSON.stringify(file)})`], env))
  }
  console.log(`\nVerify a ${count.toLocaleString('en-US')}-event log (${(text.length / 1e6).toFixed(1)} MB): median of 5 in process, 7 as a process`)
  console.log(
    `  verifyLog in process     ${fmt(median(inProcess))}; floor (read the file once) ${fmt(median(reads))}; ${(median(inProcess) / median(reads)).toFixed(1)}x floor`,
  )
  console.log(
    `  runbook verify (CLI)     ${fmt(median(cli))} end to end; floor (bare node reading the file once) ${fmt(median(bare))}; ${(median(cli) / median(bare)).toFixed(2)}x floor`,
  )
}

if (!only || only === 'notify') {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000)
  const dir = join(tmpdir(), `runbook-bench-notify-${process.pid}`)
  mkdirSync(dir, {recursive: true})
  const csv = join(dir, 'recipients.csv')
  const t0 = performance.now()
  spawnSync(process.execPath, [join(ROOT, 'bench', 'gen-recipients.js'), String(rows), csv], {stdio: 'ignore'})
  const genSeconds = (performance.now() - t0) / 1000
  // The organisation every notice needs (address, DPO, signatory ...): the one the tests use.
  writeFileSync(join(workspace, 'runbook.yaml'), readFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml')))
  const env = {...process.env, RUNBOOK_WORKSPACE: workspace, NO_COLOR: '1'}
  const cli = (args) => spawnSync(process.execPath, [BIN, ...args], {env, encoding: 'utf8'})
  const incident = cli(['incident', 'open', '--playbook', 'account-takeover', '--aware-at', '2026-01-05T09:00Z']).stdout.trim()
  for (const [k, v] of [
    ['summary', 'On 2 January someone used stolen passwords to sign in to customer accounts.'],
    ['measures_taken', 'We reset the passwords of the affected accounts and added sign-in checks.'],
    ['data_categories', 'contact,credentials'],
    ['consequences', 'Someone could use your email address to send you convincing fake messages.'],
    ['cause', "Passwords reused from another company's breach."],
    ['risk', 'high'],
    // The Japanese notice reads its own texts; the other languages take the English with --allow-fallback.
    ['summary.ja', '1月2日、他のサイトから盗まれたパスワードが使われ、お客様のアカウントに不正にログインされました。'],
    ['cause.ja', '他社の漏えいで盗まれたパスワードが当社でも使い回されていました。'],
    ['consequences.ja', '本物らしく見える偽のメッセージが届くおそれがあります。'],
    ['measures_taken.ja', '影響を受けたアカウントのパスワードをリセットし、不審なログインの監視を強化しました。'],
    ['contact_phone_jp', '0120-412-779'],
    ['occurred_at', '2026-01-02 08:00'],
    ['law_enforcement_delay', 'false'],
    ['monitoring_months', '24'],
    ['monitoring_offer', 'Credit monitoring from Example Identity Services: enrol at https://id.northwind-outfitters.com with code NW-2026 by 31 March.'],
  ]) {
    const set = cli(['fact', 'set', k, v, '--incident', incident])
    if (set.status !== 0) throw new Error(`fact set ${k} failed: ${set.stderr}`)
  }
  const timed = (command, args) => {
    const haveTime = spawnSync('/usr/bin/time', ['--version']).status === 0
    // Each run starts with no dirty pages left by the one before (its notices are deleted, but gigabytes still on
    // their way to disk, or another run's files, slowed a run's own writes by up to 12x: 23-27 s instead of 15 s,
    // most of it in the kernel).
    spawnSync('sync')
    const start = performance.now()
    const result = haveTime
      ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M CPU=%U+%S', command, ...args], {env, encoding: 'utf8', maxBuffer: 1 << 26})
      : spawnSync(command, args, {env, encoding: 'utf8', maxBuffer: 1 << 26})
    const seconds = (performance.now() - start) / 1000
    const rss = /MAXRSS_KB=(\d+)/.exec(result.stderr ?? '')?.[1]
    const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(result.stderr ?? '')
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}${result.stdout}`)
    return {seconds, rssMb: rss ? Number(rss) / 1024 : NaN, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, stdout: result.stdout}
  }
  // routed: no --template, each reader gets their jurisdiction's notice (English stand-ins for untranslated facts).
  // short: the one-minute form; routing cannot use it (not every jurisdiction's notice has one), so the routed run is
  // set beside the same file merged with customer/us in its full form.
  const merge = (file, out, routed = false, short = !routed) => {
    const run = timed(process.execPath, [
      BIN,
      'notify',
      'customers',
      '--incident',
      incident,
      '--recipients',
      file,
      ...(routed ? ['--allow-fallback'] : ['--template', 'customer/us']),
      ...(short ? ['--short'] : []),
      '--out',
      out,
      '--json',
    ])
    const summary = JSON.parse(run.stdout)
    rmSync(out, {recursive: true, force: true})
    return {...run, summary, bytes: summary.outputs.reduce((sum, o) => sum + o.bytes, 0)}
  }
  // A tenth of the file first: peak memory should not depend on the number of rows.
  const small = join(dir, 'recipients-small.csv')
  const smallRows = Math.max(1000, Math.floor(rows / 10))
  spawnSync(process.execPath, [join(ROOT, 'bench', 'gen-recipients.js'), String(smallRows), small], {stdio: 'ignore'})
  const tenth = merge(small, join(dir, 'notices-small'))
  const routedTenth = merge(small, join(dir, 'notices-small-routed'), true)
  const run = merge(csv, join(dir, 'notices'))
  const fullRun = merge(csv, join(dir, 'notices-full'), false, false)
  // The routed run and its floor (below) are the figures: interleaved, several times, and their medians
  // (one run's peak RSS varies by tens of MB on this VM).
  const routedRuns = Array.from({length: MERGE_RUNS}, () => merge(csv, join(dir, 'notices-routed'), true))
  const routedRun = {...routedRuns[0], seconds: median(routedRuns.map((r) => r.seconds)), rssMb: median(routedRuns.map((r) => r.rssMb))}
  const {summary, bytes} = run
  const records = summary.counts.rows + 1
  // The floor's file goes as the merge's notices do, so that it does not weigh on the run after it.
  const floorRun = (total) => {
    const result = timed(process.execPath, [join(ROOT, 'bench', 'floor.js'), csv, join(dir, 'floor.out'), String(total), String(records)])
    rmSync(join(dir, 'floor.out'), {force: true})
    return result
  }
  const floor = floorRun(bytes)
  // The routed run writes other bytes (full forms, other templates): its own floor, the same parse and those bytes.
  const routedFloors = Array.from({length: MERGE_RUNS}, () => floorRun(routedRun.bytes))
  const routedFloor = {seconds: median(routedFloors.map((r) => r.seconds)), rssMb: median(routedFloors.map((r) => r.rssMb))}
  const band = (runs, pick, digits) => `${Math.min(...runs.map(pick)).toFixed(digits)}-${Math.max(...runs.map(pick)).toFixed(digits)}`
  // Readers whose lists of data categories all differ: each needs its own notice rendered, and memory must stay
  // flat all the same (the rendered notices kept for reuse are bounded by bytes, not by number).
  const diverseRows = Math.max(1000, Math.floor(rows / 100))
  const diverse = join(dir, 'recipients-diverse.csv')
  writeFileSync(diverse, diverseRecipients(diverseRows))
  const diverseRun = merge(diverse, join(dir, 'notices-diverse'), true)
  // And ten times as many readers drawn at random from 1,000 lists: a cache too small for them renders every notice.
  const spreadRows = diverseRows * 10
  const spread = join(dir, 'recipients-spread.csv')
  writeFileSync(spread, diverseRecipients(spreadRows, 1000))
  const spreadRun = merge(spread, join(dir, 'notices-spread'), true)
  const {statSync} = await import('node:fs')
  const notices = summary.counts.notices
  console.log(
    `\nMail merge: ${rows.toLocaleString('en-US')} synthetic recipients (${(statSync(csv).size / 1e6).toFixed(0)} MB CSV, generated in ${genSeconds.toFixed(1)} s), customer/us short form, mbox + letters; one run each, wall clock, CPU and peak RSS from GNU time`,
  )
  console.log(
    `  notices                  ${notices.toLocaleString('en-US')} (${summary.counts.rejects} rejected, ${summary.counts.duplicates} duplicates), ${(bytes / 1e9).toFixed(2)} GB written, ${Math.round(bytes / (notices - (summary.counts.byChannel.none ?? 0))).toLocaleString('en-US')} bytes per written notice`,
  )
  console.log(
    `  runbook notify customers ${run.seconds.toFixed(1)} s, ${Math.round(notices / run.seconds).toLocaleString('en-US')} notices/s, CPU ${run.cpuSeconds.toFixed(1)} s (both threads), peak RSS ${run.rssMb.toFixed(0)} MB`,
  )
  console.log(
    `  same, ${smallRows.toLocaleString('en-US')} rows        ${tenth.seconds.toFixed(1)} s, peak RSS ${tenth.rssMb.toFixed(0)} MB (memory at 10x the rows: ${(run.rssMb / tenth.rssMb).toFixed(2)}x)`,
  )
  console.log(
    `  same, full form          ${fullRun.seconds.toFixed(1)} s, ${Math.round(fullRun.summary.counts.notices / fullRun.seconds).toLocaleString('en-US')} notices/s, peak RSS ${fullRun.rssMb.toFixed(0)} MB (the single-template figure the routed run is set beside)`,
  )
  const routedNotices = routedRun.summary.counts.notices
  const templates = new Set(Object.values(routedRun.summary.counts.jurisdictions).map((j) => j.template)).size
  console.log(
    `  routed (no --template)   median of ${MERGE_RUNS} ${routedRun.seconds.toFixed(1)} s (${band(routedRuns, (r) => r.seconds, 1)}), ${Math.round(routedNotices / routedRun.seconds).toLocaleString('en-US')} notices/s, ${templates} templates, ${Object.keys(routedRun.summary.counts.jurisdictions).length} jurisdictions, ${routedRun.summary.counts.fallbackToEnglish.toLocaleString('en-US')} English stand-ins, peak RSS ${routedRun.rssMb.toFixed(0)} MB (${band(routedRuns, (r) => r.rssMb, 0)}); routed / single template = ${(routedRun.seconds / fullRun.seconds).toFixed(2)}x wall clock, ${(routedRun.seconds / routedNotices / (fullRun.seconds / fullRun.summary.counts.notices)).toFixed(2)}x per notice (the single template rejects the readers it does not serve)`,
  )
  console.log(
    `  routed, ${smallRows.toLocaleString('en-US')} rows      ${routedTenth.seconds.toFixed(1)} s, peak RSS ${routedTenth.rssMb.toFixed(0)} MB (memory at 10x the rows, median above: ${(routedRun.rssMb / routedTenth.rssMb).toFixed(2)}x)`,
  )
  console.log(
    `  floor (parse once + write same bytes, one thread) ${floor.seconds.toFixed(1)} s, peak RSS ${floor.rssMb.toFixed(0)} MB; runbook / floor = ${(run.seconds / floor.seconds).toFixed(2)}x time, ${(run.rssMb / floor.rssMb).toFixed(2)}x peak RSS`,
  )
  console.log(
    `  routed floor (parse once + write the routed run's ${(routedRun.bytes / 1e9).toFixed(2)} GB) median ${routedFloor.seconds.toFixed(1)} s (${band(routedFloors, (r) => r.seconds, 1)}), peak RSS ${routedFloor.rssMb.toFixed(0)} MB; routed / its floor = ${(routedRun.seconds / routedFloor.seconds).toFixed(2)}x time, ${(routedRun.rssMb / routedFloor.rssMb).toFixed(2)}x peak RSS`,
  )
  console.log(
    `  distinct categories      ${diverseRows.toLocaleString('en-US')} readers, each with a list of data categories of their own (as many notices to render): ${diverseRun.seconds.toFixed(1)} s, ${Math.round(diverseRun.summary.counts.notices / diverseRun.seconds).toLocaleString('en-US')} notices/s, peak RSS ${diverseRun.rssMb.toFixed(0)} MB`,
  )
  console.log(
    `  1,000 category lists     ${spreadRows.toLocaleString('en-US')} readers drawn at random from 1,000 lists: ${spreadRun.seconds.toFixed(1)} s, ${Math.round(spreadRun.summary.counts.notices / spreadRun.seconds).toLocaleString('en-US')} notices/s, peak RSS ${spreadRun.rssMb.toFixed(0)} MB`,
  )
  rmSync(dir, {recursive: true, force: true})
}

/**
 * US readers with many data_categories lists (subsets of sixteen categories) over 30 states: each reader a list of
 * their own, or, given `lists`, one of that many drawn at random (the same draw on every run).
 */
function diverseRecipients(count, lists = 0) {
  const categories = ['contact', 'government_id', 'ssn', 'drivers_license', 'passport', 'tax_id', 'military_id', 'financial']
  categories.push('payment_card', 'health', 'health_insurance', 'credentials', 'date_of_birth', 'mothers_maiden_name', 'employee_id', 'location')
  const states = 'CA TX NY MA FL WA IL PA OH GA NC MI NJ VA AZ TN IN MO MD WI CO MN SC AL LA KY OR OK CT UT'.split(' ')
  const lines = ['id,name,email,address,language,channel,country,state,data_categories']
  let seed = 7
  const draw = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % lists
  for (let i = 0; i < count; i++) {
    const n = lists ? draw() : i
    const list = categories.filter((_, bit) => (n + 1) & (1 << bit)).join(';')
    lines.push(`D${i},Reader ${i},reader${i}@mail.example.net,,en,email,US,${states[n % states.length]},${list}`)
  }
  return lines.join('\n') + '\n'
}

if (!only || only === 'serve') {
  // runbook serve: bytes of a first load, and how long an event takes to reach an open page, from the moment the
  // append is durable (setFact returned) to the Server-Sent Event read by a client, and to the page's DOM in Chromium.
  const {createContext} = await import('../dist/app/context.js')
  const {startServer} = await import('../dist/app/serve/server.js')
  const {setFact} = await import('../dist/app/record.js')
  const {bufferIO} = await import('../dist/ui/io.js')
  const {existsSync} = await import('node:fs')
  const dir = mkdtempSync(join(tmpdir(), 'runbook-bench-serve-'))
  writeFileSync(join(dir, 'runbook.yaml'), 'organization:\n  name: Bench\n  timezone: Europe/Berlin\n')
  const env = {...process.env, RUNBOOK_WORKSPACE: dir, NO_COLOR: '1'}
  spawnSync(process.execPath, [BIN, 'incident', 'open', '--playbook', 'ransomware'], {env})
  const ctx = createContext({workspaceFlag: dir, env, io: bufferIO()})
  for (const [key, value] of [
    ['affected.DE', '4000'],
    ['affected.total', '4000'],
    ['data_categories', 'contact,financial'],
  ])
    await setFact(ctx, {key, value})
  const server = await startServer(ctx, {})
  const link = new URL(server.info.links[0].url)
  const page = await fetch(link)
  const html = await page.text()
  const cookie = page.headers.get('set-cookie').split(';')[0]
  let bytes = Buffer.byteLength(html)
  for (const [, asset] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g))
    bytes += (await (await fetch(`${link.origin}${asset}`, {headers: {cookie}})).arrayBuffer()).byteLength
  console.log(`\nrunbook serve: an incident with 3 facts, ransomware playbook; ${RUNS} updates each`)
  console.log(`  first load of the dashboard   ${(bytes / 1024).toFixed(1)} KB (page and its assets; the bound is 200 KB)`)

  const stream = await fetch(`${link.origin}/events?view=dashboard&version=none`, {headers: {cookie}})
  const reader = stream.body.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  const waitFor = async (marker) => {
    while (!buffered.includes(marker)) buffered += decoder.decode((await reader.read()).value, {stream: true})
    buffered = ''
  }
  await waitFor('event: view')
  const sse = []
  for (let i = 0; i < RUNS; i++) {
    const marker = `bench-sse-${i}-${Math.random().toString(36).slice(2)}`
    await setFact(ctx, {key: 'systems_affected', value: marker})
    const start = performance.now()
    await waitFor(marker)
    sse.push(performance.now() - start)
  }
  await reader.cancel()
  console.log(
    `  append -> Server-Sent Event   median ${fmt(median(sse))}, p95 ${fmt(percentile(sse, 95))}, max ${fmt(Math.max(...sse))} (watch settles 50 ms, then a render)`,
  )

  const chromium = process.env.RUNBOOK_CHROMIUM || '/usr/bin/chromium'
  if (existsSync(chromium)) {
    const {chromium: browserType} = await import('playwright-core')
    const browser = await browserType.launchPersistentContext(mkdtempSync(join(tmpdir(), 'runbook-bench-chromium-')), {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    })
    const tab = await browser.newPage()
    await tab.goto(link.href)
    await tab.locator('#live-status', {hasText: 'Live'}).waitFor()
    const dom = []
    for (let i = 0; i < RUNS; i++) {
      const marker = `bench-dom-${i}-${Math.random().toString(36).slice(2)}`
      // The page notes the wall-clock time it first shows the marker; the same machine's clock is read here.
      const seen = tab.evaluate(
        (text) =>
          new Promise((resolve) => {
            const check = () => document.body.textContent.includes(text) && (resolve(performance.timeOrigin + performance.now()), true)
            if (!check()) new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document.body, {childList: true, subtree: true})
          }),
        marker,
      )
      await setFact(ctx, {key: 'systems_affected', value: marker})
      const recorded = performance.timeOrigin + performance.now()
      dom.push((await seen) - recorded)
    }
    await browser.close()
    console.log(
      `  append -> on the page (DOM)   median ${fmt(median(dom))}, p95 ${fmt(percentile(dom, 95))}, max ${fmt(Math.max(...dom))} (Chromium headless; the bound is 1 s)`,
    )
  } else console.log(`  append -> on the page (DOM)   not measured: no Chromium at ${chromium}`)
  await server.close()
  rmSync(dir, {recursive: true, force: true})
}

if (!only || only === 'pg') {
  // PostgreSQL over loopback: a throwaway cluster (scripts/pg-cluster.js), fsync and synchronous_commit on.
  const {startCluster, createDatabase} = await import('../scripts/pg-cluster.js')
  let cluster
  try {
    cluster = await startCluster()
  } catch (error) {
    console.log(`\nPostgreSQL: skipped, no server could be started (${error.message})`)
  }
  if (cluster) {
    try {
      const url = await createDatabase(cluster, 'bench')
      const {migrate} = await import('../dist/store/pg/migrations.js')
      const {PgIncidentStore} = await import('../dist/store/pg/store.js')
      await migrate(url)
      const opening = (id) => openIncident({id, title: 'Bench', timezone: 'UTC', playbook, playbookSha256: 'x'}, {actor: 'bench'})
      const store = new PgIncidentStore(url, {now: () => new Date()})
      await store.create('bench-pg', opening('bench-pg'))
      const count = Number(process.env.BENCH_PG_APPENDS ?? 2000)
      const latencies = []
      for (let i = 0; i < count + 100; i++) {
        const start = performance.now()
        await store.append('bench-pg', [{type: 'note.added', actor: 'bench', payload: {text: `append ${i}: checked the firewall logs for outbound transfers`}}])
        if (i >= 100) latencies.push(performance.now() - start)
      }
      await store.close()
      // The floor on this machine and disk: one round trip and one WAL flush (an autocommit single-row INSERT).
      const {default: pg} = await import('pg')
      const raw = new pg.Client({connectionString: url})
      await raw.connect()
      await raw.query('CREATE TABLE floor (n integer PRIMARY KEY, t text)')
      const floor = []
      for (let i = 0; i < 500; i++) {
        const start = performance.now()
        await raw.query('INSERT INTO floor VALUES ($1, $2)', [i, 'x'.repeat(200)])
        floor.push(performance.now() - start)
      }
      await raw.end()
      console.log(
        `\nPostgreSQL ${cluster.port} over loopback (fsync on, synchronous_commit on): ${count} appends one by one after 100 warm-up, each a transaction with the incident's lock, tail read, insert and commit`,
      )
      console.log(`  append latency           median ${fmt(median(latencies))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(Math.max(...latencies))}`)
      console.log(`  floor: autocommit INSERT median ${fmt(median(floor))}, p99 ${fmt(percentile(floor, 99))} (one round trip and one WAL flush, 500 rows)`)

      // Throughput: 8 writer processes, connected first, then started together.
      const writers = 8
      const perWriter = Number(process.env.BENCH_PG_PER_WRITER ?? 500)
      const script = `
        import {PgIncidentStore} from ${JSON.stringify(join(ROOT, 'dist/store/pg/store.js'))}
        const [url, incident, name, n] = process.argv.slice(1)
        const store = new PgIncidentStore(url, {now: () => new Date()})
        await store.exists(incident)
        process.stdout.write('ready\\n')
        await new Promise((resolve) => process.stdin.once('data', resolve))
        for (let i = 0; i < Number(n); i++) await store.append(incident, [{type: 'note.added', actor: name, payload: {text: name + ':' + i}}])
        await store.close()
      `
      const {spawn} = await import('node:child_process')
      const throughput = async (incidentOf) => {
        const children = Array.from({length: writers}, (_, w) =>
          spawn(process.execPath, ['--input-type=module', '-e', script, url, incidentOf(w), `w${w}`, String(perWriter)], {stdio: ['pipe', 'pipe', 'inherit']}),
        )
        await Promise.all(children.map((c) => new Promise((resolve) => c.stdout.once('data', resolve))))
        const exits = children.map((c) => new Promise((resolve) => c.once('exit', resolve)))
        const start = performance.now()
        for (const c of children) c.stdin.end('go\n')
        const codes = await Promise.all(exits)
        if (codes.some((code) => code !== 0)) throw new Error(`a writer failed: ${codes}`)
        return (writers * perWriter) / ((performance.now() - start) / 1000)
      }
      const one = await throughput(() => 'bench-pg')
      const setup = new PgIncidentStore(url, {now: () => new Date()})
      for (let w = 0; w < writers; w++) await setup.create(`bench-pg-${w}`, opening(`bench-pg-${w}`))
      await setup.close()
      const eight = await throughput((w) => `bench-pg-${w}`)
      const check = new PgIncidentStore(url, {now: () => new Date()})
      const verified = verifyLog(await check.rawLog('bench-pg'))
      await check.close()
      console.log(
        `  ${writers} writer processes x ${perWriter} appends, one incident    ${Math.round(one).toLocaleString('en-US')} events/s (serialised by the incident's lock)`,
      )
      console.log(`  ${writers} writer processes x ${perWriter} appends, own incidents   ${Math.round(eight).toLocaleString('en-US')} events/s`)
      console.log(`  the shared incident afterwards: ${verified.events} events, chain ${verified.ok ? 'intact' : 'BROKEN'}`)
      // Listing (what finds "the single open incident" for every command without --incident): folding every event,
      // against the summaries kept in the workspace cache with each incident's last event.
      const timeLists = async (store) => {
        const times = []
        for (let i = 0; i < 5; i++) {
          const start = performance.now()
          await store.list()
          times.push(performance.now() - start)
        }
        await store.close()
        return median(times)
      }
      const counter = new pg.Client({connectionString: url})
      await counter.connect()
      const [{n: events}] = (await counter.query('SELECT count(*)::int AS n FROM runbook.events')).rows
      await counter.end()
      const folding = await timeLists(new PgIncidentStore(url, {now: () => new Date()}))
      const cached = await timeLists(new PgIncidentStore(url, {now: () => new Date(), summaryCache: join(workspace, 'pg-summaries.json')}))
      console.log(
        `  incident list over ${writers + 1} incidents, ${events.toLocaleString('en-US')} events: folding every event ${fmt(folding)}, with the kept summaries ${fmt(cached)} (median of 5; the first fills the cache)`,
      )
    } finally {
      await cluster.stop()
    }
  }
}

rmSync(workspace, {recursive: true, force: true})
