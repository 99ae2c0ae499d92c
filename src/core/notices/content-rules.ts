import {evaluate, type Facts} from '../conditions/condition.js'
import type {ContentItem} from '../regulations/schema.js'
import {hasValue, VALUE_ADVICE} from './evidence.js'
import type {Finding} from './lint.js'

/** The content an obligation requires, as the linter receives it. */
export interface RequiredContent {
  obligation: string
  /** Whom the obligation tells: decides which document an item without `document` binds. */
  notify?: readonly string[]
  items: ContentItem[]
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

/** Where the element should be: the blocks that mention it (and the block after each), a section, or all the text. */
function scopes(text: string, item: ContentItem): string[] | null {
  if (item.heading) {
    const under = section(text, item.heading)
    return headingLine(text, item.heading) < 0 ? null : [under]
  }
  if (!item.match || item.match.length === 0) return [text]
  const all = blocks(text)
  const phrases = item.match.map((m) => m.toLowerCase())
  const found: string[] = []
  all.forEach((block, i) => {
    if (!phrases.some((p) => block.toLowerCase().includes(p))) return
    // A heading that names the element covers its whole section; a paragraph, itself and the one after it.
    const heading = /^#{1,6}\s/.test(block) ? block.split('\n')[0]! : undefined
    found.push(heading ? `${block}\n${section(text, stripHeading(heading))}` : `${block}\n${all[i + 1] ?? ''}`)
  })
  return found.length ? found : null
}

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
  for (const {obligation, notify, items} of required) {
    let lastHeading = -1
    for (const item of items) {
      if (!document || !documentsOf(item, notify).includes(document)) continue
      if (item.when) {
        const holds = facts ? evaluate(item.when, facts).result : 'unknown'
        if (holds === 'no') continue
        if (holds === 'unknown') {
          if (item.forbidden || item.heading || item.match || item.check) {
            findings.push({
              severity: 'warning',
              rule: 'not-checked',
              message: `${obligation}: "${item.id}" is required only in some cases, and the facts to decide it are not known here: ${item.text}${cite(item)}`,
              suggestion: 'Lint the notice rendered from the incident (notice lint TEMPLATE), or check this element by hand.',
            })
          }
          continue
        }
      }
      if (item.forbidden) {
        const hit = item.match?.find((m) => lower.includes(m.toLowerCase()))
        if (hit)
          findings.push({
            severity: 'error',
            rule: 'forbidden-content',
            message: `${obligation}: must not contain "${hit}": ${item.text}${cite(item)}`,
            element: item.id,
            source: item.source,
          })
        continue
      }
      if (!item.heading && !item.match && !item.check) continue
      const where = scopes(text, item)
      const kind = item.check ?? 'phrase'
      const ok = where !== null && where.some((scope) => hasValue(kind, scope))
      if (!ok) {
        const what = where === null ? (item.heading ? `the heading "${item.heading}"` : `any of: ${item.match!.join(' / ')}`) : VALUE_ADVICE[kind]
        findings.push({
          severity: 'error',
          rule: 'required-element',
          message: `${obligation}: missing "${item.heading ?? item.id}": ${item.text}${cite(item)}`,
          suggestion: where === null ? `Add ${what}.` : what,
          element: item.id,
          source: item.source,
        })
        continue
      }
      if (item.heading) {
        const at = headingLine(text, item.heading)
        if (at < lastHeading) {
          findings.push({
            severity: 'error',
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
