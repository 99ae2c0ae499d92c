import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintNotice} from '../../src/core/notices/lint.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// The Japanese notice in a natural business register: apology at the open and the close, the signatory in Japanese,
// plain headings, and a contact line readers in Japan can dial. The wording checks themselves are in
// test/fixtures/native/ja.yaml; this file pins the facts and the lint behind them.

const SIGNATORY =
  '  signatory:\n    name: Ana Ruiz\n    title: Chief Privacy Officer\n    translations:\n      ja: {name: アナ・ルイズ, title: 最高プライバシー責任者}\n  dpo:'

async function japaneseIncident(options: {omit?: string[]} = {}): Promise<string> {
  const workspace = await sampleIncident([['affected.JP', '80']], options)
  const file = join(workspace, 'runbook.yaml')
  writeFileSync(file, readFileSync(file, 'utf8').replace('  dpo:', SIGNATORY))
  return workspace
}

const render = (workspace: string) => runCli(['notice', 'render', 'customer/appi', '--for', 'JP', '--locale', 'ja'], {workspace})

describe('the Japanese notice', () => {
  it('gives the Japanese contact line, never the +1 888 number, and lints clean against the APPI items', async () => {
    const workspace = await japaneseIncident()
    const result = await render(workspace)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('お電話：0120-412-779（受付時間：平日9時〜18時）')
    expect(result.stdout).not.toContain('412 7799')
    const lint = await runCli(['notice', 'lint', 'customer/appi', '--for', 'JP', '--locale', 'ja'], {workspace})
    expect(lint.code, lint.stdout).toBe(0)
    expect(lint.stdout).toContain('0 errors, 0 warnings')
  })

  it('stops without a Japanese contact line, and names the fact', async () => {
    const workspace = await japaneseIncident({omit: ['contact_phone_jp']})
    const result = await render(workspace)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('contact_phone_jp')
  })

  it('stops when the signatory has no Japanese name and title, rather than print the English ones', async () => {
    const workspace = await sampleIncident()
    const file = join(workspace, 'runbook.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('  dpo:', '  signatory: {name: Ana Ruiz, title: Chief Privacy Officer}\n  dpo:'))
    const result = await render(workspace)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('organization.signatory.translations')
  })

  it('the lint fails a Japanese notice that gives a North American toll-free number', async () => {
    const workspace = await japaneseIncident()
    // A workspace copy of the notice that prints runbook.yaml's phone number, as the old one did.
    const builtIn = readFileSync(join(ROOT, 'templates', 'partials', 'ja-contact.ja.md.njk'), 'utf8')
    mkdirSync(join(workspace, 'templates', 'partials'), {recursive: true})
    writeFileSync(join(workspace, 'templates', 'partials', 'ja-contact.ja.md.njk'), builtIn.replace('{{ facts.contact_phone_jp }}', '{{ org.contact.phone }}'))
    const lint = await runCli(['notice', 'lint', 'customer/appi', '--for', 'JP', '--locale', 'ja'], {workspace})
    expect(lint.code).toBe(1)
    expect(lint.stdout).toContain('"+1 888 412 7799" is a North American toll-free number, which cannot be dialled from Japan')
  })

  it('a Japanese document with a Japanese number passes the contact rule; the toll-free rule is for Japanese text only', () => {
    const japanese = lintNotice({text: 'お問い合わせ：0120-412-779', locale: 'ja', kind: 'customer', short: false, exercise: false, required: []})
    expect(japanese.filter((f) => f.rule === 'contact')).toEqual([])
    const english = lintNotice({text: 'Call us on +1 888 412 7799.', locale: 'en', kind: 'customer', short: false, exercise: false, required: []})
    expect(english.filter((f) => f.rule === 'contact')).toEqual([])
  })

  it('the lint still finds each APPI item under the plain headings: one left out fails', async () => {
    const workspace = await japaneseIncident()
    const builtIn = readFileSync(join(ROOT, 'templates', 'customer', 'appi.ja.md.njk'), 'utf8')
    const section = /## 4\. 二次被害について\n[\s\S]*?(?=## 5\.)/
    expect(builtIn).toMatch(section)
    mkdirSync(join(workspace, 'templates', 'customer'), {recursive: true})
    writeFileSync(join(workspace, 'templates', 'customer', 'appi.ja.md.njk'), builtIn.replace(section, ''))
    const lint = await runCli(['notice', 'lint', 'customer/appi', '--for', 'JP', '--locale', 'ja'], {workspace})
    expect(lint.code).toBe(1)
    expect(lint.stdout).toContain('jp-appi-individual: missing "secondary-damage"')
  })
})
