import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

interface TemplateRow {
  id: string
  title: string
  locales: string[]
  forms: string[]
}

describe('notices', () => {
  let workspace: string

  beforeAll(async () => {
    workspace = await sampleIncident()
  })

  it('every built-in template renders with complete facts and lints without errors', async () => {
    // Complete facts for the final PPC report include the number of people in Japan (a final report that still says
    // 調査中 is caught by the lint, as it should be).
    const complete = await sampleIncident([
      ['affected.JP', '41'],
      ['affected.total', '1281'],
    ])
    const templates = await runJson<TemplateRow[]>(['notice', 'list'], {workspace})
    // Listed in the organisation's language, though German sorts before English among the variants.
    expect(templates.find((t) => t.id === 'customer/gdpr')?.title).toBe('Notice to the people affected (GDPR Art. 34)')
    expect(templates.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'customer/us',
        'customer/gdpr',
        'customer/appi',
        'customer/hipaa',
        'regulator/gdpr-art33',
        'regulator/ico',
        'regulator/ppc-sokuho',
        'regulator/ppc-kakuho',
        'regulator/hhs',
        'regulator/sec-8k',
        'regulator/nydfs',
        'internal/executive-summary',
      ]),
    )
    for (const template of templates) {
      for (const form of template.forms) {
        const args = ['notice', 'lint', template.id, '--locale', template.locales[0]!, ...(form === 'short' ? ['--short'] : [])]
        const result = await runCli(args, {workspace: complete})
        expect(result.code, `${template.id} ${form}: ${result.stdout}${result.stderr}`).toBe(0)
      }
    }
  })

  it('the California notice has the mandated title and headings in order', async () => {
    const result = await runCli(['notice', 'render', 'customer/us'], {workspace})
    expect(result.code).toBe(0)
    const headings = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#+\s*/, ''))
    expect(headings).toEqual([
      'Notice of Data Breach',
      'What Happened',
      'What Information Was Involved',
      'What We Are Doing',
      'What You Can Do',
      'For More Information',
    ])
    expect(result.stdout).toContain('Change your password')
    expect(result.stdout).not.toContain('Freeze your credit')
  })

  it('writes a print-ready HTML page and a MIME message, mode 0600, and records only the hash', async () => {
    const dir = tempDir()
    const html = join(dir, 'notice.html')
    expect((await runCli(['notice', 'render', 'customer/us', '--format', 'html', '--out', html], {workspace})).code).toBe(0)
    const page = readFileSync(html, 'utf8')
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('<h1>Notice of Data Breach</h1>')
    expect(page).toContain('@media print')
    expect(statSync(html).mode & 0o777).toBe(0o600)
    const eml = join(dir, 'notice.eml')
    expect((await runCli(['notice', 'render', 'customer/appi', '--locale', 'ja', '--format', 'eml', '--out', eml], {workspace})).code).toBe(0)
    const message = readFileSync(eml, 'utf8')
    expect(message).toMatch(/^Subject: =\?UTF-8\?/m)
    expect(message).toContain('Content-Type: multipart/alternative')
    expect(message).toContain('Content-Type: text/plain; charset=utf-8')
    expect(message).toContain('Content-Type: text/html; charset=utf-8')
    // RFC 5322: every line ends in CRLF, in the parts too, and no line is longer than 78 characters.
    expect(message.match(/[^\r]\n/g)).toBeNull()
    for (const line of message.split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(78)
    const events = (await runJson<{type: string; payload: Record<string, unknown>}[]>(['timeline'], {workspace})).filter((e) => e.type === 'notice.rendered')
    const last = events.at(-1)!
    expect(last.payload).toMatchObject({template: 'customer/appi', locale: 'ja', format: 'eml', out: eml})
    expect(last.payload.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(events)).not.toContain('パスワード')
  })

  it('escapes facts in HTML so they cannot inject markup', async () => {
    const other = await sampleIncident([['summary', 'An attacker wrote <script>alert(1)</script> into a form.']])
    const result = await runCli(['notice', 'render', 'customer/us', '--format', 'html'], {workspace: other})
    expect(result.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(result.stdout).not.toContain('<script>')
  })

  it('a missing fact stops the render, names the fact and the command, and writes nothing', async () => {
    const bare = tempDir()
    writeFileSync(join(bare, 'runbook.yaml'), readFileSync(join(workspace, 'runbook.yaml')))
    await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace: bare})
    const out = join(bare, 'never.md')
    const result = await runCli(['notice', 'render', 'customer/us', '--out', out], {workspace: bare})
    expect(result.code).toBe(2)
    // The US notice decides its state paragraphs from the kinds of data first.
    expect(result.stderr).toContain('facts.data_categories')
    expect(result.stderr).toContain('runbook fact set data_categories')
    expect(() => statSync(out)).toThrow()
  })

  it('names file, line and column for a template syntax error, and lists templates when one is unknown', async () => {
    const own = join(workspace, 'templates', 'customer')
    mkdirSync(own, {recursive: true})
    writeFileSync(join(own, 'broken.en.md.njk'), '---\ntitle: Broken\nkind: customer\n---\nHello\n{% if facts.summary %}\nno end\n')
    const broken = await runCli(['notice', 'render', 'customer/broken'], {workspace})
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/broken\.en\.md\.njk:\d+:\d+/)
    const unknown = await runCli(['notice', 'render', 'customer/nope'], {workspace})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('customer/us')
  })

  it('a workspace template overrides the built-in one with the same name', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'runbook.yaml'), readFileSync(join(workspace, 'runbook.yaml')))
    await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace: dir})
    await runCli(['fact', 'set', 'summary', 'A laptop was stolen.'], {workspace: dir})
    mkdirSync(join(dir, 'templates', 'internal'), {recursive: true})
    writeFileSync(
      join(dir, 'templates', 'internal', 'executive-summary.en.md.njk'),
      '---\ntitle: Ours\nkind: internal\n---\n# Our own summary\n{{ facts.summary }}\n',
    )
    expect((await runCli(['notice', 'render', 'internal/executive-summary'], {workspace: dir})).stdout).toBe('# Our own summary\nA laptop was stolen.\n')
  })

  it('falls back to English and says so when a language has no template', async () => {
    const result = await runCli(['notice', 'render', 'customer/hipaa', '--locale', 'ja'], {workspace})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('has no ja version; rendered in en')
  })

  it('lint fails a bad draft file with errors, and --strict fails on warnings', async () => {
    const dir = tempDir()
    const draft = join(dir, 'draft.md')
    writeFileSync(draft, '# Notice of Data Breach\n\nWe take your privacy very seriously. Contact privacy@example.com. [Insert date]\n')
    const result = await runCli(['notice', 'lint', draft, '--regime', 'ca-1798.82-individual'], {workspace})
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('missing "What Happened"')
    expect(result.stdout).toContain('placeholder contact')
    const warnOnly = join(dir, 'warn.md')
    writeFileSync(warnOnly, 'Out of an abundance of caution, we write to you. Call +1 888 412 7799.\n')
    expect((await runCli(['notice', 'lint', warnOnly], {workspace})).code).toBe(0)
    // A number from the fictional 555-0100..0199 range is no way to reach anyone.
    const fictional = join(dir, 'fictional.md')
    writeFileSync(fictional, 'Out of an abundance of caution, we write to you. Call +1 800 555 0199.\n')
    const fictionalResult = await runCli(['notice', 'lint', fictional], {workspace})
    expect(fictionalResult.code).toBe(1)
    expect(fictionalResult.stdout).toContain('fictional phone number')
    expect((await runCli(['notice', 'lint', warnOnly, '--strict'], {workspace})).code).toBe(1)
  })
})
