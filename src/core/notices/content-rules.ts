import {evaluate, type Facts} from '../conditions/condition.js'
import type {ContentItem} from '../regulations/schema.js'
import {hasValue, VALUE_ADVICE, type CheckKind} from './evidence.js'
import type {Finding} from './finding.js'

/** The content an obligation requires, as the linter receives it. */
export interface RequiredContent {
  obligation: string
  /** Whom the obligation tells: decides which document an item without `document` binds. */
  notify?: readonly string[]
  items: ContentItem[]
  /**
   * The obligation may apply: the facts do not decide it yet (a reader's jurisdiction brought it in). Its elements
   * are then warnings, not errors: its content may be what another law that does apply forbids.
   */
  undecided?: boolean
}

export type DocumentKind = 'notice' | 'report'

/** Which documents an item binds: as it says, else as its obligation notifies (individuals: the notice). */
function documentsOf(item: ContentItem, notify: readonly string[] | undefined): DocumentKind[] {
  if (item.document) return [item.document]
  if (!notify || notify.length === 0) return ['notice', 'report']
  const docs: DocumentKind[] = []
  if (notify.includes('individuals') || notify.includes('customers') || notify.includes('public')) docs.push('notice')
  if (notify.some((n) => n !== 'individuals' && n !== 'customers' && n !== 'public')) docs.push('report')
  return docs
}

/** Paragraphs: blocks between blank lines (a list item on its own line counts as its own block too). */
function blocks(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((block) => (/^\s*([-*]|\d+\.)\s/m.test(block) ? [block, ...block.split('\n')] : [block]))
    .map((b) => b.trim())
    .filter(Boolean)
}

const LIST_ITEM = /^\s*([-*]|\d+\.)\s/

/** Paragraphs and list items, each on its own: a list is its items (a line that is not an item continues the one before). */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((block) => {
      if (!LIST_ITEM.test(block) && !/\n\s*([-*]|\d+\.)\s/.test(block)) return [block]
      const items: string[] = []
      for (const line of block.split('\n')) {
        if (LIST_ITEM.test(line) || items.length === 0) items.push(line)
        else items[items.length - 1] += `\n${line}`
      }
      return items
    })
    .map((b) => b.trim())
    .filter(Boolean)
}

/** Abbreviations a sentence does not end at: "P.O. Box", "Mr. Smith", "Jan. 5", "U.S.". */
const ABBREVIATION =
  /(\b[A-Z]|\b[A-Z]\.[A-Z]|\b(Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ave|Blvd|Inc|Ltd|Co|Corp|Art|e\.g|i\.e|vs|approx))\.$/

