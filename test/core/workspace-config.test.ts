import {describe, expect, it} from 'vitest'
import {formatProblem, parseYamlWith} from '../../src/core/content/yaml-source.js'
import {workspaceConfigSchema} from '../../src/core/workspace/config.js'
import {parsePerson, parseRoleAssignment} from '../../src/core/workspace/init.js'
import {thrown} from '../helpers/thrown.js'

/** What a user would read for runbook.yaml: file:line:column field: message, one line per problem. */
const problems = (yaml: string): string[] => {
  const result = parseYamlWith(workspaceConfigSchema, yaml, 'runbook.yaml')
  return result.ok ? [] : result.problems.map(formatProblem)
}
/** The fields zod complains about, with its messages. */
const issues = (value: unknown) => {
  const result = workspaceConfigSchema.safeParse(value)
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message])
}

describe('runbook.yaml schema', () => {
  it('needs only the organisation name, defaulting the zone to UTC and the language to English', () => {
    expect(workspaceConfigSchema.parse({organization: {name: 'Northwind'}})).toEqual({organization: {name: 'Northwind', timezone: 'UTC', locales: ['en']}})
  })

  it('takes a full configuration as written', () => {
    const yaml = `organization:
  name: Northwind Traders
  timezone: Europe/Berlin
  locales: [en, ja, de-DE]
  contact: {email: privacy@northwind.example, phone: +49 30 1234567, website: https://northwind.example/privacy}
  entity_types: [processor, nis2_important]
  dpo: {email: dpo@northwind.example}
regions: [DE, EU, US-CA, JP]
data_inventory:
  - {category: contact, systems: [crm]}
  - {category: payment_card}
regulators:
  - {name: Berliner Beauftragte für Datenschutz, jurisdiction: DE-BE}
channels: [email, letter]
roster:
  incident-commander: {primary: {name: Ana, email: ana@northwind.example, phone: '+49 170 000'}, backup: {name: Ben}}
  legal: {primary: {name: Lee}}
`
    const result = parseYamlWith(workspaceConfigSchema, yaml, 'runbook.yaml')
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.value.organization.locales).toEqual(['en', 'ja', 'de-DE'])
      expect(result.value.roster?.['incident-commander']?.backup).toEqual({name: 'Ben'})
    }
  })

  it('names the field, with line and column, for a wrong time zone, a misspelt key and an unknown region', () => {
    expect(problems('organization:\n  name: Northwind\n  timezone: Europe/Berlim\n  contact:\n    emial: a@b.example\nregions: [DE, US-XX]\n')).toEqual([
      'runbook.yaml:3:13 organization.timezone: expected an IANA time zone such as Europe/Berlin or America/New_York',
      'runbook.yaml:5:5 organization.contact.emial: unknown field "emial"; did you mean "email"?',
      'runbook.yaml:6:15 regions[1]: expected an ISO 3166 code such as DE, JP or US-CA',
    ])
  })

  it('refuses a top-level key a letter or two from a known one, naming it: it was ignored, and the GDPR filing went elsewhere', () => {
    // Other sections are let through (another tool's settings); near misses of runbook's own are not.
    expect(problems('organization:\n  name: Northwind\nestablishment:\n  - region: DE\n    main: true\nrooster: {}\nintegrations: {jira: true}\n')).toEqual([
      'runbook.yaml:3:1 establishment: unknown field "establishment"; did you mean "establishments"?',
      'runbook.yaml:6:1 rooster: unknown field "rooster"; did you mean "roster"?',
    ])
    expect(problems('organization:\n  name: Northwind\nestablishments:\n  - region: DE\n    mian: true\n')).toEqual([
      'runbook.yaml:5:5 establishments[0].mian: unknown field "mian"; did you mean "main"?',
    ])
  })

  it('refuses a missing organisation or an empty name', () => {
    expect(issues({})).toEqual([['organization', 'Invalid input: expected object, received undefined']])
    expect(issues({organization: {name: ''}})).toEqual([['organization.name', 'Too small: expected string to have >=1 characters']])
  })

  it('refuses language codes that are not lower-case two letters (with an optional region), and an empty list', () => {
    expect(issues({organization: {name: 'N', locales: ['en', 'EN', 'english']}})).toEqual([
      ['organization.locales.1', 'expected a language code such as en or ja'],
      ['organization.locales.2', 'expected a language code such as en or ja'],
    ])
    expect(issues({organization: {name: 'N', locales: []}})).toEqual([['organization.locales', 'Too small: expected array to have >=1 items']])
  })

  it('refuses a malformed contact address or website', () => {
    expect(issues({organization: {name: 'N', contact: {email: 'privacy at northwind', website: 'northwind'}}})).toEqual([
      ['organization.contact.email', 'Invalid email address'],
      ['organization.contact.website', 'Invalid URL'],
    ])
  })

  it('refuses entity types, data categories and channels outside the vocabulary', () => {
    const found = issues({organization: {name: 'N', entity_types: ['bank']}, data_inventory: [{category: 'shoe_size'}], channels: ['fax']})
    expect(found.map(([path]) => path)).toEqual(['organization.entity_types.0', 'data_inventory.0.category', 'channels.0'])
    expect(found[2]![1]).toBe('Invalid option: expected one of "email"|"letter"|"sms"|"phone"|"website"')
  })

  it('takes only known roles in the roster, each with a primary', () => {
    expect(issues({organization: {name: 'N'}, roster: {janitor: {primary: {name: 'B'}}}})).toEqual([['roster', 'Unrecognized key: "janitor"']])
    expect(issues({organization: {name: 'N'}, roster: {legal: {backup: {name: 'B'}}}})).toEqual([
      ['roster.legal.primary', 'every role on the roster needs a primary: {name, phone, email}'],
    ])
  })

  it('says what a name, a phone and an email on the roster should look like, with line and field', () => {
    expect(
      problems(`organization: {name: N}
roster:
  incident-commander:
    primary: {name: '  ', phone: '+49 (30) 1234-567 ext 12', email: anna@example.org}
    backup: {name: Ben, phone: call me, email: ben-at-example}
  legal:
    primary: Lee Park
`),
    ).toEqual([
      'runbook.yaml:4:21 roster.incident-commander.primary.name: a name is needed: how colleagues know the person, e.g. "Anna Weber"',
      'runbook.yaml:5:48 roster.incident-commander.backup.email: expected an email address such as anna@example.org',
      'runbook.yaml:5:32 roster.incident-commander.backup.phone: expected a phone number such as "+49 30 1234567" (at least 5 digits; spaces, + - . ( ) and an optional "ext 12")',
      'runbook.yaml:7:14 roster.legal.primary: expected a person: {name, phone, email}',
    ])
    expect(issues({organization: {name: 'N'}, roster: {legal: {primary: {name: 'L', phone: '12-34'}}}})).toEqual([
      ['roster.legal.primary.phone', 'expected a phone number such as "+49 30 1234567" (at least 5 digits; spaces, + - . ( ) and an optional "ext 12")'],
    ])
  })

  it('is strict inside the organisation but lets unknown top-level sections through', () => {
    expect(issues({organization: {name: 'N', nickname: 'NW'}})).toEqual([['organization', 'Unrecognized key: "nickname"']])
    expect(workspaceConfigSchema.parse({organization: {name: 'N'}, integrations: {jira: true}})).toMatchObject({integrations: {jira: true}})
  })

  it('lets the DPO go without a name, unlike a roster person', () => {
    expect(issues({organization: {name: 'N', dpo: {email: 'dpo@northwind.example'}}})).toEqual([])
    expect(issues({organization: {name: 'N'}, roster: {legal: {primary: {email: 'l@northwind.example'}}}})).toEqual([
      ['roster.legal.primary.name', 'Invalid input: expected string, received undefined'],
    ])
  })
})

describe('a roster person as `runbook init` takes it', () => {
  it('reads a name with an email and a phone, and a role by its id or short name', () => {
    expect(parsePerson('Anna Weber <anna@example.org>, +49 170 1234567')).toEqual({name: 'Anna Weber', email: 'anna@example.org', phone: '+49 170 1234567'})
    expect(parseRoleAssignment('ic=Ben Ode, +1 (617) 555-0101')).toEqual(['incident-commander', {name: 'Ben Ode', phone: '+1 (617) 555-0101'}])
    expect(parseRoleAssignment('DPO=Mika <mika@example.org>')[0]).toBe('privacy')
    expect(thrown(() => parseRoleAssignment('janitor=Pat')).message).toBe(
      '"janitor=Pat" should be ROLE=Name <email>, phone, with ROLE one of: incident-commander, security-lead, legal, privacy, communications, it-ops, executive',
    )
    // What init reads is what the roster schema accepts.
    const person = parsePerson('Ben Ode, +1 (617) 555-0101')
    expect(workspaceConfigSchema.safeParse({organization: {name: 'N'}, roster: {legal: {primary: person}}}).success).toBe(true)
  })
})
