import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson, tempDir} from '../helpers/cli.js'

interface Row {
  id: string
  applies: string
  dueAt: string | null
  status: string
  reasons: string[]
  stages: {id: string}[]
  met: {lateByMinutes: number; delayReason: string | null} | null
}

describe('runbook deadlines', () => {
  let workspace: string

  beforeAll(async () => {
    workspace = tempDir()
    writeFileSync(
      join(workspace, 'runbook.yaml'),
      'organization:\n  name: Northwind\n  timezone: Europe/Berlin\n  entity_types: [sec_registrant]\nestablishments:\n  - {region: DE-BE, main: true}\n',
    )
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00+01:00'], {workspace})
    for (const [key, value] of [
      ['affected.DE', '40'],
      ['affected.US-CA', '1240'],
      ['affected.total', '1280'],
      ['risk', 'high'],
      ['encrypted', 'no'],
      ['data_categories', 'contact,financial'],
    ]) {
      expect((await runCli(['fact', 'set', key!, value!], {workspace})).code).toBe(0)
    }
  })

  it('lists what applies with reasons and UTC due times, as JSON', async () => {
    const rows = await runJson<Row[]>(['deadlines'], {workspace})
    const gdpr = rows.find((r) => r.id === 'gdpr-art33')!
    expect(gdpr).toMatchObject({applies: 'yes', dueAt: '2026-03-31T19:00:00.000Z', status: 'overdue'})
    expect(gdpr.reasons).toContain('established in DE-BE (EEA)')
    const ag = rows.find((r) => r.id === 'ca-1798.82-ag')!
    expect(ag.reasons).toContain('1,240 people affected in US-CA, more than 500')
    // The breakdown adds up to affected.total, so countries not listed count as zero.
    expect(rows.find((r) => r.id === 'ukgdpr-art33')).toBeUndefined()
    const sec = rows.find((r) => r.id === 'sec-8k-105')!
    expect(sec.applies).toBe('maybe')
    expect(sec.reasons.at(-1)).toBe('may apply: set materiality_determined_at')
    expect(rows.some((r) => r.applies === 'no')).toBe(false)
    expect((await runJson<Row[]>(['deadlines', '--all'], {workspace})).find((r) => r.id === 'ukgdpr-art33')?.applies).toBe('no')
  })

  it('records the regulation versions once, and says when a rule changed since', async () => {
    const before = (await runJson<{type: string}[]>(['timeline'], {workspace})).filter((e) => e.type === 'regulations.evaluated').length
    expect(before).toBe(1)
    await runCli(['deadlines'], {workspace})
    expect((await runJson<{type: string}[]>(['timeline'], {workspace})).filter((e) => e.type === 'regulations.evaluated').length).toBe(1)
    mkdirSync(join(workspace, 'regulations'), {recursive: true})
    const changed = readFileSync(join(ROOT, 'regulations', 'gdpr.yaml'), 'utf8').replace('hours: 72', 'hours: 48')
    writeFileSync(join(workspace, 'regulations', 'gdpr.yaml'), changed)
    const text = await runCli(['deadlines'], {workspace})
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Rules changed: gdpr')
    expect((await runJson<Row[]>(['deadlines'], {workspace})).find((r) => r.id === 'gdpr-art33')?.dueAt).toBe('2026-03-30T19:00:00.000Z')
  })

  it('refuses a notification dated before the organisation knew of the breach (a year typo), and says how if it is meant', async () => {
    // "2025" for "2026": recorded as "on time, 317d to spare", and no reasons for the delay were asked.
    const typo = await runCli(['deadline', 'met', 'gdpr-art33', '--at', '2025-04-01T10:00Z'], {workspace})
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('is before the organisation knew of the breach')
    expect(typo.stderr).toContain('--force')
    expect((await runJson<Row[]>(['deadlines'], {workspace})).find((r) => r.id === 'gdpr-art33')?.met).toBeFalsy()
  })

  it('a late notification needs the reason for the delay, and keeps it', async () => {
    const refused = await runCli(['deadline', 'met', 'gdpr-art33', '--at', '2026-04-01T10:00Z'], {workspace})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--delay-reason')
    const ok = await runCli(['deadline', 'met', 'gdpr-art33', '--at', '2026-04-01T10:00Z', '--ref', 'BfDI-123', '--delay-reason', 'scope confirmed on day 4'], {
      workspace,
    })
    expect(ok.code).toBe(0)
    const gdpr = (await runJson<Row[]>(['deadlines'], {workspace})).find((r) => r.id === 'gdpr-art33')!
    expect(gdpr.status).toBe('met-late')
    expect(gdpr.met).toMatchObject({delayReason: 'scope confirmed on day 4'})
    expect((await runCli(['deadline', 'met', 'gdpr-art99'], {workspace})).code).toBe(2)
  })

  it('status shows the nearest deadlines first', async () => {
    const status = await runCli(['status'], {workspace})
    const deadlinesAt = status.stdout.indexOf('Deadlines:')
    expect(deadlinesAt).toBeGreaterThan(-1)
    expect(deadlinesAt).toBeLessThan(status.stdout.indexOf('Preparation'))
    expect(status.stdout).toContain('ca-1798.82-individual')
  })

  it('writes an iCalendar file with alarms', async () => {
    const file = join(tempDir(), 'deadlines.ics')
    expect((await runCli(['deadlines', '--ics', file], {workspace})).code).toBe(0)
    const ics = readFileSync(file, 'utf8')
    expect(ics).toMatch(/^BEGIN:VCALENDAR/)
    expect(ics).toContain('ca-1798.82-individual')
    expect(ics).toContain('BEGIN:VALARM')
    expect(ics).not.toContain('gdpr-art33)') // already met
    // Each event is CONFIRMED or, for a deadline that only may apply, TENTATIVE and titled so.
    const other = tempDir()
    await runCli(['incident', 'open', '--playbook', 'lost-device', '--aware-at', '2026-03-02T09:00-06:00'], {workspace: other})
    for (const [key, value] of [
      ['affected.US-TX', '300'],
      ['affected.total', '300'],
      ['encrypted', 'no'],
    ])
      await runCli(['fact', 'set', key!, value!], {workspace: other})
    const maybeFile = join(tempDir(), 'maybe.ics')
    expect((await runCli(['deadlines', '--ics', maybeFile], {workspace: other})).code).toBe(0)
    const events = readFileSync(maybeFile, 'utf8')
      .replace(/\r\n[ \t]/g, '')
      .split('BEGIN:VEVENT')
      .slice(1)
    const tentative = events.filter((e) => /STATUS:TENTATIVE/.test(e))
    expect(tentative.length).toBeGreaterThan(0)
    for (const event of tentative) expect(event).toMatch(/SUMMARY:MAY APPLY: Due:/)
    for (const event of events.filter((e) => /STATUS:CONFIRMED/.test(e))) expect(event).not.toMatch(/MAY APPLY/)
  })

  it('asks for awareness when it is missing', async () => {
    const other = tempDir()
    await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace: other})
    const result = await runCli(['deadlines'], {workspace: other})
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('aware_at is not set')
  })
})

