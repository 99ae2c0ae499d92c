import {execFileSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

interface Row {
  id: string
  origin: string
  overrides: boolean
  files: {name: string; origin: string; path: string; overrides: boolean}[]
}

const CSV =
  [
    'id,name,email,address,language,channel,country,state',
    'A1,Ana Ruiz,ana@mail.example.net,,en,email,US,CA',
    'L1,Ben Ode,,"12 Elm St\nFresno, CA 93650",en,letter,US,CA',
  ].join('\n') + '\n'

// Northwind's roster gains a legal lead; the rest is appended as given.
const appendConfig = (workspace: string, yaml: string) =>
  writeFileSync(
    join(workspace, 'runbook.yaml'),
    readFileSync(join(workspace, 'runbook.yaml'), 'utf8').replace(/^roster:\n/m, 'roster:\n  legal: {primary: {name: Dana Reyes}}\n') + yaml,
  )

describe('every missing fact at once', () => {
  it('a render names every fact the notice needs and the command that sets each, in one go', async () => {
    const omit = ['summary', 'measures_taken', 'occurred_at', 'law_enforcement_delay', 'data_categories']
    const workspace = await sampleIncident([], {omit})
    const out = join(tempDir(), 'never.md')
    const result = await runCli(['notice', 'render', 'customer/us', '--out', out], {workspace})
    expect(result.code).toBe(2)
    for (const key of omit) expect(result.stderr, key).toMatch(new RegExp(`facts\\.${key} +runbook fact set ${key} `))
    expect(result.stderr).toContain('5 values are missing')
    expect(existsSync(out)).toBe(false)
  })

  it('in a drill beside a real incident, the suggested command carries --incident, and it works as printed', async () => {
    const workspace = await sampleIncident()
    const drill = (await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--manual'], {workspace})).stdout.trim()
    expect(drill).toMatch(/^drill-/)
    const result = await runCli(['notice', 'render', 'customer/us', '--incident', drill, '--for', 'US-CA'], {workspace})
    expect(result.code).toBe(2)
    const line = result.stderr.split('\n').find((l) => l.includes('facts.summary'))!
    expect(line).toContain(`runbook fact set summary "..." --incident ${drill}`)
    // Without --incident the command would go to the real incident: plain commands never act on a drill.
    expect((await runCli(['fact', 'set', 'summary', 'A vendor exposed a file.', '--incident', drill], {workspace})).code).toBe(0)
    const facts = await runJson<{key: string; value: string}[]>(['fact', 'list', '--incident', drill], {workspace})
    expect(facts).toContainEqual(expect.objectContaining({key: 'summary', value: 'A vendor exposed a file.'}))
  })

  it('a typo in fact set is answered with the fact it is near', async () => {
    const workspace = await sampleIncident()
    const result = await runCli(['fact', 'set', 'summry', 'x'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown fact "summry"; did you mean summary?')
  })
})

describe("the organisation's own facts", () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await sampleIncident()
    appendConfig(
      workspace,
      'facts:\n  enrollment_url: {type: text, description: where customers enrol in the monitoring}\n  call_centre_staff: {type: number, description: agents on the phones}\n',
    )
  })

  it('fact set accepts them, checked by type; fact list shows them, and where they are declared', async () => {
    expect((await runCli(['fact', 'set', 'enrollment_url', 'https://northwind-outfitters.com/enrol'], {workspace})).code).toBe(0)
    const wrong = await runCli(['fact', 'set', 'call_centre_staff', 'a dozen'], {workspace})
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('call_centre_staff: "a dozen" is not a number')
    const known = await runJson<{key: string; source?: string}[]>(['fact', 'list', '--known'], {workspace})
    expect(known).toContainEqual(expect.objectContaining({key: 'enrollment_url', source: 'runbook.yaml'}))
    expect((await runCli(['fact', 'list', '--known'], {workspace})).stdout).toMatch(
      /The organisation's own facts \(runbook\.yaml, facts:\)\nenrollment_url +text +where customers enrol/,
    )
    const set = await runJson<{key: string; value: unknown}[]>(['fact', 'list'], {workspace})
    expect(set).toContainEqual(expect.objectContaining({key: 'enrollment_url', value: 'https://northwind-outfitters.com/enrol'}))
  })

  it('a mistake in the declaration names runbook.yaml, the line and the field', async () => {
    const bad = tempDir()
    writeFileSync(join(bad, 'runbook.yaml'), 'organization:\n  name: X\nfacts:\n  tier: {type: enum, description: the tier}\n')
    const result = await runCli(['fact', 'list', '--known'], {workspace: bad})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('runbook.yaml:4:9 facts.tier.values: an enum fact needs values')
  })

  it('a template reads them, and their text prints as text in Markdown (no links)', async () => {
    await runCli(['fact', 'set', 'enrollment_url', '[click here](https://evil.example)'], {workspace})
    const own = join(workspace, 'templates', 'internal')
    mkdirSync(own, {recursive: true})
    writeFileSync(join(own, 'enrol.en.md.njk'), '---\ntitle: Enrol\nkind: internal\n---\nEnrol at {{ facts.enrollment_url }}.\n')
    const result = await runCli(['notice', 'render', 'internal/enrol', '--format', 'html'], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('[click here](https://evil.example)')
    expect(result.stdout).not.toContain('href="https://evil.example"')
  })
})

describe('the template workflow', () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await sampleIncident()
  })

  it('notice edit copies every language and form into the workspace, never over a copy without --force', async () => {
    const result = await runCli(['notice', 'edit', 'customer/us'], {workspace})
    expect(result.code, result.stderr).toBe(0)
    const full = join(workspace, 'templates', 'customer', 'us.en.md.njk')
    const short = join(workspace, 'templates', 'customer', 'us.short.en.md.njk')
    expect(result.stdout).toContain(full)
    expect(result.stdout).toContain(short)
    // Without a terminal the editor is not opened: the paths are printed, with why.
    expect(result.stdout).toContain('no terminal to open an editor in')
    expect(readFileSync(full, 'utf8')).toMatch(/^---\ntitle: Notice of Data Breach/)
    expect(statSync(full).mode & 0o777).toBe(0o600)

    writeFileSync(full, readFileSync(full, 'utf8').replace('We are writing to tell you', 'We are contacting you to tell you'))
    const again = await runCli(['notice', 'edit', 'customer/us'], {workspace})
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already has a copy in this workspace: templates/customer/us.en.md.njk')
    expect(again.stderr).toContain('--force')
    expect(readFileSync(full, 'utf8')).toContain('We are contacting you')
    expect((await runCli(['notice', 'edit', 'customer/us', '--force'], {workspace})).code).toBe(0)
    expect(readFileSync(full, 'utf8')).not.toContain('We are contacting you')
  })

  it('notice list says where each template lives and whether the workspace copy overrides the built-in', async () => {
    const rows = await runJson<Row[]>(['notice', 'list'], {workspace})
    const us = rows.find((r) => r.id === 'customer/us')!
    expect(us.overrides).toBe(true)
    expect(us.files.map((f) => [f.path, f.origin, f.overrides])).toEqual([
      ['templates/customer/us.en.md.njk', 'workspace', true],
      ['templates/customer/us.short.en.md.njk', 'workspace', true],
    ])
    expect(rows.find((r) => r.id === 'customer/gdpr')!.files.every((f) => f.origin === 'built-in' && !f.overrides)).toBe(true)
    const text = (await runCli(['notice', 'list'], {workspace})).stdout
    expect(text).toMatch(/customer\/us +customer +en +full\+short +workspace, overrides built-in/)
    expect(text).toMatch(/customer\/gdpr +customer .*built-in/)
    expect(text).toContain('templates/customer/us.en.md.njk, templates/customer/us.short.en.md.njk')
  })

  it('notice preview writes the page to a private temporary file and prints its path; --open opens it where there is a display', async () => {
    const plain = await runCli(['notice', 'preview', 'customer/us'], {workspace})
    expect(plain.code, plain.stderr).toBe(0)
    const file = plain.stdout.split('\n')[0]!
    expect(file).toMatch(/runbook-preview-.*customer-us\.en\.html$/)
    expect(readFileSync(file, 'utf8')).toContain('<h2>What Happened</h2>')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700)
    expect(plain.stdout).toContain('for a reader in US-CA; lint: 0 errors')

    const noDisplay = await runCli(['notice', 'preview', 'customer/us', '--open'], {workspace, env: {DISPLAY: undefined, WAYLAND_DISPLAY: undefined}})
    expect(noDisplay.stdout).toContain('Not opened: no display to open it on')

    // A display, and an xdg-open that notes what it was asked to open.
    const bin = tempDir()
    const marker = join(bin, 'opened')
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > '${marker}'\n`)
    chmodSync(join(bin, 'xdg-open'), 0o755)
    const opened = await runCli(['notice', 'preview', 'customer/us', '--open', '--for', 'US-MA'], {
      workspace,
      env: {DISPLAY: ':0', PATH: `${bin}:${process.env.PATH}`},
    })
    expect(opened.code, opened.stderr).toBe(0)
    expect(opened.stdout).toContain('Opened with xdg-open')
    // xdg-open runs on its own: wait for the whole line it writes, not just for the file to appear.
    for (let i = 0; i < 100 && !(existsSync(marker) && readFileSync(marker, 'utf8').endsWith('\n')); i++) await new Promise((r) => setTimeout(r, 50))
    expect(readFileSync(marker, 'utf8').trim()).toBe(opened.stdout.split('\n')[0])
    // Massachusetts: the notice must not say what happened.
    expect(readFileSync(opened.stdout.split('\n')[0]!, 'utf8')).not.toContain('What Happened')
  })

  it('a preview records nothing in the timeline', async () => {
    const before = await runJson<unknown[]>(['timeline'], {workspace})
    expect((await runCli(['notice', 'preview', 'customer/us'], {workspace})).code).toBe(0)
    expect(await runJson<unknown[]>(['timeline'], {workspace})).toHaveLength(before.length)
  })
})

describe('sign-off', () => {
  let workspace: string
  let template: string
  beforeAll(async () => {
    workspace = await sampleIncident()
    appendConfig(workspace, 'notices:\n  require_approval: true\n  approver_role: legal\n')
    expect((await runCli(['notice', 'edit', 'customer/us'], {workspace})).code).toBe(0)
    template = join(workspace, 'templates', 'customer', 'us.en.md.njk')
  })

  it('a final render (--out) is refused until the template is approved, naming who must approve and the command', async () => {
    const out = join(tempDir(), 'us.md')
    const refused = await runCli(['notice', 'render', 'customer/us', '--out', out], {workspace})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('customer/us.en.md.njk: not approved')
    expect(refused.stderr).toContain("Who must approve: legal (Dana Reyes, the roster's legal lead)")
    expect(refused.stderr).toContain('runbook notice approve templates/customer/us.en.md.njk --as "Dana Reyes" --role legal')
    expect(existsSync(out)).toBe(false)
    // A draft to standard output is not what goes out: it needs no approval.
    expect((await runCli(['notice', 'render', 'customer/us'], {workspace})).code).toBe(0)
  })

  it('an approval in another role does not count; one in the required role does, and is recorded with the hash', async () => {
    const out = join(tempDir(), 'us.md')
    await runCli(['notice', 'approve', 'templates/customer/us.en.md.njk', '--as', 'Pat Lee', '--role', 'communications'], {workspace})
    expect((await runCli(['notice', 'render', 'customer/us', '--out', out], {workspace})).code).toBe(2)
    const approved = await runJson<{approved: {file: string; sha256: string}[]}>(
      ['notice', 'approve', 'templates/customer/us.en.md.njk', '--as', 'Dana Reyes', '--role', 'legal'],
      {workspace},
    )
    const hash = execFileSync('sha256sum', [template], {encoding: 'utf8'}).split(' ')[0]
    expect(approved.approved).toEqual([{file: 'templates/customer/us.en.md.njk', template: 'customer/us.en.md.njk', sha256: hash, seq: expect.any(Number)}])
    const rendered = await runCli(['notice', 'render', 'customer/us', '--out', out], {workspace})
    expect(rendered.code, rendered.stderr).toBe(0)
    const timeline = await runJson<{type: string; actor: string; payload: Record<string, unknown>}[]>(['timeline'], {workspace})
    expect(timeline).toContainEqual(
      expect.objectContaining({
        type: 'notice.approved',
        actor: 'Dana Reyes',
        payload: expect.objectContaining({approver: 'Dana Reyes', role: 'legal', sha256: hash}),
      }),
    )
  })

  it('a template changed after its approval is refused, saying it changed since', async () => {
    const before = readFileSync(template, 'utf8')
    writeFileSync(template, before.replace('We are writing to tell you', 'We write to tell you'))
    try {
      const refused = await runCli(['notice', 'render', 'customer/us', '--out', join(tempDir(), 'x.md')], {workspace})
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/customer\/us\.en\.md\.njk: it changed since Dana Reyes \(legal\) approved it at/)
    } finally {
      writeFileSync(template, before)
    }
  })

  it('a rendered notice approved as it is may be written again unchanged, even with the template unapproved', async () => {
    const draft = join(tempDir(), 'draft.html')
    writeFileSync(template, readFileSync(template, 'utf8') + '\n')
    // Not approved: only a draft to standard output is possible; the lawyer reads that very file.
    const text = (await runCli(['notice', 'render', 'customer/us', '--format', 'html'], {workspace})).stdout
    writeFileSync(draft, text)
    expect((await runCli(['notice', 'approve', draft, '--as', 'Dana Reyes', '--role', 'legal'], {workspace})).code).toBe(0)
    const final = join(tempDir(), 'final.html')
    const result = await runCli(['notice', 'render', 'customer/us', '--format', 'html', '--out', final], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(readFileSync(final, 'utf8')).toBe(text)
    // A different document (the Markdown form) is not covered by that approval.
    expect((await runCli(['notice', 'render', 'customer/us', '--out', join(tempDir(), 'final.md')], {workspace})).code).toBe(2)
  })

  it('notify customers refuses before writing anything until the template files it uses are approved', async () => {
    const csv = join(tempDir(), 'r.csv')
    writeFileSync(csv, CSV)
    const out = join(tempDir(), 'out')
    const refused = await runCli(['notify', 'customers', '--recipients', csv, '--out', out], {workspace})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Sending these notices needs approval first')
    expect(refused.stderr).toContain('customer/us.en.md.njk: it changed since Dana Reyes (legal) approved it')
    expect(existsSync(out)).toBe(false)
    await runCli(['notice', 'approve', 'customer/us', '--as', 'Dana Reyes', '--role', 'legal'], {workspace})
    const sent = await runCli(['notify', 'customers', '--recipients', csv, '--out', out], {workspace})
    expect(sent.code, sent.stderr).toBe(0)
    // The record says which template bytes the notices came from.
    const timeline = await runJson<{type: string; payload: {templates?: {file: string; sha256: string}[]}}[]>(['timeline'], {workspace})
    const completed = timeline.filter((e) => e.type === 'notify.completed').at(-1)!
    const hash = execFileSync('sha256sum', [template], {encoding: 'utf8'}).split(' ')[0]
    expect(completed.payload.templates).toContainEqual({file: 'templates/customer/us.en.md.njk', sha256: hash})
    expect(completed.payload.templates).toContainEqual(expect.objectContaining({file: '(built-in) partials/us-facts.en.md.njk'}))
  })

  it('a changed workspace partial needs its own approval: it changes the notice', async () => {
    const partial = join(workspace, 'templates', 'partials', 'us-contact.en.md.njk')
    mkdirSync(dirname(partial), {recursive: true})
    writeFileSync(partial, 'Write to us at {{ org.contact.email }}.\n')
    const csv = join(tempDir(), 'r.csv')
    writeFileSync(csv, CSV)
    const refused = await runCli(['notify', 'customers', '--recipients', csv, '--out', join(tempDir(), 'o')], {workspace})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('partials/us-contact.en.md.njk: not approved')
    expect(refused.stderr).not.toContain('customer/us.en.md.njk: ')
  })
})

describe('notify customers says what to do next', () => {
  let workspace: string
  let csv: string
  beforeAll(async () => {
    workspace = await sampleIncident()
    csv = join(tempDir(), 'r.csv')
    writeFileSync(csv, CSV + 'B1,Bad Row,,,en,email,US,CA\n')
  })

  it('names the mbox to import, the letters for the mail house, the rejects, the manifest to keep, and what to record', async () => {
    const out = join(tempDir(), 'out')
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--out', out], {workspace})
    expect(result.code, result.stderr).toBe(0)
    const next = result.stdout.slice(result.stdout.indexOf('What to do next'))
    expect(next).toContain(`import ${out}/notices.mbox into the mail service you send from, sent from privacy@northwind-outfitters.com`)
    expect(next).toContain(`Letters (1): letters-0001.html in ${out} are print-ready pages; send them to the mail house`)
    expect(next).toContain(`fix them from ${out}/rejects.csv`)
    expect(next).toContain(`Keep ${out}/MANIFEST.sha256 with the incident's record`)
    expect(next).toContain('runbook deadline met ca-1798.82-individual --ref')
    // The manifest is what sha256sum checks: every file written, as it is.
    expect(execFileSync('sha256sum', ['-c', 'MANIFEST.sha256'], {cwd: out, encoding: 'utf8'})).toMatch(
      /notices\.mbox: OK\nrejects\.csv: OK|letters-0001\.html: OK/,
    )
    expect(readFileSync(join(out, 'MANIFEST.sha256'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
  })

  it('--json is the same document as before: no next steps in it', async () => {
    const json = await runJson<Record<string, unknown>>(['notify', 'customers', '--recipients', csv, '--out', join(tempDir(), 'j')], {workspace})
    expect(Object.keys(json).sort()).toEqual(['counts', 'dryRun', 'outputs', 'recipientsSha256', 'rejected', 'seconds'])
  })

  it('a dry run writes no manifest and gives no next steps', async () => {
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--dry-run'], {workspace})
    expect(result.stdout).not.toContain('What to do next')
  })
})
