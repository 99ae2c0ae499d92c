import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

interface LintSummary {
  errors: number
  findings: {severity: string; message: string}[]
}

interface Obligation {
  id: string
  notify: string[]
  applies: string
  regulation: {jurisdiction: string}
}

/** Every US state and territory runbook has a regulation file for (us-ca.yaml: US-CA), read from the files. */
const US_JURISDICTIONS = [
  ...new Set(
    readdirSync(join(ROOT, 'regulations'))
      .filter((f) => f.startsWith('us-'))
      .map((f) => /^jurisdiction:\s*(\S+)/m.exec(readFileSync(join(ROOT, 'regulations', f), 'utf8'))?.[1] ?? '')
      .filter((j) => /^US-[A-Z]{2}$/.test(j)),
  ),
].sort()

/** The data every state's law covers, people in every jurisdiction, and the facts a complete notice needs. */
const EVERYWHERE: [string, string][] = [
  ['data_categories', 'contact,ssn,drivers_license,financial,payment_card,credentials'],
  ...US_JURISDICTIONS.map((j): [string, string] => [`affected.${j}`, '10']),
  ['affected.total', String(10 * US_JURISDICTIONS.length)],
]

const headings = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#+\s*/, ''))

const CA_HEADINGS = ['Notice of Data Breach', 'What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information']

async function lint(workspace: string, jurisdiction: string, short: boolean): Promise<LintSummary> {
  const result = await runCli(['notice', 'lint', 'customer/us', '--for', jurisdiction, ...(short ? ['--short'] : []), '--json'], {workspace})
  return JSON.parse(result.stdout) as LintSummary
}

async function render(workspace: string, args: string[]) {
  return runCli(['notice', 'render', ...args], {workspace})
}