/** Sentences, within paragraphs and list items (a heading or a list item without a full stop is one too). */
export function sentences(text: string): string[] {
  return paragraphs(text).flatMap((paragraph) => {
    const pieces = paragraph.split(/(?<=[.!?])\s+(?=\S)|(?<=[。！？])|\n(?=\s*(?:#|[-*]\s|\d+\.\s))/u).filter((p) => p.trim())
    const merged: string[] = []
    for (const piece of pieces) {
      if (merged.length && ABBREVIATION.test(merged[merged.length - 1]!)) merged[merged.length - 1] += ` ${piece}`
      else merged.push(piece)
    }
    return merged.map((m) => m.trim())
  })
}

const stripHeading = (line: string) =>
  line
    .replace(/^#+\s*|\*\*|__/g, '')
    .trim()
    .toLowerCase()

/** The index of a line that is (only) this heading, in Markdown or plain text. */
export function headingLine(text: string, heading: string): number {
  const wanted = heading.toLowerCase()
  return text.split('\n').findIndex((line) => stripHeading(line) === wanted)
}

/** The text under a heading, up to the next Markdown heading (or the end). */
function section(text: string, heading: string): string {
  const lines = text.split('\n')
  const at = headingLine(text, heading)
  if (at < 0) return ''
  const end = lines.findIndex((line, i) => i > at && /^#{1,6}\s/.test(line))
  return lines.slice(at + 1, end < 0 ? undefined : end).join('\n')
}

/** The `with` groups: each a list of alternatives. */
const groupsOf = (item: ContentItem): string[][] => (item.with ?? []).map((g) => (Array.isArray(g) ? g : [g]).map((p) => p.toLowerCase()))

/** The check kinds an item asks for (all of them, in one place). */
const kindsOf = (item: ContentItem): CheckKind[] => (item.check === undefined ? ['phrase'] : Array.isArray(item.check) ? item.check : [item.check])

interface Places {
  /** Where the element should be, each place holding a match phrase and every `with` group (null: no such place). */
  scopes: string[] | null
  /** A match phrase was found, but never with all its `with` words. */
  phraseOnly?: string
}

/**
 * Where the element should be: the places that mention it (a paragraph and the one after it, a heading's whole
 * section, or, with `within`, one paragraph or one sentence) and hold every `with` group too; a mandated heading's
 * section; or all the text.
 */
function places(text: string, item: ContentItem): Places {
  if (item.heading) {
    const under = section(text, item.heading)
    return {scopes: headingLine(text, item.heading) < 0 ? null : [under]}
  }
  const units = item.within === 'sentence' ? sentences(text) : item.within === 'paragraph' ? paragraphs(text) : blocks(text)
  if (!item.match || item.match.length === 0) return {scopes: item.within ? units : [text]}
  const phrases = item.match.map((m) => m.toLowerCase())
  const groups = groupsOf(item)
  const found: string[] = []
  let phraseOnly: string | undefined
  units.forEach((unit, i) => {
    const lower = unit.toLowerCase()
    const phrase = phrases.find((p) => lower.includes(p))
    if (!phrase) return
    // A heading that names the element covers its whole section; a paragraph, itself and the one after it.
    const heading = !item.within && /^#{1,6}\s/.test(unit) ? unit.split('\n')[0]! : undefined
    const scope = item.within ? unit : heading ? `${unit}\n${section(text, stripHeading(heading))}` : `${unit}\n${units[i + 1] ?? ''}`
    const scopeLower = scope.toLowerCase()
    if (groups.every((alternatives) => alternatives.some((a) => scopeLower.includes(a)))) found.push(scope)
    else phraseOnly ??= phrase
  })
  return found.length ? {scopes: found} : {scopes: null, phraseOnly}
}

/** The text of a place that counts for its value: without the sentences that speak of something else (`except`). */
function valueText(scope: string, item: ContentItem): string {
  if (!item.except?.length) return scope
  const excluded = item.except.map((e) => e.toLowerCase())
  return sentences(scope)
    .filter((sentence) => !excluded.some((e) => sentence.toLowerCase().includes(e)))
    .join('\n')
}

const holds = (scope: string, item: ContentItem, kinds: readonly CheckKind[]) => kinds.every((kind) => hasValue(kind, valueText(scope, item), item.min_months))

const describeGroups = (item: ContentItem) =>
  groupsOf(item)
    .map((alternatives) => alternatives.join(' / '))
    .join('; and ')

const cite = (item: ContentItem) => (item.source ? ` (${item.source})` : '')

/**
 * Checks a document against the content its obligations require: each element present with a real value where one
 * is needed (a date, a phone number that is not fictional, an address), forbidden content absent, mandated headings
 * in order. Elements required only under some facts (`when`) are checked against the facts given; without them
 * they are reported as not checked rather than passed.
 */
export function contentFindings(text: string, required: readonly RequiredContent[], document: DocumentKind | null, facts?: Facts): Finding[] {
  const findings: Finding[] = []
  const lower = text.toLowerCase()
  for (const {obligation: id, notify, items, undecided} of required) {
    const obligation = undecided ? `${id} (may apply: the facts do not decide it yet)` : id
    const severity = undecided ? ('warning' as const) : ('error' as const)
    const withoutOverview = withoutOverviewSentences(text, items)
    let lastHeading = -1
    for (const item of items) {
      if (!document || !documentsOf(item, notify).includes(document)) continue
      if (item.when) {
        const decided = facts ? evaluate(item.when, facts).result : 'unknown'
        if (decided === 'no') continue
        if (decided === 'unknown') {
          if (item.forbidden || item.heading || item.match || item.check) {
            findings.push({
              severity: 'warning',
              rule: 'not-checked',
              message: `${obligation}: "${item.id}" is required only in some cases, and the facts to decide it are not known here: ${item.text}${cite(item)}`,
              suggestion:
                "Lint it with the incident's facts (name the incident with --incident, or lint the template: notice lint TEMPLATE), or check this element by hand.",
            })
          }
          continue
        }
      }
      if (item.forbidden) {
        const hit = forbiddenHit(text, lower, item)
        if (hit)
          findings.push({
            severity,
            rule: 'forbidden-content',
            message: `${obligation}: must not contain "${hit}": ${item.text}${cite(item)}`,
            element: item.id,
            source: item.source,
          })
        continue
      }
      if (!item.heading && !item.match && !item.check) continue
      // An element met by naming it alone is not met by the letter's overview ("This letter explains what happened,
      // what information was involved, what we are doing..."): with that sentence, whole sections could be deleted.
      const {scopes, phraseOnly} = places(namedOnly(item) ? withoutOverview : text, item)
      const kinds = kindsOf(item)
      const ok = scopes !== null && scopes.some((scope) => holds(scope, item, kinds))
      if (!ok) {
        findings.push({
          severity,
          rule: 'required-element',
          message: `${obligation}: missing "${item.heading ?? item.id}": ${item.text}${cite(item)}`,
          suggestion: suggestionFor(item, scopes, phraseOnly, kinds),
          element: item.id,
          source: item.source,
        })
        continue
      }
      if (item.heading) {
        const at = headingLine(text, item.heading)
        if (at < lastHeading) {
          findings.push({
            severity,
            rule: 'heading-order',
            message: `${obligation}: "${item.heading}" is out of the mandated order${cite(item)}`,
            line: at + 1,
            element: item.id,
            source: item.source,
          })
        }
        lastHeading = Math.max(lastHeading, at)
      }
    }
  }
  return findings
}

/** An element the lint finds by a phrase alone: no heading, no value to check, no words that must go with it. */
const namedOnly = (item: ContentItem) =>
  !item.heading && !item.forbidden && Boolean(item.match?.length) && !item.with && kindsOf(item).every((k) => k === 'phrase')

/**
 * The text without its overview sentences: one that names three or more of an obligation's elements found by
 * phrase alone is a summary of the letter, not any of them.
 */
function withoutOverviewSentences(text: string, items: readonly ContentItem[]): string {
  const named = items.filter(namedOnly).map((item) => item.match!.map((m) => m.toLowerCase()))
  if (named.length < 3) return text
  let out = text
  for (const sentence of sentences(text)) {
    const lower = sentence.toLowerCase()
    if (/^#/.test(sentence) || named.filter((phrases) => phrases.some((p) => lower.includes(p))).length < 3) continue
    out = out.replace(sentence, '')
  }
  return out
}

/** What a forbidden item found: a match phrase (with its `with` words and a value of its `check`, when it has them). */
function forbiddenHit(text: string, lower: string, item: ContentItem): string | undefined {
  if (!item.with && !item.within && !item.check) return item.match?.find((m) => lower.includes(m.toLowerCase()))
  const {scopes} = places(text, item)
  const kinds = kindsOf(item)
  const scope = scopes?.find((s) => holds(s, item, kinds))
  if (scope === undefined) return undefined
  const plain = scope.replace(/\s+/g, ' ').trim()
  return plain.length > 90 ? `${plain.slice(0, 87)}...` : plain
}

/** What to add or change so a missing element is there. */
function suggestionFor(item: ContentItem, scopes: string[] | null, phraseOnly: string | undefined, kinds: readonly CheckKind[]): string {
  if (scopes === null && phraseOnly) return `Say it in the same ${item.within ?? 'paragraph'} as "${phraseOnly}": ${describeGroups(item)}.`
  if (scopes === null) return `Add ${item.heading ? `the heading "${item.heading}"` : `any of: ${item.match!.join(' / ')}`}.`
  const missing = kinds.filter((kind) => !scopes.some((scope) => hasValue(kind, valueText(scope, item), item.min_months)))
  const advice = (missing.length ? missing : kinds).map((kind) =>
    kind === 'months' && item.min_months ? `${VALUE_ADVICE.months} (at least ${item.min_months} months)` : VALUE_ADVICE[kind],
  )
  const where = item.match?.length ? ` Put it in the ${item.within ?? 'paragraph'} that speaks of it (${item.match.slice(0, 3).join(' / ')}).` : ''
  return `${advice.join(' ')}${missing.length === 0 && kinds.length > 1 ? ' Give them together.' : ''}${where}`
}
