import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {chromiumPath} from '../../src/render/pdf.js'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// Printing needs Debian's chromium (CI installs it with .ci/run); without it these tests say why and do not run.
const hasChromium = existsSync(chromiumPath()) && existsSync('/usr/bin/pdftotext')
if (!hasChromium && process.env.RUNBOOK_CI) throw new Error(`CI must print letters: no Chromium at ${chromiumPath()} or no pdftotext`)
if (!hasChromium) console.warn(`letters.test.ts: no Chromium at ${chromiumPath()} or no pdftotext: PDF tests not run (apt-get install chromium poppler-utils)`)

const LETTERS =
  [
    'id,name,email,address,language,channel,country,state',
    'L1,Ben Ode,,"12 Elm St\nSpringfield, CA 90001",en,letter,US,CA',
    'L2,Cara Diaz,,"9 Oak Ave\nFresno, CA 93650",en,letter,US,CA',
  ].join('\n') + '\n'

function pages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], {encoding: 'utf8'})
    .split('\f')
    .filter((p) => p.trim())
}

describe('letters a mail house would print', () => {
  let workspace: string
  let csv: string

  beforeAll(async () => {
    workspace = await sampleIncident()
    const config = readFileSync(join(workspace, 'runbook.yaml'), 'utf8').replace(
      '  dpo:',
      // The Japanese notice prints the signatory in Japanese (never the English title): its translation is given.
      '  signatory: {name: Ana Ruiz, title: Chief Privacy Officer, translations: {ja: {name: アナ・ルイズ, title: 最高プライバシー責任者}}}\n  dpo:',
    )
    writeFileSync(join(workspace, 'runbook.yaml'), config)
    csv = join(tempDir(), 'letters.csv')
    writeFileSync(csv, LETTERS)
  })

  it('each letter has the letterhead, the recipient block, the body and the signatory', async () => {
    const out = join(tempDir(), 'out')
    expect((await runCli(['notify', 'customers', '--recipients', csv, '--out', out], {workspace})).code).toBe(0)
    const html = readFileSync(join(out, 'letters-0001.html'), 'utf8')
    const letters = html.match(/<section class="letter[\s\S]*?<\/section>/g)!
    expect(letters).toHaveLength(2)
    for (const letter of letters) {
      expect(letter.indexOf('Northwind Outfitters Inc.')).toBeLessThan(letter.indexOf('class="address"'))
      expect(letter).toContain('100 Harbor Street, Boston, MA 02110')
      // Signed once: the notice's own closing carries the signatory, so the letter adds no second signature.
      expect(letter.match(/Ana Ruiz/g)).toHaveLength(1)
      expect(letter).toContain('Chief Privacy Officer')
    }
    // A US organisation prints on US Letter.
    expect(html).toContain('size: 8.5in 11in')
  })

  it('a Japanese letter puts the address first and the name with 様 on its own line', async () => {
    const jp = join(tempDir(), 'jp.csv')
    writeFileSync(jp, 'id,name,email,address,language,channel,country,state\nJ1,佐藤 美咲,,"〒100-0001 東京都千代田区千代田1-1",ja,letter,JP,\n')
    const out = join(tempDir(), 'out-ja')
    const result = await runCli(['notify', 'customers', '--recipients', jp, '--out', out], {workspace})
    expect(result.code, result.stderr).toBe(0)
    const html = readFileSync(join(out, 'letters-0001.html'), 'utf8')
    expect(html).toMatch(/〒100-0001 東京都千代田区千代田1-1\n<span class="honorific">佐藤 美咲 様<\/span>/)
    expect(html).toContain('.letter.ja .address .honorific { display: block; }')
    // Signed once, in Japanese: no English name or title under the Japanese closing.
    expect(html.match(/アナ・ルイズ/g)).toHaveLength(1)
    expect(html).not.toContain('Ana Ruiz')
    expect(html).not.toContain('Chief Privacy Officer')
  })

  it.runIf(hasChromium)('prints each batch to PDF on the right paper, each letter numbered page N of M on its own', async () => {
    const out = join(tempDir(), 'pdf')
    const result = await runJson<{outputs: {file: string}[]}>(['notify', 'customers', '--recipients', csv, '--out', out, '--letters', 'pdf'], {workspace})
    expect(result.outputs.map((o) => o.file)).toContain('letters-0001.pdf')
    const pdf = join(out, 'letters-0001.pdf')
    expect(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'})).toMatch(/Page size:\s+612 x 792 pts \(letter\)/)
    const text = pages(pdf)
    // Two letters, each starting at "Page 1 of M": the numbering restarts with every letter.
    const firsts = text.filter((p) => /Page 1 of \d/.test(p))
    expect(firsts).toHaveLength(2)
    for (const page of text) expect(page).toMatch(/Page \d of \d/)
    expect(text.join('\n')).toContain('Ben Ode')
    expect(text.join('\n')).toContain('Cara Diaz')
  })

  it.runIf(hasChromium)('a drill letter carries the EXERCISE banner on every page, and a German organisation prints on A4', async () => {
    const drillWorkspace = tempDir()
    writeFileSync(
      join(drillWorkspace, 'runbook.yaml'),
      'organization:\n  name: Nordwind GmbH\n  timezone: Europe/Berlin\n  country: DE\n  contact:\n    email: datenschutz@nordwind.de\n    address: Friedrichstraße 1, 10117 Berlin\n',
    )
    const id = (await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--manual'], {workspace: drillWorkspace})).stdout.trim()
    for (const [key, value] of [
      ['summary', 'A vendor exposed a file with customer names.'],
      ['consequences', 'Someone could send you convincing fake messages.'],
      ['measures_taken', 'The vendor removed the file and we changed how files are shared.'],
      ['occurred_at', '2026-03-01T10:00Z'],
      ['data_categories', 'contact'],
      ['law_enforcement_delay', 'false'],
    ]) {
      await runCli(['fact', 'set', key!, value!, '--incident', id], {workspace: drillWorkspace})
    }
    const file = join(tempDir(), 'de.csv')
    writeFileSync(file, 'id,name,email,address,language,channel,country,state\nD1,Max Muster,,"Hauptstraße 5\n10115 Berlin",en,letter,US,CA\n')
    const out = join(tempDir(), 'drill')
    const result = await runCli(
      ['notify', 'customers', '--recipients', file, '--out', out, '--letters', 'pdf', '--incident', id, '--template', 'customer/us'],
      {
        workspace: drillWorkspace,
      },
    )
    expect(result.code, result.stderr + result.stdout).toBe(0)
    const pdf = join(out, 'letters-0001.pdf')
    expect(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'})).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/)
    for (const page of pages(pdf)) expect(page).toContain('EXERCISE EXERCISE EXERCISE')
  })
})
