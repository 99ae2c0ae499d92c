import {describe, expect, it} from 'vitest'
import {formatProblem, parseYamlWith} from '../../src/core/content/yaml-source.js'
import {workspaceConfigSchema} from '../../src/core/workspace/config.js'
import {orgFactDefinitions} from '../../src/core/facts/org-definitions.js'
import {factDefinition, localise, parseFactValue, unknownFactMessage} from '../../src/core/facts/vocabulary.js'
import {parseFact} from '../../src/core/incident/actions.js'
import {editDistance, nearest} from '../../src/core/nearest.js'
import {thrown} from '../helpers/thrown.js'

const config = (facts: string) => `organization:\n  name: Northwind\nfacts:\n${facts}`
const problems = (yaml: string): string[] => {
  const result = parseYamlWith(workspaceConfigSchema, yaml, 'runbook.yaml')
  return result.ok ? [] : result.problems.map(formatProblem)
}
const own = (facts: string) => {
  const result = parseYamlWith(workspaceConfigSchema, config(facts), 'runbook.yaml')
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
  return orgFactDefinitions(result.value.facts)
}

describe("the organisation's own facts (runbook.yaml facts:)", () => {
  const defs = own(`  enrollment_url: {type: text, description: where customers enrol}
  refund: {type: number, description: the goodwill refund, label: Refund}
  enrol_by: {type: date, description: the last day to enrol}
  hotline_opened_at: {type: instant, description: when the hotline opened}
  hotline_staffed: {type: boolean, description: the call centre is staffed}
  tier: {type: enum, values: [basic, premium], description: the monitoring tier}
  languages_offered: {type: list, description: languages the hotline speaks}
`)
  const parse = (key: string, raw: string) => parseFactValue(factDefinition(key, defs)!, raw, 'America/New_York')

  it('become facts of the kind their type says, with their description', () => {
    expect(defs.map((d) => [d.key, d.type.kind, d.source])).toEqual([
      ['enrollment_url', 'text', 'runbook.yaml'],
      ['refund', 'number', 'runbook.yaml'],
      ['enrol_by', 'date', 'runbook.yaml'],
      ['hotline_opened_at', 'instant', 'runbook.yaml'],
      ['hotline_staffed', 'boolean', 'runbook.yaml'],
      ['tier', 'choice', 'runbook.yaml'],
      ['languages_offered', 'list', 'runbook.yaml'],
    ])
    expect(defs[1]!.label).toBe('Refund')
    expect(defs[0]!.description).toBe('where customers enrol')
  })

  it('are read by type: numbers, calendar dates, local instants, yes/no, one of the values, lists', () => {
    expect(parse('refund', '12.50')).toEqual({ok: true, value: 12.5})
    expect(parse('refund', '1,000')).toEqual({ok: true, value: 1000})
    expect(parse('refund', '-1,250.75')).toEqual({ok: true, value: -1250.75})
    // A decimal comma (de, fr) was read as thousands: "12,50" became 1250.
    expect(parse('refund', '12,50')).toMatchObject({ok: false, message: expect.stringContaining('did you mean 1250 or 12.50?')})
    expect(parse('refund', 'ten').ok).toBe(false)
    expect(parse('refund', '1e9').ok).toBe(false)
    expect(parse('enrol_by', '2026-06-30')).toEqual({ok: true, value: '2026-06-30'})
    expect(parse('enrol_by', '2026-02-30').ok).toBe(false)
    expect(parse('enrol_by', '30/06/2026').ok).toBe(false)
    expect(parse('hotline_opened_at', '2026-03-29 09:00')).toEqual({ok: true, value: '2026-03-29T13:00:00.000Z'})
    expect(parse('hotline_staffed', 'yes')).toEqual({ok: true, value: true})
    expect(parse('tier', 'premium')).toEqual({ok: true, value: 'premium'})
    const wrong = parse('tier', 'gold')
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.message).toContain('basic, premium')
    expect(parse('languages_offered', 'English, Spanish,English')).toEqual({ok: true, value: ['English', 'Spanish']})
  })

  it('are accepted by fact set, and a text one takes a translation (enrollment_url.ja)', () => {
    expect(parseFact({timezone: 'UTC'}, 'enrollment_url', 'https://northwind.example/enrol', defs)).toBe('https://northwind.example/enrol')
    expect(parseFact({timezone: 'UTC'}, 'enrollment_url.ja', 'https://northwind.example/ja/enrol', defs)).toBe('https://northwind.example/ja/enrol')
    // Without the workspace's declarations the same key is unknown.
    expect(thrown(() => parseFact({timezone: 'UTC'}, 'enrollment_url', 'x')).message).toContain('unknown fact "enrollment_url"')
  })

  it("are translated like runbook's own text facts: a Japanese notice reads enrollment_url.ja, or stops on it", () => {
    const facts = {enrollment_url: 'https://northwind.example/enrol'}
    expect(localise(facts, 'ja', 'en', false, defs).untranslated).toEqual(['enrollment_url'])
    expect(localise({...facts, 'enrollment_url.ja': 'https://northwind.example/ja'}, 'ja', 'en', false, defs).facts.enrollment_url).toBe(
      'https://northwind.example/ja',
    )
  })

  it('mistakes in runbook.yaml name the file, the line and the field', () => {
    expect(
      problems(
        config(`  summary: {type: text, description: ours}
  Bad-Key: {type: text, description: x}
  tier: {type: enum, description: the tier}
  note: {type: text}
  size: {type: integer, description: x}
  url: {type: text, values: [a], description: x}
`),
      ),
    ).toEqual([
      'runbook.yaml:4:12 facts.summary: runbook already has a fact "summary": use it as it is, or choose another name',
      'runbook.yaml:5:12 facts.Bad-Key: "Bad-Key" is not a fact key: use lower case letters, digits and underscores (e.g. enrollment_url)',
      'runbook.yaml:6:9 facts.tier.values: an enum fact needs values: the values it may take',
      'runbook.yaml:7:9 facts.note.description: Invalid input: expected string, received undefined',
      'runbook.yaml:8:16 facts.size.type: Invalid option: expected one of "text"|"number"|"date"|"instant"|"boolean"|"enum"|"list"',
      'runbook.yaml:9:29 facts.url.values: values are for type enum; this fact is text',
    ])
  })
})

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('summry', 'summary')).toBe(1)
    expect(editDistance('sumamry', 'summary')).toBe(1)
    expect(editDistance('summarx', 'summary')).toBe(1)
    expect(editDistance('summaryy', 'summary')).toBe(1)
    expect(editDistance('cause', 'summary')).toBeGreaterThan(3)
    expect(editDistance('', 'abc')).toBe(3)
  })

  it('suggests only names near enough to be what was meant, nearest first', () => {
    expect(nearest('summry', ['summary', 'cause', 'consequences'])).toEqual(['summary'])
    expect(nearest('mesures_taken', ['measures_taken', 'material_impact'])).toEqual(['measures_taken'])
    expect(nearest('xyz', ['summary', 'cause'])).toEqual([])
  })

  it("an unknown fact key is answered with the near one, the organisation's own included", () => {
    expect(unknownFactMessage('summry')).toBe('unknown fact "summry"; did you mean summary?')
    expect(unknownFactMessage('summry.ja')).toBe('unknown fact "summry.ja"; did you mean summary.ja?')
    const defs = orgFactDefinitions({enrollment_url: {type: 'text', description: 'x'}})
    expect(unknownFactMessage('enrolment_url', defs)).toBe('unknown fact "enrolment_url"; did you mean enrollment_url?')
  })
})
