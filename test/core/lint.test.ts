import {describe, expect, it} from 'vitest'
import {lintNotice, readingGrade, type LintInput} from '../../src/core/notices/lint.js'

const base: LintInput = {text: '', locale: 'en', kind: 'customer', short: false, exercise: false, required: []}
const lint = (text: string, extra: Partial<LintInput> = {}) => lintNotice({...base, text, ...extra})
const rules = (text: string, extra: Partial<LintInput> = {}) => lint(text, extra).map((f) => `${f.severity}:${f.rule}`)
const CONTACT = '\nCall us on +1 888 412 7799 or email help@northwind-outfitters.com.'

describe('notice lint', () => {
  it('finds leftovers: template syntax, undefined, TODO and [insert] placeholders', () => {
    const findings = lint(`Dear undefined,\nWe {{ oops }} will TODO fix. [Insert date here].${CONTACT}`)
    expect(findings.filter((f) => f.rule === 'leftover').map((f) => f.message)).toEqual([
      'template syntax left in the output: "{{"',
      '"undefined" in the text: "undefined"',
      'a TODO/TBD marker: "TODO"',
      'an [insert ...] placeholder: "[Insert date here]"',
    ])
  })

  it('flags vague phrases with a suggestion, in customer notices only', () => {
    const text = `We take your privacy very seriously. Out of an abundance of caution we are writing. There is no evidence that your data was misused.${CONTACT}`
    const vague = lint(text).filter((f) => f.rule === 'vague-phrase')
    expect(vague).toHaveLength(3)
    expect(vague[0]!.suggestion).toMatch(/Show it/)
    expect(lint(text, {kind: 'regulator'}).filter((f) => f.rule === 'vague-phrase')).toHaveLength(0)
  })

  it('requires mandated headings, in the mandated order', () => {
    const required = [
      {
        obligation: 'ca',
        items: [
          {id: 'a', heading: 'What Happened', text: 'a'},
          {id: 'b', heading: 'What Information Was Involved', text: 'b'},
        ],
      },
    ]
    expect(rules(`## What Happened\nx\n## What Information Was Involved\ny${CONTACT}`, {required})).toEqual([])
    expect(rules(`## What Information Was Involved\ny\n## What Happened\nx${CONTACT}`, {required})).toContain('error:heading-order')
    expect(lint(`## What Happened\nx${CONTACT}`, {required}).find((f) => f.rule === 'required-element')?.message).toContain('What Information Was Involved')
  })

  it('catches content a law forbids (Massachusetts)', () => {
    const required = [{obligation: 'ma-93h', items: [{id: 'n', forbidden: true, text: 'no count', match: ['massachusetts residents were affected']}]}]
    expect(rules(`In total 312 Massachusetts residents were affected.${CONTACT}`, {required})).toContain('error:forbidden-content')
  })

  it('wants a real way to reach the organisation', () => {
    expect(rules('Write to privacy@example.com for help.')).toContain('error:contact')
    expect(rules('We are sorry.')).toContain('error:contact')
    expect(rules(`We are sorry.${CONTACT}`)).not.toContain('error:contact')
  })

  it('scores reading grade and holds the short form to about a minute of reading', () => {
    const plain =
      'We lost a laptop. It had your name on it. We locked it. Call us if you have questions. We are sorry. We will write again when we know more. You do not need to do anything now.'
    const dense =
      'Notwithstanding comprehensive organizational countermeasures implemented consistently throughout the enterprise, unauthorized exfiltration of personally identifiable information necessitated immediate notification to regulatory authorities, supervisory institutions and potentially affected individuals. Comprehensive remediation initiatives, incorporating multifactor authentication methodologies, are anticipated.'
    expect(readingGrade(plain)).toBeLessThan(5)
    expect(readingGrade(dense)).toBeGreaterThan(16)
    expect(rules(dense + CONTACT)).toContain('warning:readability')
    const long = Array.from({length: 60}, () => 'We are sorry that this happened to you.').join(' ')
    expect(rules(long + CONTACT, {short: true})).toContain('warning:length')
    expect(rules(long + CONTACT, {short: false})).not.toContain('warning:length')
  })

  it('measures Japanese sentences in characters', () => {
    const longSentence = 'あ'.repeat(120) + '。'
    expect(rules(`${longSentence}\n電話 03-1234-5678`, {locale: 'ja'})).toContain('warning:sentence-length')
    expect(rules('短い文です。\n電話 03-1234-5678', {locale: 'ja'})).toEqual([])
  })

  it('requires the EXERCISE marking at the top and bottom of drill output', () => {
    expect(rules(`A drill notice.${CONTACT}`, {exercise: true})).toContain('error:exercise-marking')
    expect(rules(`EXERCISE EXERCISE EXERCISE\nA drill notice.${CONTACT}\nEXERCISE EXERCISE EXERCISE`, {exercise: true})).toEqual([])
  })
})

