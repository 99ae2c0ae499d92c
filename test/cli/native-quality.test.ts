import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {parse} from 'yaml'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// What a native reader checks in each non-English notice, as data a reviewer can read and extend: one fixture per
// language under test/fixtures/native/, each check a regular expression the rendered notice must (or must not)
// match, with the reason in that language. Every check here failed before the notices were written (there were none
// in German, French, Spanish, Italian or Dutch, and the Japanese one had statute headings and a +1 888 number).

interface Check {
  name: string
  why: string
  must?: string[]
  must_not?: string[]
  ignore_case?: boolean
  forms?: Form[]
}
type Form = 'full' | 'short'
interface Fixture {
  language: string
  template: string
  jurisdiction: string
  forms?: Form[]
  checks: Check[]
  english_allowed: string[]
}

const DIR = join(ROOT, 'test', 'fixtures', 'native')
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(readFileSync(join(DIR, f), 'utf8')) as Fixture)

// \b in the fixtures means a word boundary in any script: JavaScript's \b knows only ASCII letters ("tú", "Grüßen").
const LETTER = '[\\p{L}\\p{N}_]'
const pattern = (source: string, ignoreCase = false) =>
  new RegExp(source.replaceAll('\\b', `(?:(?<!${LETTER})(?=${LETTER})|(?<=${LETTER})(?!${LETTER}))`), `mu${ignoreCase ? 'i' : ''}`)

/** English words that have no place in a notice in another language (none of them is also a German, French, Spanish, Italian or Dutch word). */
const ENGLISH = new Set(
  (
    'the and you your yours our ours with please breach happened what this that will have from about which would should could their ' +
    'there been were email phone letter customer customers sign signed rights complain complaint authority officer security ' +
    'affected involved sorry dear sincerely regards found learned writing answers'
  ).split(/\s+/),
)

/** The text without what is a name or an address in any language: the organisation, its people, URLs, emails, its street. */
function wordsOf(text: string): string[] {
  return (
    text
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/[\w.+-]+@[\w.-]+/g, ' ')
      .replace(/Northwind Outfitters Inc\.|Mika Tanaka|Ana Ruiz|100 Harbor Street, Boston, MA 02110, USA/g, ' ')
      .match(/\p{L}+/gu) ?? []
  ).map((w) => w.toLowerCase())
}

describe('a native reader checks each notice (test/fixtures/native)', () => {
  let workspace: string

  beforeAll(async () => {
    workspace = await sampleIncident([
      ['affected.DE', '300'],
      ['affected.FR', '200'],
      ['affected.ES', '150'],
      ['affected.IT', '120'],
      ['affected.NL', '90'],
      ['affected.JP', '80'],
      ['affected.total', '2180'],
    ])
    const file = join(workspace, 'runbook.yaml')
    const signatory = [
      '  signatory:',
      '    name: Ana Ruiz',
      '    title: Chief Privacy Officer',
      '    translations:',
      '      de: {name: Ana Ruiz, title: Leiterin Datenschutz}',
      '      fr: {name: Ana Ruiz, title: Directrice de la protection des données}',
      '      es: {name: Ana Ruiz, title: Directora de Protección de Datos}',
      '      it: {name: Ana Ruiz, title: Direttrice della protezione dei dati}',
      '      nl: {name: Ana Ruiz, title: Hoofd gegevensbescherming}',
      '      ja: {name: アナ・ルイズ, title: 最高プライバシー責任者}',
      '  dpo:',
    ].join('\n')
    const yaml = readFileSync(file, 'utf8')
      .replace('  dpo:', signatory)
      .replace(/establishments:[\s\S]*$/, 'establishments:\n  - {region: DE-BE, main: true}\n  - {region: US-MA}\n')
    writeFileSync(file, yaml)
  })

  it('has a fixture for every language the built-in notices are written in besides English', () => {
    expect(FIXTURES.map((f) => f.language).sort()).toEqual(['de', 'es', 'fr', 'it', 'ja', 'nl'])
  })

  for (const fixture of FIXTURES) {
    for (const form of fixture.forms ?? (['full', 'short'] as Form[])) {
      it(`${fixture.language}: ${fixture.template} (${form}) reads as a native text`, async () => {
        const short = form === 'short' ? ['--short'] : []
        const result = await runCli(['notice', 'render', fixture.template, '--for', fixture.jurisdiction, '--locale', fixture.language, ...short], {
          workspace,
        })
        expect(result.code, result.stderr).toBe(0)
        const text = result.stdout
        for (const check of fixture.checks.filter((c) => !c.forms || c.forms.includes(form))) {
          const why = `${fixture.language} ${form}, ${check.name}: ${check.why}`
          for (const source of check.must ?? []) expect(text, why).toMatch(pattern(source, check.ignore_case))
          for (const source of check.must_not ?? []) expect(text, why).not.toMatch(pattern(source, check.ignore_case))
        }
        const allowed = new Set(fixture.english_allowed.map((w) => w.toLowerCase()))
        const english = wordsOf(text).filter((w) => ENGLISH.has(w) && !allowed.has(w))
        expect(english, `${fixture.language} ${form}: English words left in the text`).toEqual([])
      })
    }
  }
})
