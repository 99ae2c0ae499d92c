import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {routeFor, routesFileSchema} from '../../src/core/notices/routing.js'
import {dialableFrom} from '../../src/core/notices/evidence.js'
import {parse} from 'yaml'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// The GDPR notices in German, French, Spanish, Italian and Dutch: Art. 34(2) content the linter finds in each
// language, the routing that sends a reader in Germany the German notice, and no +1 888 number for Europe.

const LANGUAGES = [
  {language: 'de', country: 'DE', consequences: '## Was das für Sie bedeuten kann', complaint: 'Art. 77 DSGVO'},
  {language: 'fr', country: 'FR', consequences: '## Ce que cela peut signifier pour vous', complaint: 'article 77 du RGPD'},
  {language: 'es', country: 'ES', consequences: '## Qué puede suponer para usted', complaint: 'artículo 77 del RGPD'},
  {language: 'it', country: 'IT', consequences: '## Che cosa può significare per Lei', complaint: 'articolo 77 del RGPD'},
  {language: 'nl', country: 'NL', consequences: '## Wat dit voor u kan betekenen', complaint: 'artikel 77 AVG'},
] as const

const US_CREDIT_ADVICE = /Equifax|Experian|TransUnion|annualcreditreport|identitytheft\.gov|\bFTC\b/i

/** A workspace whose organisation is established in Berlin, with people affected in each of the five countries. */
async function europeanIncident(extra: [string, string][] = [], options: {omit?: string[]} = {}): Promise<string> {
  const workspace = await sampleIncident(
    [
      ['affected.DE', '300'],
      ['affected.FR', '200'],
      ['affected.ES', '150'],
      ['affected.IT', '120'],
      ['affected.NL', '90'],
      ['affected.total', '2100'],
      ...extra,
    ],
    options,
  )
  const file = join(workspace, 'runbook.yaml')
  writeFileSync(file, readFileSync(file, 'utf8').replace(/establishments:[\s\S]*$/, 'establishments:\n  - {region: DE-BE, main: true}\n  - {region: US-MA}\n'))
  return workspace
}

describe('GDPR notices in German, French, Spanish, Italian and Dutch', () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await europeanIncident()
  })

  for (const {language, country, complaint} of LANGUAGES) {
    it(`${language}: the full and the short notice render for ${country}, with the right to complain and the authority, and lint with no errors`, async () => {
      for (const short of [[], ['--short']]) {
        const flags = ['--for', country, '--locale', language, ...short]
        const result = await runCli(['notice', 'render', 'customer/gdpr', ...flags], {workspace})
        expect(result.code, result.stderr).toBe(0)
        expect(result.stdout).toContain(complaint)
        // The lead authority by its own name (the organisation's main establishment is in Berlin).
        expect(result.stdout).toContain('Berliner Beauftragte für Datenschutz und Informationsfreiheit')
        expect(result.stdout).toContain('dpo@northwind-outfitters.com')
        // A North American toll-free number cannot be dialled from Europe: it is left out.
        expect(result.stdout).not.toContain('888 412 7799')
        expect(result.stdout).not.toMatch(US_CREDIT_ADVICE)
        expect(result.stdout).not.toMatch(/runbook /)
        const lint = await runCli(['notice', 'lint', 'customer/gdpr', ...flags], {workspace})
        expect(lint.code, lint.stdout).toBe(0)
        expect(lint.stdout).toContain('0 errors, 0 warnings')
      }
    })
  }

  it('a notice in German prints no English text: a fact without its German version stops the render and names it', async () => {
    const partial = await europeanIncident([], {omit: ['consequences.de']})
    const result = await runCli(['notice', 'render', 'customer/gdpr', '--for', 'DE', '--locale', 'de'], {workspace: partial})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('consequences.de')
  })

  for (const {language, country, consequences} of LANGUAGES) {
    it(`${language}: the lint fails a notice that leaves out the likely consequences (Art. 34(2) with 33(3)(c))`, async () => {
      // The built-in notice with its consequences section cut out, as the workspace's own template.
      const builtIn = readFileSync(join(ROOT, 'templates', 'customer', `gdpr.${language}.md.njk`), 'utf8')
      const section = new RegExp(`${consequences}\\n\\n\\{\\{ facts\\.consequences \\}\\}\\n\\n`)
      expect(builtIn).toMatch(section)
      mkdirSync(join(workspace, 'templates', 'customer'), {recursive: true})
      const override = join(workspace, 'templates', 'customer', `gdpr.${language}.md.njk`)
      try {
        writeFileSync(override, builtIn.replace(section, ''))
        const lint = await runCli(['notice', 'lint', 'customer/gdpr', '--for', country, '--locale', language], {workspace})
        expect(lint.code, lint.stdout).toBe(1)
        expect(lint.stdout).toContain('gdpr-art34: missing "consequences"')
        expect(lint.stdout).toContain('Art. 33(3)(c)')
      } finally {
        writeFileSync(override, builtIn)
      }
      // With the section back, the same workspace template lints clean again.
      expect((await runCli(['notice', 'lint', 'customer/gdpr', '--for', country, '--locale', language], {workspace})).code).toBe(0)
    })
  }
})