describe('content rules read like a lawyer', () => {
  const phone = (check: 'phone' | 'toll-free-phone' | 'contact') => [
    {
      obligation: 'x-individual',
      notify: ['individuals'],
      items: [{id: 'contact', text: 'how to reach us', match: ['call us', 'contact us'], check, source: 'Test Act s. 1'}],
    },
  ]

  it('an element needing a phone number is missing when the words are there but no number is ("Call us on call the hotline.")', () => {
    const findings = lint('Call us on call the hotline.\nEmail help@northwind-outfitters.com.', {required: phone('phone')})
    const missing = findings.find((f) => f.rule === 'required-element')!
    expect(missing.message).toMatch(/x-individual: missing "contact".*Test Act s\. 1/)
    expect(missing.element).toBe('contact')
    expect(missing.suggestion).toMatch(/real phone number/)
    expect(rules(`Call us on +1 888 412 7799.`, {required: phone('phone')})).not.toContain('error:required-element')
  })

  it('a fictional 555-01xx number is no phone number, and is flagged as a placeholder', () => {
    expect(rules('Call us on +1 800 555 0199. Email help@northwind-outfitters.com.', {required: phone('phone')})).toEqual([
      'error:required-element',
      'error:contact',
    ])
  })

  it('HIPAA-style: "toll-free" in words is not a toll-free number', () => {
    expect(rules('Call us at our toll-free number. Email help@northwind-outfitters.com.', {required: phone('toll-free-phone')})).toContain(
      'error:required-element',
    )
    expect(rules('Call us at 1-888-412-7799 (toll-free).', {required: phone('toll-free-phone')})).not.toContain('error:required-element')
    // A local number is a phone number, but not a toll-free one.
    expect(rules('Call us at 617-440-2200.', {required: phone('toll-free-phone')})).toContain('error:required-element')
  })

  it('a "contact us" heading with no email, phone, page or address is missing its contact', () => {
    const required = [
      {obligation: 'gdpr-art34', notify: ['individuals'], items: [{id: 'contact', text: 'DPO contact', match: ['contact'], check: 'contact' as const}]},
    ]
    expect(rules('## Who to contact\n\nOur data protection officer will help you.\n\nEmail help@northwind-outfitters.com', {required})).not.toContain(
      'error:required-element',
    )
    expect(lint('## Who to contact\n\nOur data protection officer will help you.', {required}).map((f) => f.rule)).toContain('required-element')
  })

  it('a required date must be a date', () => {
    const required = [
      {
        obligation: 'ca',
        notify: ['individuals'],
        items: [{id: 'breach-date', text: 'date of the breach', match: ['breach occurred', 'breach happened'], check: 'date' as const}],
      },
    ]
    expect(rules(`The breach happened recently.${CONTACT}`, {required})).toContain('error:required-element')
    expect(rules(`The breach happened on March 5, 2026.${CONTACT}`, {required})).not.toContain('error:required-element')
    expect(rules(`The breach occurred between 2026-03-01 and 2026-03-05.${CONTACT}`, {required})).not.toContain('error:required-element')
  })

  it('forbidden content binds the document it names: MA residents must not read what happened, the AG must', () => {
    const required = [
      {
        obligation: 'ma-93h',
        notify: ['individuals', 'regulator'],
        items: [{id: 'nature-forbidden', document: 'notice' as const, forbidden: true, text: 'no nature', match: ['what happened']}],
      },
    ]
    expect(rules(`## What Happened\nA laptop was stolen.${CONTACT}`, {required})).toContain('error:forbidden-content')
    expect(rules(`## What Happened\nA laptop was stolen.${CONTACT}`, {required, kind: 'regulator'})).not.toContain('error:forbidden-content')
  })

  it('an element required only in some cases follows the facts, and says so when they are not known', () => {
    const required = [
      {
        obligation: 'ma-93h',
        notify: ['individuals'],
        items: [
          {
            id: 'credit-monitoring',
            text: '18 months of credit monitoring',
            match: ['credit monitoring'],
            when: {fact: 'data_categories', includes_any: ['ssn']},
          },
        ],
      },
    ]
    expect(rules(`We are sorry.${CONTACT}`, {required, facts: {data_categories: ['ssn']}})).toContain('error:required-element')
    expect(rules(`We are sorry.${CONTACT}`, {required, facts: {data_categories: ['contact']}})).toEqual([])
    expect(rules(`We are sorry.${CONTACT}`, {required})).toEqual(['warning:not-checked'])
  })
})
