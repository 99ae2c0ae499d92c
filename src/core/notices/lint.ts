import {fleschKincaid} from 'flesch-kincaid'
import {syllable} from 'syllable'
import type {Facts} from '../conditions/condition.js'
import {contentFindings, type RequiredContent} from './content-rules.js'
import {emails, hasTollFreePhone, hasValue, phoneNumbers, urls} from './evidence.js'

export type Severity = 'error' | 'warning'

export interface Finding {
  severity: Severity
  rule: string
  message: string
  line?: number
  suggestion?: string
  /** The required element it concerns, and the statute subsection that requires it. */
  element?: string
  source?: string
}

export interface LintInput {
  /** The document as plain text or Markdown (HTML is reduced to text before linting). */
  text: string
  locale: string
  kind: 'customer' | 'regulator' | 'internal' | 'public'
  short: boolean
  exercise: boolean
  /** Required elements, from the regulations the document serves. */
  required: RequiredContent[]
  /** The facts the document was made from, for elements required only in some cases. */
  facts?: Facts
  grade?: number
  words?: number
  sentenceChars?: number
}

export const ONE_MINUTE_WORDS = 250
const DEFAULT_GRADE = {customer: 8, public: 8, regulator: 14, internal: 12} as const
const JA_SENTENCE_CHARS = 100

const LEFTOVERS: [RegExp, string][] = [
  [/\{\{|\}\}|\{%|%\}/, 'template syntax left in the output'],
  [/\bundefined\b/, '"undefined" in the text'],
  [/\bNaN\b/, '"NaN" in the text'],
  [/\[object Object\]/, '"[object Object]" in the text'],
  [/\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b/, 'a TODO/TBD marker'],
  [/\[\s*insert[^\]]*\]/i, 'an [insert ...] placeholder'],
  [/\[\s*(ins[ée]rer|[àa] compl[ée]ter|compl[ée]ter)[^\]]*\]/i, 'an [insérer ...] placeholder'],
  [/\[\s*(입력|기재|삽입)[^\]]*\]|○○○/u, 'a [입력 ...] placeholder'],
  [/lorem ipsum/i, 'placeholder text (lorem ipsum)'],
]

/** Phrases that erode trust, with what to say instead. */
export const VAGUE_PHRASES: {pattern: RegExp; suggestion: string}[] = [
  {pattern: /we take (your|the) (privacy|security)[^.]{0,40}seriously/i, suggestion: 'Show it instead: say what you did, with dates.'},
  {pattern: /out of an abundance of caution/i, suggestion: 'Say plainly why you are writing: what happened and what it means for the reader.'},
  {pattern: /(highly )?sophisticated (cyber[- ]?)?attack/i, suggestion: 'Describe what the attacker did (for example: used a stolen password to sign in).'},
  {
    pattern: /no evidence (of|that)[^.]{0,60}(misuse|misused|used)/i,
    suggestion: 'Say what you checked and when (for example: we reviewed account activity from 1 to 20 March).',
  },
  {pattern: /may have been (accessed|affected|compromised)/i, suggestion: 'Say what you know, and what you do not know yet.'},
  {pattern: /security incident/i, suggestion: 'Name what happened (a stolen laptop, an email sent to the wrong list).'},
  {pattern: /at this time/i, suggestion: 'Give a date, or say "so far".'},
  {pattern: /any inconvenience/i, suggestion: 'Acknowledge the real harm or worry, not inconvenience.'},
  {pattern: /industry[- ]standard/i, suggestion: 'Name the measure (encryption, two-factor sign-in).'},
]

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

/** Words in English prose (numbers and Markdown syntax are not words a reader reads slowly). */
function englishWords(text: string): string[] {
  return text.replace(/[#*_>`|[\]()]/g, ' ').match(/[A-Za-z][A-Za-z'’-]*/g) ?? []
}

/** Sentences, counting a line that ends without punctuation (a heading, a list item, a signature) as one. */
function englishSentences(text: string): number {
  let count = 0
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (!trimmed || /^(\||-{3,})/.test(trimmed)) continue
    count += (trimmed.match(/[.!?]+(\s|$)/g) ?? []).length
    if (!/[.!?:]$/.test(trimmed)) count++
  }
  return Math.max(1, count)
}

/** Flesch-Kincaid grade; texts under MIN_WORDS words score 0 (the formula means little on a few lines). */
export const MIN_WORDS = 30

export function readingGrade(text: string): number {
  const words = englishWords(text)
  if (words.length < MIN_WORDS) return 0
  const syllables = words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0)
  return fleschKincaid({sentence: englishSentences(text), word: words.length, syllable: syllables})
}