describe('routing by country and language', () => {
  const routes = routesFileSchema.parse(parse(readFileSync(join(ROOT, 'templates', 'routing.yaml'), 'utf8'))).routes

  it('a reader in Germany gets the GDPR notice in German; in France, Spain, Italy and the Netherlands in their language', () => {
    expect(routeFor(routes, 'DE')).toMatchObject({template: 'customer/gdpr', language: 'de'})
    expect(routeFor(routes, 'DE-BY')).toMatchObject({template: 'customer/gdpr', language: 'de'})
    for (const {language, country} of LANGUAGES) expect(routeFor(routes, country)).toMatchObject({template: 'customer/gdpr', language})
    // Belgium has three languages: the reader's own decides, else the organisation's.
    expect(routeFor(routes, 'BE')?.language).toBeUndefined()
  })

  it('the mail merge sends a German reader in DE the German notice, with their name, and an English reader there the English one', async () => {
    const workspace = await europeanIncident()
    const csv = join(tempDir(), 'de.csv')
    writeFileSync(
      csv,
      [
        'id,name,email,address,language,channel,country,state',
        'D1,Max Mustermann,max@mail.example.de,,de,email,DE,',
        'D2,Erika Muster,erika@mail.example.de,,,email,DE,',
        'D3,Sam Smith,sam@mail.example.de,,en,email,DE,',
      ].join('\n') + '\n',
    )
    const out = join(tempDir(), 'out')
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--out', out, '--format', 'jsonl'], {workspace})
    expect(result.code, result.stderr).toBe(0)
    const notices = readFileSync(join(out, 'notices.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {id: string; language: string; subject: string; text: string})
    const byId = new Map(notices.map((n) => [n.id, n]))
    expect(byId.get('D1')).toMatchObject({language: 'de'})
    expect(byId.get('D1')!.text).toContain('Guten Tag Max Mustermann,')
    expect(byId.get('D1')!.subject).toBe('Wichtig: Eine Datenschutzverletzung bei Northwind Outfitters Inc. betrifft Ihre Daten')
    // No language given: the route's language for Germany.
    expect(byId.get('D2')).toMatchObject({language: 'de'})
    expect(byId.get('D3')).toMatchObject({language: 'en'})
    expect(byId.get('D3')!.text).toContain('Article 77 GDPR')
  })
})

describe('phone numbers a reader can call', () => {
  it('a North American toll-free number is not dialable from Europe or Japan; other numbers are', () => {
    expect(dialableFrom('+1 888 412 7799', 'DE')).toBe(false)
    expect(dialableFrom('+1 888 412 7799', 'JP')).toBe(false)
    expect(dialableFrom('+1 888 412 7799', 'US')).toBe(true)
    expect(dialableFrom('+1 888 412 7799', 'CA')).toBe(true)
    expect(dialableFrom('+1 617 555 2100', 'DE')).toBe(true)
    expect(dialableFrom('+49 30 1234567', 'FR')).toBe(true)
  })

  it('the European notices print a phone number their readers can call', async () => {
    const workspace = await europeanIncident()
    const file = join(workspace, 'runbook.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('phone: "+1 888 412 7799"', 'phone: "+49 30 4000 7799"'))
    const result = await runCli(['notice', 'render', 'customer/gdpr', '--for', 'DE', '--locale', 'de'], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('- Telefon: +49 30 4000 7799')
  })
})
