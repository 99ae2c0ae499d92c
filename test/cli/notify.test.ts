import {execFileSync, spawn} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {RecipientReader, resolveColumns, parseMapping} from '../../src/merge/recipients.js'
import {buildMessage, mboxEntry} from '../../src/render/mime.js'
import {BIN, ROOT, runCli, runJson, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

const CSV =
  [
    '\uFEFFid,name,email,address,language,channel,country,state,data_categories',
    'A1,"Ruiz, Ana",ana@mail.example.net,,en,email,US,CA,contact;credentials',
    'A2,Ben Ode,ben@mail.example.net,"12 Elm St\nSpringfield, MA 01101",en,letter,US,MA,contact',
    'A3,佐藤 美咲,misaki@mail.example.jp,,ja,email,JP,,contact',
    'A4,Chloé Dubois,chloe@mail.example.fr,,fr,email,FR,,contact',
    'A5,No Mail,,,en,email,US,NY,contact',
    'A6,Bad State,x@mail.example.net,,en,email,US,ZZ,contact',
    'A1,Again Ana,other@mail.example.net,,en,email,US,CA,contact',
    'A8,Same Email,ANA@mail.example.net,,en,email,US,TX,contact',
    'A9,Opted Out,opt@mail.example.net,,en,none,US,TX,contact',
    // A quoted field with text after its closing quote: not valid CSV (and a formula, which must not reach a sheet).
    'A10,"=HYPERLINK(""x"")" here,formula@mail.example.net,,en,email,US,ZZ,contact',
  ].join('\n') + '\n'

describe('recipient rows', () => {
  const header = ['id', 'name', 'email', 'address', 'language', 'channel', 'country', 'state', 'data_categories']
  const reader = new RecipientReader(resolveColumns(header, new Map()), header.length, 'en')
  const read = (cells: string[]) => reader.read(2, cells)

  it('accepts a good row and says why a bad one is rejected', async () => {
    expect(read(['X', 'N', 'n@x.org', '', 'ja', 'email', 'US', 'ca', 'contact|financial'])).toMatchObject({
      jurisdiction: 'US-CA',
      language: 'ja',
      categories: ['contact', 'financial'],
    })
    expect(read(['X', 'N', '', '', '', 'email', 'US', '', ''])).toEqual({
      row: 2,
      reason: 'missing email for the email channel',
      kind: 'missing email for the email channel',
    })
    expect(read(['X', 'N', 'not-an-email', '', '', 'email', '', '', ''])).toMatchObject({
      reason: 'invalid email address "not-an-email"',
      kind: 'invalid email address',
    })
    expect(read(['X', 'N', 'n@x.org', '', '', 'email', 'US', 'ZZ', ''])).toMatchObject({reason: 'unknown state "ZZ" for US', kind: 'unknown state for US'})
    expect(read(['X', 'N', 'n@x.org', '', '', 'fax', '', '', ''])).toMatchObject({reason: 'unknown channel "fax" (email, letter or none)'})
    expect(read(['X', 'Bad \uFFFD', 'n@x.org', '', '', 'email', '', '', ''])).toMatchObject({reason: expect.stringMatching(/^bad encoding: .*"CSV UTF-8"/)})
    expect(read(['X', 'N'])).toMatchObject({reason: '2 fields, expected 9'})
  })

  it('reads each list of data categories once, sorted and shared, and says which are unknown', async () => {
    const first = read(['X', 'N', 'n@x.org', '', '', 'email', 'US', 'CA', 'financial; contact;contact']) as {categories: readonly string[]}
    const again = read(['Y', 'M', 'm@x.org', '', '', 'email', 'US', 'CA', 'financial; contact;contact']) as {categories: readonly string[]}
    expect(first.categories).toEqual(['contact', 'financial'])
    expect(again.categories).toBe(first.categories)
    // Shared by every row that names the list: it cannot be changed by one of them.
    expect(Object.isFrozen(first.categories)).toBe(true)
    expect(read(['X', 'N', 'n@x.org', '', '', 'email', 'US', 'CA', 'contact;hobbies;pets'])).toMatchObject({
      reason: 'unknown data categories: hobbies, pets',
      kind: 'unknown data categories',
    })
    expect(read(['X', 'N\u0000', 'n@x.org', '', '', 'email', 'US', 'CA', ''])).toMatchObject({reason: expect.stringMatching(/control character/)})
    expect(read(['X', 'N', 'n@x.org', '', '', 'email', 'US', 'CA', ''])).toMatchObject({categories: null})
  })

  it('tells a file that names its countries and states the code of each, without routing on a guess', async () => {
    const country = (name: string) => read(['X', 'N', 'n@x.org', '', '', 'email', name, '', ''])
    expect(country('Germany')).toMatchObject({reason: 'unknown country "GERMANY": its ISO code is DE', kind: 'unknown country'})
    expect(country('united states')).toMatchObject({reason: 'unknown country "UNITED STATES": its ISO code is US'})
    expect(country('USA')).toMatchObject({reason: 'unknown country "USA": its ISO code is US'})
    expect(country('Narnia')).toMatchObject({reason: 'unknown country "NARNIA" (use the two-letter ISO code, such as DE)', kind: 'unknown country'})
    expect(country('de')).toMatchObject({jurisdiction: 'DE'})
    expect(country('Georgia')).toMatchObject({reason: 'unknown country "GEORGIA": its ISO code is GE (the US state: country US, state GA)'})
    expect(country('Texas')).toMatchObject({reason: 'unknown country "TEXAS": for the US state, country US and state TX'})
    const state = (country: string, name: string) => read(['X', 'N', 'n@x.org', '', '', 'email', country, name, ''])
    expect(state('US', 'California')).toMatchObject({reason: 'unknown state "CALIFORNIA" for US: its code is CA', kind: 'unknown state for US'})
    expect(state('', 'new york')).toMatchObject({reason: 'unknown state "NEW YORK": its code is NY'})
    expect(state('CA', 'Québec')).toMatchObject({reason: 'unknown state "QUÉBEC" for CA: its code is QC'})
    expect(state('US', 'Calif')).toMatchObject({reason: 'unknown state "CALIF" for US'})
    expect(state('US', 'ma')).toMatchObject({jurisdiction: 'US-MA'})
  })

  it('maps other column names and insists on an id', async () => {
    const mapped = resolveColumns(['customer_no', 'mail'], parseMapping(['customer_no=id,mail=email']))
    expect([...mapped]).toEqual([
      ['id', 0],
      ['email', 1],
    ])
    expect(() => resolveColumns(['mail'], new Map())).toThrow(/no "id" column/)
    expect(() => parseMapping(['a=b'])).toThrow(/COLUMN=FIELD/)
  })

  it('builds MIME messages that a mail library reads back, and a valid mbox', async () => {
    const message = buildMessage({
      from: {name: 'Northwind', email: 'p@n.org'},
      to: {name: '佐藤 美咲', email: 'm@x.jp'},
      subject: 'お知らせ',
      text: 'From here on, text',
      html: '<p>x</p>',
      date: new Date('2026-03-01T00:00:00Z'),
      messageId: 'a@b',
      boundary: 't1',
    })
    expect(message).toContain('Subject: =?UTF-8?B?')
    const mbox = mboxEntry('p@n.org', new Date('2026-03-01T00:00:00Z'), message)
    expect(mbox).toMatch(/^From p@n\.org Sun Mar {2}1 00:00:00 2026\n/)
    expect(mbox).not.toContain('\r\n')
  })
})

describe('runbook notify customers', () => {
  let workspace: string
  let csv: string

  beforeAll(async () => {
    workspace = await sampleIncident()
    csv = join(tempDir(), 'affected.csv')
    writeFileSync(csv, CSV)
  })

  it("dry run routes each reader to their jurisdiction's notice, counts per jurisdiction, lists rejects, writes nothing", async () => {
    type Dry = {
      counts: {
        notices: number
        rejects: number
        duplicates: number
        byChannel: Record<string, number>
        fallbackToEnglish: number
        jurisdictions: Record<string, {template: string; languages: Record<string, number>; applies: string}>
      }
      rejected: {row: number; reason: string}[]
    }
    const result = await runJson<Dry>(['notify', 'customers', '--recipients', csv, '--dry-run'], {workspace})
    expect(result.counts).toMatchObject({notices: 5, rejects: 3, duplicates: 2, byChannel: {email: 3, letter: 1, none: 1}})
    // The Japanese reader gets the APPI notice in Japanese, the French reader the GDPR notice, Americans the US one.
    expect(result.counts.jurisdictions.JP).toMatchObject({template: 'customer/appi', languages: {ja: 1}})
    expect(result.counts.jurisdictions.FR).toMatchObject({template: 'customer/gdpr'})
    expect(result.counts.jurisdictions['US-CA']).toMatchObject({template: 'customer/us', applies: 'yes'})
    expect(result.rejected.map((r) => r.reason)).toContain('unknown state "ZZ" for US')
    const text = (await runCli(['notify', 'customers', '--recipients', csv, '--dry-run'], {workspace})).stdout
    // Samples end up in scrollback and CI logs: stand-ins unless the real names are asked for.
    expect(text).toContain('Dear Sample Reader 1,')
    expect(text).not.toContain('Ruiz')
    expect((await runCli(['notify', 'customers', '--recipients', csv, '--dry-run', '--show-names'], {workspace})).stdout).toContain('Dear Ruiz, Ana,')
    expect(text.match(/--- sample/g)).toHaveLength(3)
    expect(text).toMatch(/JP\s+1\s+customer\/appi/)
    expect(text).toMatch(/row 6 \(line \d+\): unknown state "ZZ" for US/)
  })

  it('a forced template is not sent to readers it does not serve, unless asked, and then it is counted', async () => {
    type Dry = {counts: {notices: number; forced: number; rejectReasons: Record<string, number>}; rejected: {row: number; reason: string}[]}
    const forced = await runJson<Dry>(['notify', 'customers', '--recipients', csv, '--template', 'customer/us', '--dry-run'], {workspace})
    // The Japanese and the French reader are not sent the US notice (Equifax, annualcreditreport.com ...).
    const rows = forced.rejected.filter((r) => r.reason.startsWith('customer/us is not the notice for this reader')).map((r) => r.row)
    expect(rows).toEqual([3, 4])
    expect(forced.rejected.find((r) => r.row === 3)!.reason).toContain('readers in JP get customer/appi')
    const anyway = await runJson<Dry>(['notify', 'customers', '--recipients', csv, '--template', 'customer/us', '--force-template', '--dry-run'], {workspace})
    expect(anyway.counts.forced).toBe(2)
    expect(anyway.counts.notices).toBe(forced.counts.notices + 2)
  })

  it('internal documents and regulator reports cannot be mailed to customers', async () => {
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--template', 'internal/executive-summary', '--dry-run'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/internal\/executive-summary is an internal document, not a customer notice/)
  })

  it('writes an mbox and print-ready letters, rejects and duplicates, all private', async () => {
    const out = join(tempDir(), 'notices')
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--out', out], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o700)
    for (const file of readdirSync(out)) expect(statSync(join(out, file)).mode & 0o777, file).toBe(0o600)
    const mbox = readFileSync(join(out, 'notices.mbox'), 'utf8')
    expect(mbox.match(/^From /gm)).toHaveLength(3)
    const parsed = execFileSync('python3', ['-c', 'import mailbox,sys\nfor m in mailbox.mbox(sys.argv[1]): print(m["To"])', join(out, 'notices.mbox')], {
      encoding: 'utf8',
    })
    expect(parsed.trim().split('\n')).toHaveLength(3)
    const letters = readFileSync(join(out, 'letters-0001.html'), 'utf8')
    expect(letters).toContain('page-break-after: always')
    expect(letters).toContain('Massachusetts residents')
    expect(letters).toMatch(/<\/html>\n$/)
    const rejects = readFileSync(join(out, 'rejects.csv'), 'utf8')
    expect(rejects).toContain('missing email for the email channel')
    expect(rejects).toContain('unknown state ""ZZ"" for US')
    expect(rejects).toMatch(/^,\d+,"not valid CSV/m)
    expect(readFileSync(join(out, 'duplicates.csv'), 'utf8')).toContain('7,1,id')
  })

  it('records only counts and hashes in the timeline: no name, address or email', async () => {
    const log = readFileSync(join(workspace, 'incidents', readdirSync(join(workspace, 'incidents'))[0]!, 'events.jsonl'), 'utf8')
    expect(log).toContain('"type":"notify.completed"')
    for (const secret of ['Ruiz', 'ana@mail', 'Elm St', 'misaki', '佐藤', 'chloe@', 'Ben Ode', 'A1', 'HYPERLINK']) expect(log, secret).not.toContain(secret)
    const event = (await runJson<{type: string; payload: {recipientsSha256: string; outputs: {sha256: string}[]}}[]>(['timeline'], {workspace})).find(
      (e) => e.type === 'notify.completed',
    )!
    expect(event.payload.recipientsSha256).toBe(execFileSync('sha256sum', [csv], {encoding: 'utf8'}).split(' ')[0])
    expect(event.payload.outputs.length).toBeGreaterThanOrEqual(3)
  })

  it('counts and records each reject by its kind: no value from the file, as many counts as kinds, not as bad rows', async () => {
    // Before, each bad category list and each broken quote (with its line) was a reason of its own, word for word in
    // the timeline: 3,000 bad rows made 3,000 reasons, and a note typed into data_categories was recorded.
    const lines = ['id,name,email,address,language,channel,country,state,data_categories']
    for (let i = 0; i < 40; i++) {
      lines.push(`C${i},Cat Row,c${i}@mail.example.net,,en,email,US,CA,contact;called back 555-01${i}`)
      lines.push(`Q${i},"Qu"ote ${i}",q${i}@mail.example.net,,en,email,US,CA,contact`)
      lines.push(`S${i},State Row,s${i}@mail.example.net,,en,email,US,Z${i},contact`)
      lines.push(`E${i},Mail Row,not-mail-${i},,en,email,US,CA,contact`)
    }
    lines.push('OK1,Good Row,good@mail.example.net,,en,email,US,CA,contact')
    const bad = join(tempDir(), 'bad-rows.csv')
    writeFileSync(bad, lines.join('\n') + '\n')
    const out = join(tempDir(), 'bad-out')
    type Run = {counts: {notices: number; rejects: number; rejectReasons: Record<string, number>}}
    const run = await runJson<Run>(['notify', 'customers', '--recipients', bad, '--template', 'customer/us', '--out', out], {workspace})
    expect(run.counts.notices).toBe(1)
    expect(run.counts.rejects).toBe(160)
    expect(run.counts.rejectReasons).toEqual({
      'unknown data categories': 40,
      'not valid CSV: a quoted field has text after its closing quote (a quote inside a quoted field is written "")': 40,
      'unknown state for US': 40,
      'invalid email address': 40,
    })
    // The operator's own list keeps what is wrong with each row, value and all.
    const rejects = readFileSync(join(out, 'rejects.csv'), 'utf8')
    expect(rejects).toContain('unknown data categories: called back 555-0139')
    expect(rejects).toContain('unknown state ""Z7"" for US')
    const log = readFileSync(join(workspace, 'incidents', readdirSync(join(workspace, 'incidents'))[0]!, 'events.jsonl'), 'utf8')
    for (const value of ['called back', '555-01', 'not-mail', 'Qu"ote', 'line 3', '"Z1"']) expect(log, value).not.toContain(value)
  })

  it('a missing file or a file without an id column is a usage error that says what to do', async () => {
    const missing = await runCli(['notify', 'customers', '--recipients', join(tempDir(), 'nope.csv'), '--template', 'customer/us', '--dry-run'], {workspace})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such recipients file')
    const noId = join(tempDir(), 'noid.csv')
    writeFileSync(noId, 'customer,mail\n1,a@b.org\n')
    const result = await runCli(['notify', 'customers', '--recipients', noId, '--template', 'customer/us', '--dry-run'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--map COLUMN=id')
  })

  it('refuses a template that changes the recipient name, which the merge fills in as it is', async () => {
    mkdirSync(join(workspace, 'templates', 'customer'), {recursive: true})
    writeFileSync(
      join(workspace, 'templates', 'customer', 'shout.en.md.njk'),
      '---\ntitle: Shout\nkind: customer\nsubject: "Notice"\n---\n# Notice\n\nDEAR {{ recipient.name | upper }},\n\n{{ facts.summary }}\n',
    )
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--template', 'customer/shout', '--force-template', '--dry-run'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('changes recipient.name or recipient.id')
  })

  it('merges a file saved by a spreadsheet that separates columns with semicolons', async () => {
    // Before, the header was one column, "id;name;...", and the run stopped: no "id" column.
    const semicolons = join(tempDir(), 'excel-de.csv')
    writeFileSync(
      semicolons,
      '\uFEFFid;name;email;language;channel;country;state;data_categories\r\n' +
        'D1;"Müller; Jana";jana@mail.example.de;de;email;DE;;contact,financial\r\n' +
        'D2;Ben Ode;ben@mail.example.net;en;email;US;CA;contact\r\n',
    )
    type Dry = {counts: {notices: number; rejects: number; jurisdictions: Record<string, {template: string}>}}
    const dry = await runJson<Dry>(['notify', 'customers', '--recipients', semicolons, '--dry-run'], {workspace})
    expect(dry.counts).toMatchObject({notices: 2, rejects: 0})
    expect(dry.counts.jurisdictions.DE).toMatchObject({template: 'customer/gdpr'})
  })

  it('says how to fix a file saved as Windows-1252, for each row it could not read', async () => {
    const legacy = join(tempDir(), 'excel-1252.csv')
    writeFileSync(legacy, Buffer.from('id,name,email,country\nA1,Chlo\xe9 Dubois,c@mail.example.fr,FR\nA2,Ben Ode,b@mail.example.net,US\n', 'latin1'))
    type Dry = {counts: {notices: number; rejects: number}; rejected: {row: number; reason: string}[]}
    const dry = await runJson<Dry>(['notify', 'customers', '--recipients', legacy, '--dry-run'], {workspace})
    expect(dry.counts).toMatchObject({notices: 1, rejects: 1})
    expect(dry.rejected).toEqual([{row: 1, line: 2, reason: expect.stringContaining('save the file as "CSV UTF-8"')}])
  })

  it('--strict fails when rows are rejected', async () => {
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--template', 'customer/us', '--out', join(tempDir(), 'n'), '--strict'], {
      workspace,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('rejected (--strict)')
  })

  it('--resume after an interruption produces each notice exactly once', async () => {
    const big = join(tempDir(), 'big.csv')
    execFileSync(process.execPath, [join(ROOT, 'bench', 'gen-recipients.js'), '3000', big, '7'], {stdio: 'ignore'})
    const whole = join(tempDir(), 'whole')
    expect(
      (await runCli(['notify', 'customers', '--recipients', big, '--template', 'customer/us', '--out', whole, '--format', 'jsonl'], {workspace})).code,
    ).toBe(0)
    const expected = readFileSync(join(whole, 'notices.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id)

    const {notifyCustomers} = await import('../../src/merge/run.js')
    const split = join(tempDir(), 'split')
    const base = {
      recipients: big,
      templateId: 'customer/us',
      out: split,
      format: 'jsonl' as const,
      short: false,
      dryRun: false,
      mapping: new Map(),
      checkpointEvery: 500,
    }
    const first = await notifyCustomers(await incidentFor(workspace), {...base, resume: false, stopAfter: 1234})
    expect(first.interrupted).toBe(true)
    // A crash also leaves half-written bytes after the checkpoint: resume must cut them off.
    writeFileSync(join(split, 'notices.jsonl'), '{"id":"half-written', {flag: 'a'})
    expect(
      (await runCli(['notify', 'customers', '--recipients', big, '--template', 'customer/us', '--out', split, '--format', 'jsonl'], {workspace})).code,
    ).toBe(2)
    const resumed = await runCli(['notify', 'customers', '--recipients', big, '--template', 'customer/us', '--out', split, '--format', 'jsonl', '--resume'], {
      workspace,
    })
    expect(resumed.code, resumed.stderr).toBe(0)
    const got = readFileSync(join(split, 'notices.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id)
    expect(got).toEqual(expected)
    expect(readFileSync(join(split, 'rejects.csv'), 'utf8')).toBe(readFileSync(join(whole, 'rejects.csv'), 'utf8'))
  })

  it('does not resume a run that an earlier version numbered with another CSV reader', async () => {
    const big = join(tempDir(), 'big.csv')
    execFileSync(process.execPath, [join(ROOT, 'bench', 'gen-recipients.js'), '1200', big, '7'], {stdio: 'ignore'})
    const {notifyCustomers} = await import('../../src/merge/run.js')
    const out = join(tempDir(), 'older')
    const base = {recipients: big, templateId: 'customer/us', out, format: 'jsonl' as const, short: false, dryRun: false, mapping: new Map()}
    expect((await notifyCustomers(await incidentFor(workspace), {...base, resume: false, checkpointEvery: 300, stopAfter: 700})).interrupted).toBe(true)
    // The checkpoint as runbook wrote it before the reader was named in it (csv-parse counted rows otherwise).
    const progress = join(out, '.progress.json')
    const saved = JSON.parse(readFileSync(progress, 'utf8')) as {options: string}
    const {reader, ...older} = JSON.parse(saved.options) as Record<string, unknown>
    expect(reader).toBe('papaparse-5')
    writeFileSync(progress, JSON.stringify({...saved, options: JSON.stringify(older)}))
    const resumed = await runCli(['notify', 'customers', '--recipients', big, '--template', 'customer/us', '--out', out, '--format', 'jsonl', '--resume'], {
      workspace,
    })
    expect(resumed.code).toBe(2)
    expect(resumed.stderr).toContain('started by an earlier version of runbook')
    expect(resumed.stderr).toContain('new --out folder')
  })

  it('Ctrl-C stops at a checkpoint (exit 130) and --resume finishes the run', async () => {
    const big = join(tempDir(), 'big.csv')
    execFileSync(process.execPath, [join(ROOT, 'bench', 'gen-recipients.js'), '32000', big, '5'], {stdio: 'ignore'})
    const out = join(tempDir(), 'ctrl-c')
    const args = ['notify', 'customers', '--recipients', big, '--template', 'customer/us', '--short', '--out', out]
    const child = spawn(process.execPath, [BIN, ...args], {env: {...process.env, RUNBOOK_WORKSPACE: workspace, NO_COLOR: '1'}})
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    // The first checkpoint (every 20,000 rows) shows the run is writing notices; interrupt it there.
    while (!existsSync(join(out, '.progress.json'))) await new Promise((r) => setTimeout(r, 20))
    child.kill('SIGINT')
    expect(await exited, stderr).toBe(130)
    expect(stderr).toContain('--resume')
    const progress = JSON.parse(readFileSync(join(out, '.progress.json'), 'utf8')) as {rowsDone: number}
    expect(progress.rowsDone).toBeGreaterThan(0)
    expect(progress.rowsDone).toBeLessThan(32_000)
    type Summary = {counts: {notices: number; byChannel: Record<string, number>}}
    const resumed = await runJson<Summary>([...args, '--resume'], {workspace})
    const whole = await runJson<Summary>([...args.slice(0, -1), join(tempDir(), 'whole')], {workspace})
    expect(resumed.counts).toEqual(whole.counts)
    expect(readFileSync(join(out, 'notices.mbox'), 'utf8').match(/^From /gm)).toHaveLength(whole.counts.byChannel.email!)
  }, 120_000)

  it('a folder it cannot write to stops the run with the reason, not a stack trace or an errno', async () => {
    const file = join(tempDir(), 'a-file')
    writeFileSync(file, 'x')
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--template', 'customer/us', '--out', join(file, 'out')], {workspace})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${join(file, 'out')}: a part of the path is a file, where a folder was expected`)
    expect(result.stderr).not.toMatch(/\n\s+at |ENOTDIR|Error:.*Error/)
  })

  it('an output folder with an earlier batch is refused, replaced only with --overwrite, and never holds foreign files lost', async () => {
    const out = join(tempDir(), 'batch')
    const args = ['notify', 'customers', '--recipients', csv, '--template', 'customer/us', '--out', out]
    expect((await runCli(args, {workspace})).code).toBe(0)
    chmodSync(out, 0o755)
    chmodSync(join(out, 'notices.mbox'), 0o644)
    const again = await runCli(args, {workspace})
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/--out .*batch is not empty: it holds an earlier batch/)
    const replaced = await runCli([...args, '--overwrite'], {workspace})
    expect(replaced.code, replaced.stderr).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o700)
    expect(statSync(join(out, 'notices.mbox')).mode & 0o777).toBe(0o600)
    writeFileSync(join(out, 'my-notes.txt'), 'keep me')
    const foreign = await runCli([...args, '--overwrite'], {workspace})
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toContain('it holds files runbook did not write (my-notes.txt)')
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('keep me')
  })

  it('a run killed before its first checkpoint can be resumed: it starts again from the first row', async () => {
    const out = join(tempDir(), 'early')
    mkdirSync(out)
    writeFileSync(join(out, 'notices.mbox'), 'From torn-before-any-checkpoint')
    const args = ['notify', 'customers', '--recipients', csv, '--template', 'customer/us', '--out', out]
    const resumed = await runCli([...args, '--resume'], {workspace})
    expect(resumed.code, resumed.stderr).toBe(0)
    const whole = join(tempDir(), 'whole')
    expect((await runCli([...args.slice(0, -1), whole], {workspace})).code).toBe(0)
    const mbox = readFileSync(join(out, 'notices.mbox'), 'utf8')
    expect(mbox).not.toContain('torn-before-any-checkpoint')
    expect(mbox.match(/^From /gm)).toEqual(readFileSync(join(whole, 'notices.mbox'), 'utf8').match(/^From /gm))
  })

  it('a NUL byte in a field rejects the row; /dev/zero as the recipients file is refused at once', async () => {
    const nul = join(tempDir(), 'nul.csv')
    writeFileSync(nul, 'id,name,email,country,state\nA1,Ann\u0000Lee,ann@example.com,US,CA\nA2,Bo Chen,bo@example.com,US,CA\n')
    type Dry = {counts: {notices: number}; rejected: {row: number; reason: string}[]}
    const dry = await runJson<Dry>(['notify', 'customers', '--recipients', nul, '--dry-run'], {workspace})
    expect(dry.counts.notices).toBe(1)
    expect(dry.rejected).toEqual([expect.objectContaining({row: 1, reason: expect.stringContaining('control character (such as NUL)')})])
    const zero = await runCli(['notify', 'customers', '--recipients', '/dev/zero', '--dry-run'], {workspace})
    expect(zero.code).toBe(2)
    expect(zero.stderr).toContain('/dev/zero is not a regular file')
  })

  it('readers with many different data categories: the shapes kept stay within a budget, and the notices are the same', async () => {
    // 30,000 readers with distinct category lists held 1.2 GB when up to 20,000 shapes were kept, whatever their size.
    const categories = ['contact', 'ssn', 'financial', 'payment_card', 'health', 'credentials', 'date_of_birth', 'passport', 'tax_id', 'biometric', 'location']
    const row = (i: number, shapeNo: number) => {
      const list = categories.filter((_, bit) => (shapeNo + 1) & (1 << bit)).join(';')
      const channel = i % 5 === 0 ? 'letter' : 'email'
      return `R${i},Reader ${i},r${i}@mail.example.net,"${i} Main St\nSacramento, CA 95814",en,${channel},US,CA,${list}`
    }
    const header = 'id,name,email,address,language,channel,country,state,data_categories'
    const {notifyCustomers} = await import('../../src/merge/run.js')
    const incident = await incidentFor(workspace)
    const base = {templateId: 'customer/us', format: 'mbox' as const, short: false, dryRun: false, mapping: new Map(), resume: false}

    // 200 different shapes of the full US notice, each met twice (a shape is kept from its second reader on), and
    // room for about a tenth of them.
    const many = join(tempDir(), 'many.csv')
    writeFileSync(many, [header, ...Array.from({length: 400}, (_, i) => row(i, i % 200))].join('\n') + '\n')
    const bounded = await notifyCustomers(incident, {...base, recipients: many, out: join(tempDir(), 'many'), shapeCacheBytes: 1_000_000})
    expect(bounded.counts.notices).toBe(400)
    expect(bounded.shapes).toBe(400)
    expect(bounded.shapesHeld).toBeGreaterThan(5)
    expect(bounded.shapesHeld).toBeLessThan(50)

    // 60 shapes, each met three times: kept from the second time on; with room for one shape only, each is rendered
    // every time, and nothing changes.
    const cycled = join(tempDir(), 'cycled.csv')
    writeFileSync(cycled, [header, ...Array.from({length: 180}, (_, i) => row(i, i % 60))].join('\n') + '\n')
    const [roomyOut, tightOut] = [join(tempDir(), 'roomy'), join(tempDir(), 'tight')]
    const roomy = await notifyCustomers(incident, {...base, recipients: cycled, out: roomyOut})
    const tight = await notifyCustomers(incident, {...base, recipients: cycled, out: tightOut, shapeCacheBytes: 1})
    expect([roomy.shapes, roomy.shapesHeld]).toEqual([120, 60])
    // (all but the 60th of the third round, which is the one shape kept then)
    expect([tight.shapes, tight.shapesHeld]).toEqual([179, 1])
    expect(tight.outputs.map((o) => o.file)).toEqual(['letters-0001.html', 'notices.mbox'])
    expect(roomy.outputs.map((o) => o.file)).toEqual(tight.outputs.map((o) => o.file))
    // Each run has its own message ids and date; all else is the same, byte for byte.
    const normal = (text: string) => text.replace(/[0-9a-f]{12}(?=[._"\n-])/g, 'TOKEN').replace(/^(Date: |From privacy\S+ ).*$/gm, '$1DATE')
    for (const {file} of roomy.outputs)
      expect(normal(readFileSync(join(tightOut, file), 'utf8')), file).toBe(normal(readFileSync(join(roomyOut, file), 'utf8')))
  })

  it('--resume after two interruptions writes the same mbox, letters and lists as one run', async () => {
    const big = join(tempDir(), 'big.csv')
    execFileSync(process.execPath, [join(ROOT, 'bench', 'gen-recipients.js'), '4000', big, '11'], {stdio: 'ignore'})
    const {notifyCustomers} = await import('../../src/merge/run.js')
    const incident = await incidentFor(workspace)
    const base = {recipients: big, templateId: 'customer/us', format: 'mbox' as const, short: true, dryRun: false, mapping: new Map(), checkpointEvery: 300}
    const whole = join(tempDir(), 'whole')
    const one = await notifyCustomers(incident, {...base, out: whole, resume: false})
    const split = join(tempDir(), 'split')
    expect((await notifyCustomers(incident, {...base, out: split, resume: false, stopAfter: 1000})).interrupted).toBe(true)
    writeFileSync(join(split, 'notices.mbox'), 'From torn', {flag: 'a'})
    expect((await notifyCustomers(incident, {...base, out: split, resume: true, stopAfter: 2600})).interrupted).toBe(true)
    // A run killed during its duplicate pass leaves its index behind; the next run clears it.
    mkdirSync(join(split, '.dedupe-killed'))
    const last = await notifyCustomers(incident, {...base, out: split, resume: true})
    expect(last.counts).toEqual(one.counts)
    expect(last.outputs.map((o) => o.file)).toEqual(one.outputs.map((o) => o.file))
    // Each run has its own message ids and date; the resumed one keeps those of its first part.
    const normal = (text: string) => text.replace(/[0-9a-f]{12}(?=[._"\n-])/g, 'TOKEN').replace(/^(Date: |From privacy\S+ ).*$/gm, '$1DATE')
    for (const file of one.outputs.map((o) => o.file))
      expect(normal(readFileSync(join(split, file), 'utf8')), file).toBe(normal(readFileSync(join(whole, file), 'utf8')))
    expect(new Set(readFileSync(join(split, 'notices.mbox'), 'utf8').match(/_runbook_[0-9a-f]{12}/g)).size).toBe(1)
    // Nothing of the run's own is left behind: no progress file, no duplicate index.
    expect(readdirSync(split).filter((f) => f.startsWith('.'))).toEqual([])
    // The recorded hashes are those of the files as they are on disk.
    for (const output of last.outputs)
      expect(output.sha256, output.file).toBe(execFileSync('sha256sum', [join(split, output.file)], {encoding: 'utf8'}).split(' ')[0])
  })
})

/** The open incident of a workspace as the mail merge reads it (for tests that drive the merge directly). */
async function incidentFor(workspace: string) {
  const {createContext} = await import('../../src/app/context.js')
  const {resolveIncident} = await import('../../src/app/incidents.js')
  const {mergeIncident} = await import('../../src/app/notify.js')
  const {bufferIO} = await import('../../src/ui/io.js')
  const ctx = createContext({workspaceFlag: workspace, io: bufferIO(), actorFlag: 't'})
  return mergeIncident(ctx, await resolveIncident(ctx))
}