describe('US customer notices', () => {
  let everywhere: string

  beforeAll(async () => {
    everywhere = await sampleIncident(EVERYWHERE)
  })

  it('knows all 50 states, DC, Puerto Rico, Guam and the US Virgin Islands', () => {
    expect(US_JURISDICTIONS).toHaveLength(54)
    expect(US_JURISDICTIONS).toEqual(expect.arrayContaining(['US-DC', 'US-PR', 'US-GU', 'US-VI', 'US-MA', 'US-CA', 'US-WY']))
  })

  it('renders and lints with no errors, full and short, for every US jurisdiction whose law applies', async () => {
    // The lint checks a state's required content only when its law applies: make sure each one does here.
    const obligations = await runJson<Obligation[]>(['deadlines', '--all'], {workspace: everywhere})
    for (const jurisdiction of US_JURISDICTIONS) {
      const own = obligations.filter((o) => o.regulation.jurisdiction === jurisdiction && o.notify.includes('individuals') && o.applies === 'yes')
      expect(own.length, `${jurisdiction} has an individual notice duty here`).toBeGreaterThan(0)
    }
    for (const jurisdiction of US_JURISDICTIONS) {
      for (const short of [false, true]) {
        const summary = await lint(everywhere, jurisdiction, short)
        const errors = summary.findings.filter((f) => f.severity === 'error').map((f) => f.message)
        expect(errors, `${jurisdiction}${short ? ' short' : ''}`).toEqual([])
      }
    }
    // 56 jurisdictions x 2 forms: about 20 s alone, more on a loaded machine.
  }, 120_000)

  it('renders with no errors for every jurisdiction when no Social Security number was involved, without asking for a monitoring offer', async () => {
    const workspace = await sampleIncident([...EVERYWHERE, ['data_categories', 'contact,payment_card']], {omit: ['monitoring_months', 'monitoring_offer']})
    for (const jurisdiction of US_JURISDICTIONS) {
      const summary = await lint(workspace, jurisdiction, false)
      expect(
        summary.findings.filter((f) => f.severity === 'error').map((f) => f.message),
        jurisdiction,
      ).toEqual([])
    }
  })

  describe('Massachusetts', () => {
    let workspace: string

    beforeAll(async () => {
      workspace = await sampleIncident([
        ['data_categories', 'contact,ssn'],
        ['affected.US-MA', '312'],
        ['affected.total', '312'],
        ['monitoring_months', '18'],
      ])
    })

    for (const short of [false, true]) {
      it(`${short ? 'short' : 'full'}: says nothing of what happened or how many, and gives the police report, the free freeze and the 18-month offer`, async () => {
        const result = await render(workspace, ['customer/us', '--for', 'US-MA', ...(short ? ['--short'] : [])])
        expect(result.code, result.stderr).toBe(0)
        const text = result.stdout
        expect(text).not.toMatch(/what happened/i)
        expect(text).not.toContain('passwords stolen')
        expect(text).not.toContain('312')
        expect(text).not.toMatch(/\b(people|residents|individuals) (were )?affected/i)
        expect(text).toContain('police report')
        expect(text).toContain('security freeze')
        expect(text).toContain('free of charge')
        expect(text).toContain('You will need to provide')
        expect(text).toContain('Equifax: toll-free 1-800-685-1111')
        expect(text).toContain('18 months of credit monitoring')
        expect(text).toContain('at no cost to you')
        expect(text).toContain('how to enrol')
        expect(text).toContain('Enroll by June 30, 2026')
        expect(headings(text)).toEqual(CA_HEADINGS.filter((h) => h !== 'What Happened'))
      })
    }

    it('a missing monitoring offer stops the notice when SSNs were involved, and names the fact', async () => {
      const workspace = await sampleIncident(
        [
          ['data_categories', 'contact,ssn'],
          ['affected.US-MA', '3'],
        ],
        {omit: ['monitoring_offer']},
      )
      const result = await render(workspace, ['customer/us', '--for', 'US-MA'])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('facts.monitoring_offer')
      expect(result.stderr).toContain('runbook fact set monitoring_offer')
      expect(result.stdout).toBe('')
    })

    it('an offer shorter than 18 months fails the lint, saying what the law requires', async () => {
      const short = await sampleIncident([
        ['data_categories', 'contact,ssn'],
        ['affected.US-MA', '3'],
        ['monitoring_months', '12'],
      ])
      const result = await render(short, ['customer/us', '--for', 'US-MA'])
      expect(result.code).toBe(1)
      expect(result.stdout).toContain('at least 18 months of credit monitoring')
      expect(result.stdout).not.toContain('We are offering you 12 months')
    })
  })

  describe('California', () => {
    it('the short notice has the title, the date, the breach dates, the delay statement and the mandated headings in order', async () => {
      const workspace = await sampleIncident()
      const result = await render(workspace, ['customer/us', '--for', 'US-CA', '--short'])
      expect(result.code, result.stderr).toBe(0)
      const text = result.stdout
      expect(headings(text)).toEqual(CA_HEADINGS)
      expect(text).toContain('The breach happened on or around March 27, 2026. It ended on March 28, 2026. We discovered it on March 28, 2026.')
      expect(text).toContain('This notice was not delayed by a law enforcement investigation.')
      expect(text).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/m)
      expect(text).toContain('Change your password')
      // Only passwords and contact details: no credit bureaus.
      expect(text).not.toContain('Equifax')
    })

    it('says so when law enforcement delayed the notice, and stops when nobody has said whether it did', async () => {
      const delayed = await sampleIncident([['law_enforcement_delay', 'true']])
      expect((await render(delayed, ['customer/us', '--for', 'US-CA'])).stdout).toContain('We delayed this notice because a law enforcement agency')
      const unknown = await sampleIncident([], {omit: ['law_enforcement_delay']})
      const result = await render(unknown, ['customer/us', '--for', 'US-CA'])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('facts.law_enforcement_delay')
    })

    it("with a driver's licence number: the agencies' toll-free numbers and addresses, and at least 12 months of protection", async () => {
      const workspace = await sampleIncident([['data_categories', 'contact,drivers_license']])
      const result = await render(workspace, ['customer/us', '--for', 'US-CA'])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain('Experian: toll-free 1-888-397-3742, experian.com/help, P.O. Box 9554, Allen, TX 75013')
      expect(result.stdout).toContain('24 months of credit monitoring and identity theft prevention and mitigation services, at no cost to you')
    })
  })

  it('a breach of Social Security numbers alone carries the credit bureau block', async () => {
    const workspace = await sampleIncident([
      ['data_categories', 'ssn'],
      ['affected.US-TX', '40'],
    ])
    const result = await render(workspace, ['customer/us', '--for', 'US-TX'])
    expect(result.code, result.stderr).toBe(0)
    for (const bureau of ['Equifax: toll-free 1-800-685-1111', 'Experian: toll-free 1-888-397-3742', 'TransUnion: toll-free 1-888-909-8872']) {
      expect(result.stdout).toContain(bureau)
    }
    expect(result.stdout).toContain('Place a security freeze')
    expect(result.stdout).toContain('identitytheft.gov')
  })

  it('Rhode Island gives the number of people affected; Illinois never does', async () => {
    const ri = await render(everywhere, ['customer/us', '--for', 'US-RI'])
    expect(ri.stdout).toContain(`It affected ${10 * US_JURISDICTIONS.length} people in total.`)
    const il = await render(everywhere, ['customer/us', '--for', 'US-IL'])
    expect(il.stdout).not.toContain(String(10 * US_JURISDICTIONS.length))
  })

  it('where the law asks for a toll-free number (Wyoming, Puerto Rico) and the organisation has none, lint stops the notice', async () => {
    const workspace = await sampleIncident(EVERYWHERE)
    const config = join(workspace, 'runbook.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace('+1 888 412 7799', '+1 617 555 2368'))
    for (const jurisdiction of ['US-WY', 'US-PR']) {
      const result = await render(workspace, ['customer/us', '--for', jurisdiction])
      expect(result.code, jurisdiction).toBe(1)
      expect(result.stdout).toContain('[Insert a toll-free telephone number')
      expect(result.stdout).not.toContain('toll-free at +1 617')
    }
    expect((await render(workspace, ['customer/us', '--for', 'US-TX'])).code).toBe(0)
  })

  describe('HIPAA', () => {
    it('gives the dates of the breach and of discovery, the types of information, and a toll-free number with an email and a web site', async () => {
      const workspace = await sampleIncident([['data_categories', 'contact,health']])
      const result = await render(workspace, ['customer/hipaa'])
      expect(result.code, result.stderr).toBe(0)
      const text = result.stdout
      expect(text).toContain('The breach happened on or around March 27, 2026.')
      expect(text).toContain('We discovered it on March 28, 2026.')
      expect(text).toContain('The types of information involved were: contact details')
      expect(text).toContain('health or medical information')
      expect(text).toContain('Call us toll-free at +1 888 412 7799')
      expect(text).toContain('Email privacy@northwind-outfitters.com')
      expect(text).toContain('Visit https://northwind-outfitters.com/security-incident')
      expect(text).toContain('Review the statements from your health insurer')
    })

    it('a number that is not toll-free fails the lint', async () => {
      const workspace = await sampleIncident([['data_categories', 'contact,health']])
      const config = join(workspace, 'runbook.yaml')
      writeFileSync(config, readFileSync(config, 'utf8').replace('+1 888 412 7799', '+1 617 555 2368'))
      const result = await render(workspace, ['customer/hipaa'])
      expect(result.code).toBe(1)
      expect(result.stdout).toContain('[Insert a toll-free telephone number: 45 CFR 164.404(c)(1)(E)')
      expect(result.stdout).not.toContain('toll-free at')
    })
  })
})
