import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// One routed merge of 10,000 readers across US states (Massachusetts included), Germany, France, Ireland, the UK,
// Japan, Canada and readers whose country is not given: each must get the notice its jurisdiction calls for, in its
// language, with no US credit-bureau advice outside the US notices, no "What Happened" for Massachusetts, and every
// reader who did not get their own notice (a rejected row, an English stand-in) counted in the summary.

interface Place {
  country: string
  state: string
  language: string
  /** The jurisdiction key the summary counts the row under. */
  key: string
  template: string
  /** Words that show which notice (and language) a reader got. */
  marker: RegExp
}

const PLACES: Place[] = [
  {country: 'US', state: 'CA', language: 'en', key: 'US-CA', template: 'customer/us', marker: /Notice of Data Breach/},
  {country: 'US', state: 'TX', language: 'en', key: 'US-TX', template: 'customer/us', marker: /Notice of Data Breach/},
  {country: 'US', state: 'NY', language: 'en', key: 'US-NY', template: 'customer/us', marker: /Notice of Data Breach/},
  {country: 'US', state: 'MA', language: 'en', key: 'US-MA', template: 'customer/us', marker: /Notice of Data Breach/},
  {country: 'DE', state: '', language: '', key: 'DE', template: 'customer/gdpr', marker: /Art\. 77 DSGVO/},
  {country: 'FR', state: '', language: '', key: 'FR', template: 'customer/gdpr', marker: /article 77 du RGPD/},
  {country: 'IE', state: '', language: 'en', key: 'IE', template: 'customer/gdpr', marker: /Article 77 GDPR/},
  {country: 'GB', state: '', language: 'en', key: 'GB', template: 'customer/uk-gdpr', marker: /Information Commissioner/},
  {country: 'JP', state: '', language: '', key: 'JP', template: 'customer/appi', marker: /個人情報/},
  {country: 'CA', state: '', language: 'en', key: 'CA', template: 'customer/pipeda', marker: /Privacy Commissioner of Canada/},
]
const ROWS = 10_000
/** Every 50th row has no country: it cannot be routed and is rejected with its reason. */
const unknownRow = (i: number) => i % 50 === 49
/** Every 40th German reader asks for Polish, which the GDPR notice does not have: English instead, counted. */
const polish = (i: number, place: Place) => place.country === 'DE' && i % 40 === 4

const US_CREDIT = /Equifax|Experian|TransUnion|annualcreditreport|identitytheft\.gov/i

interface Message {
  to: string
  subject: string
  text: string
}

