import {describe, expect, it} from 'vitest'
import {lintNotice, readingGrade, type LintInput} from '../../src/core/notices/lint.js'

const base: LintInput = {text: '', locale: 'en', kind: 'customer', short: false, exercise: false, required: []}
const lint = (text: string, extra: Partial<LintInput> = {}) => lintNotice({...base, text, ...extra})
const rules = (text: string, extra: Partial<LintInput> = {}) => lint(text, extra).map((f) => `${f.severity}:${f.rule}`)
const CONTACT = '\nCall us on +1 800 555 0199 or email help@northwind-outfitters.com.'

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