/** A one-obligation contract file, with the obligation's `applies` and `clock` lines as given. */
const acmeRegulation = (applies: string, clock = '{from: aware_at, hours: 24}') =>
  [
    'id: acme-dpa',
    'name: ACME DPA',
    'jurisdiction: US',
    'authority: ACME Corp',
    'zone: America/New_York',
    'kind: contract',
    'source: https://example.org/dpa',
    'last_reviewed: "2026-01-01"',
    'confidence: confirmed',
    'obligations:',
    '  - id: acme-24h',
    '    title: Tell ACME',
    '    notify: [customers]',
    `    applies: ${applies}`,
    `    clock: ${clock}`,
  ].join('\n')

describe('regulation files', () => {
  it('validate names file, line and field', async () => {
    const file = join(tempDir(), 'acme.yaml')
    writeFileSync(file, acmeRegulation('{affected_in: [US-XX]}', '{from: aware_at, hours: 24, days: 1}'))
    const result = await runCli(['regulation', 'validate', file])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/acme\.yaml:15:12 obligations\[0\]\.clock: give exactly one of hours/)
  })

  it('validate refuses a condition that compares a fact with a value it can never have, naming the line', async () => {
    const file = join(tempDir(), 'acme.yaml')
    // A quoted "false" never equals the fact's false: the obligation never applied, and validate said ok.
    for (const [applies, says] of [
      ['{fact: encrypted, equals: "false"}', 'encrypted: "false" is not true or false'],
      ['{fact: risk, equals: hihg}', 'risk: "hihg" is not one of'],
      ['{fact: data_categories, includes_any: [ssn, helth]}', 'data_categories: "helth" is not one of'],
    ]) {
      writeFileSync(file, acmeRegulation(applies!))
      const result = await runCli(['regulation', 'validate', file])
      expect(result.code, applies).toBe(2)
      expect(result.stderr, applies).toMatch(/acme\.yaml:14:\d+ obligations\[0\]\.applies: condition compares /)
      expect(result.stderr, applies).toContain(says)
    }
    writeFileSync(file, acmeRegulation('{fact: encrypted, equals: false}'))
    expect((await runCli(['regulation', 'validate', file])).code).toBe(0)
  })

  it('a workspace can add a contractual obligation', async () => {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Northwind\n')
    mkdirSync(join(workspace, 'regulations'))
    writeFileSync(join(workspace, 'regulations', 'acme.yaml'), acmeRegulation('{affected_in: [US], at_least: 1}'))
    await runCli(['incident', 'open', '--playbook', 'vendor-breach', '--aware-at', '2026-05-01T12:00Z'], {workspace})
    await runCli(['fact', 'set', 'affected.US-NY', '3'], {workspace})
    const row = (await runJson<Row[]>(['deadlines'], {workspace})).find((r) => r.id === 'acme-24h')!
    expect(row).toMatchObject({applies: 'yes', dueAt: '2026-05-02T12:00:00.000Z'})
  })
})