/** Checks a notice before it goes out: required elements, leftovers, plain language, vague phrases, contact, EXERCISE. */
export function lintNotice(input: LintInput): Finding[] {
  const {text} = input
  const findings: Finding[] = []
  const document = input.kind === 'regulator' ? 'report' : input.kind === 'internal' ? null : 'notice'
  findings.push(...contentFindings(text, input.required, document, input.facts))
  for (const [pattern, what] of LEFTOVERS) {
    const match = pattern.exec(text)
    if (match) findings.push({severity: 'error', rule: 'leftover', message: `${what}: "${match[0]}"`, line: lineOf(text, match.index)})
  }
  const language = input.locale.slice(0, 2)
  if (language === 'en') {
    const grade = readingGrade(text)
    const limit = input.grade ?? DEFAULT_GRADE[input.kind]
    if (grade > limit)
      findings.push({
        severity: 'warning',
        rule: 'readability',
        message: `reading grade ${grade.toFixed(1)} (Flesch-Kincaid) is above ${limit} for a ${input.kind} document`,
        suggestion: 'Use shorter sentences and everyday words.',
      })
    const words = englishWords(text).length
    const budget = input.words ?? (input.short ? ONE_MINUTE_WORDS : undefined)
    if (budget && words > budget)
      findings.push({
        severity: 'warning',
        rule: 'length',
        message: `${words} words; the short form should be read in about a minute (${budget} words)`,
        suggestion: 'Keep the essentials; link to the full notice for the rest.',
      })
  }
  if (language === 'ja') {
    const limit = input.sentenceChars ?? JA_SENTENCE_CHARS
    const sentences = text
      .replace(/^[#>*\-| ]+/gm, '')
      .split(/[。！？\n]/)
      .map((s) => s.trim())
      .filter(Boolean)
    const long = sentences.filter((s) => [...s].length > limit)
    for (const sentence of long.slice(0, 5)) {
      findings.push({
        severity: 'warning',
        rule: 'sentence-length',
        message: `a sentence of ${[...sentence].length} characters (limit ${limit}): "${[...sentence].slice(0, 30).join('')}..."`,
        line: lineOf(text, text.indexOf(sentence)),
        suggestion: '文を短く区切ってください。',
      })
    }
  }
  for (const {pattern, suggestion} of input.kind === 'customer' || input.kind === 'public' ? VAGUE_PHRASES : []) {
    const match = pattern.exec(text)
    if (match) findings.push({severity: 'warning', rule: 'vague-phrase', message: `"${match[0]}"`, line: lineOf(text, match.index), suggestion})
  }
  if (input.kind === 'customer' || input.kind === 'public') {
    for (const placeholder of [...emails(text).placeholder, ...urls(text).placeholder]) {
      findings.push({
        severity: 'error',
        rule: 'contact',
        message: `placeholder contact "${placeholder}": give a real address`,
        line: lineOf(text, text.indexOf(placeholder)),
      })
    }
    for (const match of text.matchAll(/\+?[\d(][\d\s().-]{6,}\d/g)) {
      if (!phoneNumbers(match[0]).length && /555[\s.-]?01\d\d/.test(match[0])) {
        findings.push({
          severity: 'error',
          rule: 'contact',
          message: `fictional phone number "${match[0].trim()}" (555-0100 to 555-0199 are reserved for fiction)`,
          line: lineOf(text, match.index!),
        })
      }
    }
    if (language === 'ja' && hasTollFreePhone(text)) {
      const number = phoneNumbers(text).find((raw) => hasTollFreePhone(raw))!
      findings.push({
        severity: 'error',
        rule: 'contact',
        message: `"${number}" is a North American toll-free number, which cannot be dialled from Japan`,
        line: lineOf(text, text.indexOf(number)),
        suggestion: 'Give a number readers in Japan can call (a 0120 or 0800 free-dial line, or a Japanese number), in the fact contact_phone_jp.',
      })
    }
    if (!hasValue('contact', text)) {
      findings.push({
        severity: 'error',
        rule: 'contact',
        message: 'no real way to contact the organisation (a phone number, email address, web page or postal address)',
        suggestion: 'Set organization.contact in runbook.yaml and show it.',
      })
    }
  }
  if (input.exercise) {
    const marks = text.match(/EXERCISE EXERCISE EXERCISE/g)?.length ?? 0
    if (marks < 2)
      findings.push({severity: 'error', rule: 'exercise-marking', message: 'drill output must carry "EXERCISE EXERCISE EXERCISE" at the top and the bottom'})
  }
  return findings
}