describe('a routed merge of 10,000 readers in many countries', () => {
  let workspace: string
  let csv: string
  const placeOf = new Map<string, Place>()
  let expectedPerKey: Map<string, number>

  beforeAll(async () => {
    workspace = await sampleIncident([
      ['data_categories', 'contact,ssn'],
      ['risk', 'high'],
    ])
    const lines = ['id,name,email,language,channel,country,state']
    expectedPerKey = new Map()
    for (let i = 0; i < ROWS; i++) {
      const place = PLACES[i % PLACES.length]!
      const email = `reader${i}@mail.example.net`
      if (unknownRow(i)) {
        lines.push(`R${i},Reader ${i},${email},en,email,,`)
        continue
      }
      placeOf.set(email, place)
      expectedPerKey.set(place.key, (expectedPerKey.get(place.key) ?? 0) + 1)
      lines.push(`R${i},Reader ${i},${email},${polish(i, place) ? 'pl' : place.language},email,${place.country},${place.state}`)
    }
    csv = join(tempDir(), 'readers.csv')
    writeFileSync(csv, lines.join('\n') + '\n')
  })

  it('sends each reader their own notice, counts every row that did not get one, and every English stand-in', async () => {
    const out = join(tempDir(), 'notices')
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--out', out, '--allow-fallback', '--json'], {workspace})
    expect(result.code, result.stderr).toBe(0)
    const summary = JSON.parse(result.stdout) as {
      counts: {
        rows: number
        notices: number
        rejects: number
        fallbackToEnglish: number
        jurisdictions: Record<string, {template: string; rows?: number; languages: Record<string, number>}>
      }
      rejected: {row: number; reason: string}[]
    }
    const unknown = Array.from({length: ROWS}, (_, i) => i).filter(unknownRow).length
    const polishRows = Array.from({length: ROWS}, (_, i) => i).filter((i) => !unknownRow(i) && polish(i, PLACES[i % PLACES.length]!)).length
    expect(summary.counts.notices).toBe(ROWS - unknown)
    expect(summary.counts.rejects).toBe(unknown)
    expect(new Set(summary.rejected.map((r) => r.reason))).toEqual(
      new Set(['no country: which notice a reader gets depends on where they live (add a country column)']),
    )
    expect(summary.counts.fallbackToEnglish).toBe(polishRows)
    for (const place of PLACES) {
      const counted = summary.counts.jurisdictions[place.key]!
      expect(counted.template, place.key).toBe(place.template)
      expect(
        Object.values(counted.languages).reduce((a, b) => a + b, 0),
        place.key,
      ).toBe(expectedPerKey.get(place.key))
    }
    expect(summary.counts.jurisdictions.DE!.languages).toMatchObject({de: expectedPerKey.get('DE')! - polishRows, en: polishRows})

    // Every message read back from the mbox by Python's mail library: its To and Subject by the strict modern
    // parser, its text part decoded by the classic one (the modern parser on whole messages took 14 s for these 9,800).
    const script = [
      'import mailbox, json, sys, email',
      'from email import policy',
      'from email.parser import BytesParser',
      'strict = BytesParser(policy=policy.default)',
      'box = mailbox.mbox(sys.argv[1])',
      'out = []',
      'for key in box.keys():',
      '    raw = box.get_bytes(key)',
      '    head = strict.parsebytes(raw, headersonly=True)',
      '    plain = [p for p in email.message_from_bytes(raw).walk() if p.get_content_type() == "text/plain"]',
      '    text = plain[0].get_payload(decode=True).decode(plain[0].get_content_charset()) if len(plain) == 1 else ""',
      '    out.append({"to": head["To"].addresses[0].addr_spec, "subject": str(head["Subject"]), "text": text})',
      'json.dump(out, sys.stdout)',
    ].join('\n')
    const messages = JSON.parse(execFileSync('python3', ['-c', script, join(out, 'notices.mbox')], {encoding: 'utf8', maxBuffer: 1 << 30})) as Message[]
    expect(messages).toHaveLength(ROWS - unknown)
    const wrong: string[] = []
    for (const message of messages) {
      const place = placeOf.get(message.to)
      if (!place) {
        wrong.push(`${message.to}: a message for a reader who should have been rejected`)
        continue
      }
      const polishReader = place.country === 'DE' && !message.text.includes('DSGVO')
      if (!polishReader && !place.marker.test(message.text)) wrong.push(`${message.to} (${place.key}): not ${place.template} (${place.marker})`)
      if (place.country !== 'US' && US_CREDIT.test(message.text)) wrong.push(`${message.to} (${place.key}): US credit-bureau text`)
      if (place.state === 'MA' && /What Happened/i.test(message.text)) wrong.push(`${message.to} (US-MA): "What Happened"`)
      if (place.country === 'US' && place.state !== 'MA' && !/^What Happened$/m.test(message.text)) wrong.push(`${message.to} (${place.key}): no What Happened`)
    }
    expect(wrong.slice(0, 10)).toEqual([])
    // The Massachusetts readers get what their law asks for instead.
    const ma = messages.filter((m) => placeOf.get(m.to)?.state === 'MA')
    expect(ma.length).toBe(expectedPerKey.get('US-MA'))
    for (const m of ma.slice(0, 20)) expect(m.text).toMatch(/right to obtain a police report/)
  }, 240_000)
})