describe('GDPR by establishment (Art. 3(1)) and the lead supervisory authority (Art. 56)', () => {
  async function incidentFor(config: string): Promise<string> {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), config)
    await runCli(['incident', 'open', '--playbook', 'account-takeover', '--aware-at', '2026-03-10T10:00+01:00'], {workspace})
    for (const [key, value] of [
      ['affected.US-CA', '100'],
      ['affected.JP', '50'],
      ['affected.total', '150'],
      ['risk', 'risk'],
      ['encrypted', 'no'],
      ['data_categories', 'contact'],
    ]) {
      // "risk" (not high) takes the notice to the people (Art. 34) away: it needs a reason.
      const reason = key === 'risk' ? ['--reason', 'DPO assessment'] : []
      expect((await runCli(['fact', 'set', key!, value!, ...reason], {workspace})).code).toBe(0)
    }
    return workspace
  }

  it('a company whose main establishment is in Berlin reports a breach of US and Japanese customers to the Berlin authority', async () => {
    const workspace = await incidentFor(
      'organization:\n  name: Nordwind GmbH\n  timezone: Europe/Berlin\nestablishments:\n  - {region: DE-BE, main: true}\n  - {region: US-NY}\n',
    )
    const rows = await runJson<(Row & {recipient?: string; authorities?: {lead?: {id: string; portal?: string}; reason: string}})[]>(['deadlines'], {workspace})
    const art33 = rows.find((r) => r.id === 'gdpr-art33')!
    expect(art33).toMatchObject({applies: 'yes', dueAt: '2026-03-13T09:00:00.000Z'})
    expect(art33.authorities?.lead?.id).toBe('de-be')
    expect(art33.authorities?.reason).toMatch(/main establishment in DE-BE/)
    expect(art33.recipient).toMatch(/Berlin/)
    const text = (await runCli(['deadlines'], {workspace})).stdout
    expect(text).toMatch(/Berlin/)
  })

  it('never names the federal commissioner (BfDI) for a company, and takes the establishments from the incident when it records them', async () => {
    type Art33 = Row & {recipient?: string; authorities?: {lead?: {id: string}; concerned: {id: string}[]; reason: string}}
    const art33Of = async (workspace: string) => (await runJson<Art33[]>(['deadlines'], {workspace})).find((r) => r.id === 'gdpr-art33')!
    // Established in Germany, Land not named: the BfDI was named the lead.
    const inGermany = await art33Of(await incidentFor('organization:\n  name: Nordwind GmbH\nestablishments:\n  - {region: DE, main: true}\n'))
    expect(inGermany.authorities?.lead).toBeUndefined()
    expect(inGermany.authorities?.reason).toMatch(/the authority of the Land where it is, not the federal commissioner: name the Land/)
    // No establishment in the EEA, people in Germany and France: the CNIL is concerned, and for Germany a Land's authority.
    const outside = await incidentFor('organization:\n  name: Northwind Inc.\n')
    for (const [key, value] of [
      ['affected.DE', '40'],
      ['affected.FR', '10'],
      ['affected.total', '200'],
    ])
      expect((await runCli(['fact', 'set', key!, value!, '--force', '--reason', 'counted'], {workspace: outside})).code).toBe(0)
    const toOutside = await art33Of(outside)
    expect(toOutside.authorities?.concerned.map((a) => a.id)).not.toContain('de-bfdi')
    expect(toOutside.authorities?.concerned.length).toBeGreaterThan(0)
    expect(toOutside.recipient).not.toMatch(/Federal Commissioner/)
    expect(toOutside.authorities?.reason).toMatch(/for Germany, the authority of a Land/)
    // The incident says it is established in Berlin: the 'why' and the 'to' agree (the 'to' read runbook.yaml only).
    expect((await runCli(['fact', 'set', 'establishments', 'DE-BE', '--force', '--reason', 'Berlin office'], {workspace: outside})).code).toBe(0)
    expect((await art33Of(outside)).authorities?.lead?.id).toBe('de-be')
  })

  it('the same breach for a US-only company has no GDPR duty', async () => {
    const workspace = await incidentFor(
      'organization:\n  name: Northwind Inc.\n  timezone: America/New_York\nestablishments:\n  - {region: US-NY, main: true}\n',
    )
    const rows = await runJson<Row[]>(['deadlines', '--all'], {workspace})
    expect(rows.find((r) => r.id === 'gdpr-art33')!.applies).toBe('no')
  })

  it('a controller without an EEA establishment names the authority of each country where people affected live', async () => {
    const workspace = await incidentFor(
      'organization:\n  name: Northwind Inc.\n  timezone: America/New_York\nestablishments:\n  - {region: US-NY, main: true}\n',
    )
    await runCli(['fact', 'set', 'affected.FR', '7'], {workspace})
    await runCli(['fact', 'set', 'affected.total', '157'], {workspace})
    const rows = await runJson<(Row & {authorities?: {lead?: unknown; concerned: {id: string}[]}})[]>(['deadlines'], {workspace})
    const art33 = rows.find((r) => r.id === 'gdpr-art33')!
    expect(art33.applies).toBe('yes')
    expect(art33.authorities?.lead).toBeUndefined()
    expect(art33.authorities?.concerned.map((a) => a.id)).toEqual(['fr-cnil'])
  })
})

describe('deadlines --tz', () => {
  it('shows the times in another zone, and refuses a zone that is not one, naming the flag', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'ransomware', '--title', 'Zones', '--tz', 'Europe/Berlin'], {workspace})
    await runCli(['fact', 'set', 'aware_at', '2026-03-27T08:00:00Z'], {workspace})
    const tokyo = await runCli(['deadlines', '--tz', 'Asia/Tokyo'], {workspace})
    expect(tokyo.code).toBe(0)
    expect(tokyo.stdout).toContain('times in Asia/Tokyo')
    const wrong = await runCli(['deadlines', '--tz', 'Mars/Olympus_Mons'], {workspace})
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--tz "Mars/Olympus_Mons" is not an IANA time zone')
  })
})
