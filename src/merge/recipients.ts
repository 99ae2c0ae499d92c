import {countryCodeForName, regionProblem, subdivisionCodeForName} from '../core/facts/regions.js'
import {DATA_CATEGORIES} from '../core/facts/vocabulary.js'
import {UserError} from '../core/errors.js'

export const CHANNELS = ['email', 'letter', 'none'] as const
export type Channel = (typeof CHANNELS)[number]

/** The fields runbook reads from a recipients file; --map renames a file's columns to these. */
export const FIELDS = ['id', 'name', 'email', 'address', 'language', 'channel', 'country', 'state', 'data_categories'] as const
export type Field = (typeof FIELDS)[number]

export interface Recipient {
  row: number
  id: string
  name: string
  email: string
  address: string
  language: string
  channel: Channel
  /** ISO region the recipient lives in: a subdivision (US-CA) when known, else a country, else "unknown". */
  jurisdiction: string
  /** Shared by the rows that name the same list: frozen. */
  categories: readonly string[] | null
}

export interface Reject {
  row: number
  /** What is wrong, with the value that is (for rejects.csv and the dry run, which stay with the operator). */
  reason: string
  /**
   * The kind of problem, with no value from the file: what is counted, and recorded in the timeline. A reason with
   * the value in it would put a recipient's data in the record, and make as many counts as there are bad rows.
   */
  kind: string
}

/** A place (US-CA, DE, unknown), or why the country or state is not one. */
type Place = string | {reason: string; kind: string}

const BAD_ENCODING = 'bad encoding: the row is not valid UTF-8 (save the file as "CSV UTF-8"; plain CSV from a spreadsheet may be Windows-1252)'

/** A replacement character (bytes that were not UTF-8) or a control character other than tab and line breaks. */
// eslint-disable-next-line no-control-regex
const UNREADABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\uFFFD]/

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/

/** Parses --map "customer_no=id,mail=email" into file column -> runbook field. */
export function parseMapping(specs: readonly string[]): Map<string, Field> {
  const mapping = new Map<string, Field>()
  for (const spec of specs.flatMap((s) => s.split(','))) {
    const [column, field] = spec.split('=').map((s) => s?.trim()) as [string, string | undefined]
    if (!column || !field || !FIELDS.includes(field as Field)) {
      throw new UserError(`--map "${spec}" should be COLUMN=FIELD with FIELD one of: ${FIELDS.join(', ')}`)
    }
    mapping.set(column, field as Field)
  }
  return mapping
}

/** The header's columns as runbook fields; fails when a required one is missing, saying how to map it. */
export function resolveColumns(header: readonly string[], mapping: ReadonlyMap<string, Field>): Map<Field, number> {
  const columns = new Map<Field, number>()
  header.forEach((raw, index) => {
    const name = raw.replace(/^\uFEFF/, '').trim()
    const field = mapping.get(name) ?? (FIELDS.includes(name.toLowerCase() as Field) ? (name.toLowerCase() as Field) : undefined)
    if (field && !columns.has(field)) columns.set(field, index)
  })
  if (!columns.has('id')) {
    throw new UserError(`the recipients file has no "id" column (columns: ${header.join(', ')})`, {
      hint: 'Name the column that identifies each customer with --map COLUMN=id.',
    })
  }
  if (!columns.has('email') && !columns.has('address')) {
    throw new UserError('the recipients file has neither an "email" nor an "address" column', {
      hint: 'Map them with --map COLUMN=email or --map COLUMN=address.',
    })
  }
  return columns
}

/**
 * Checks rows against one header; returns each recipient, or why it cannot get a notice. Pure: column positions
 * are resolved once and region checks remembered, because it runs twice per row of files with millions of rows.
 */
export class RecipientReader {
  private readonly at: Readonly<Record<Field, number>>
  private readonly regions = new Map<string, Place>()
  private readonly categoryLists = new Map<string, readonly string[] | {bad: string}>()

  constructor(
    columns: ReadonlyMap<Field, number>,
    private readonly headerLength: number,
    private readonly defaultLanguage: string,
  ) {
    this.at = Object.fromEntries(FIELDS.map((field) => [field, columns.get(field) ?? -1])) as Record<Field, number>
  }

  private get(cells: readonly string[], field: Field): string {
    const index = this.at[field]
    return index < 0 ? '' : (cells[index] ?? '').trim()
  }

  read(row: number, cells: readonly string[]): Recipient | Reject {
    if (cells.length !== this.headerLength)
      return {row, reason: `${cells.length} fields, expected ${this.headerLength}`, kind: `not ${this.headerLength} fields`}
    for (const cell of cells) {
      // One search per cell finds both; which it was is told apart only on a bad row.
      if (!UNREADABLE.test(cell)) continue
      // Most often a whole file saved as a spreadsheet's plain CSV (Windows-1252 on Windows): the fix is to save it again.
      if (cell.includes('\uFFFD')) return same(row, BAD_ENCODING)
      // A NUL or another control character would reach the mail and the letters unseen (tab and line breaks are text).
      return same(row, 'a field holds a control character (such as NUL): the file is damaged or not text')
    }
    const id = this.get(cells, 'id')
    if (!id) return same(row, 'missing id')
    const email = this.get(cells, 'email')
    const channelText = (this.get(cells, 'channel') || (email ? 'email' : 'letter')).toLowerCase()
    if (!CHANNELS.includes(channelText as Channel))
      return {row, reason: `unknown channel "${channelText}" (email, letter or none)`, kind: 'unknown channel (email, letter or none)'}
    const channel = channelText as Channel
    if (channel === 'email') {
      if (!email) return same(row, 'missing email for the email channel')
      if (!EMAIL.test(email)) return {row, reason: `invalid email address "${email}"`, kind: 'invalid email address'}
    }
    const address = this.get(cells, 'address')
    if (channel === 'letter' && !address) return same(row, 'missing postal address for the letter channel')
    const jurisdiction = this.jurisdiction(this.get(cells, 'country').toUpperCase(), this.get(cells, 'state').toUpperCase())
    if (typeof jurisdiction !== 'string') return {row, ...jurisdiction}
    const categories = this.categories(this.get(cells, 'data_categories'))
    if (categories && 'bad' in categories) return {row, reason: `unknown data categories: ${categories.bad}`, kind: 'unknown data categories'}
    const language = (this.get(cells, 'language') || this.defaultLanguage).toLowerCase().slice(0, 2)
    // A name is one line: a line break inside a quoted CSV field is a paste error, not part of the greeting.
    return {row, id, name: this.get(cells, 'name').replace(/\s+/g, ' '), email, address, language, channel, jurisdiction, categories}
  }

  /**
   * The sorted list of data categories a cell names (null for none), or the unknown ones. A file holds few distinct
   * lists, so each is read once; the list is shared by the rows that name it and must not be changed.
   */
  private categories(text: string): readonly string[] | null | {bad: string} {
    if (!text) return null
    let result = this.categoryLists.get(text)
    if (result !== undefined) return result
    const list = [
      ...new Set(
        text
          .split(/[;|,]/)
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ].sort()
    const bad = list.filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c))
    result = bad.length ? {bad: bad.join(', ')} : Object.freeze(list)
    // Bounded, as the regions are: a file of endless distinct lists must not grow memory.
    if (this.categoryLists.size < 10_000) this.categoryLists.set(text, result)
    return result
  }

  /** The recipient's jurisdiction (US-CA, DE, unknown), or why the country or state is not one. */
  private jurisdiction(country: string, stateText: string): Place {
    const key = `${country}|${stateText}`
    let result = this.regions.get(key)
    if (result !== undefined) return result
    result = country || 'unknown'
    if (country && regionProblem(country)) {
      result = {reason: `unknown country "${country}"${countryAdvice(country)}`, kind: 'unknown country'}
    } else if (stateText) {
      const state = stateText.includes('-') ? stateText : `${country || 'US'}-${stateText}`
      // The country is a known code here: a bounded number of kinds.
      const where = country ? ` for ${country}` : ''
      if (regionProblem(state)) {
        // A state given by name ("California") is told its code, not routed on a guess.
        const code = subdivisionCodeForName(country || 'US', stateText)
        result = {reason: `unknown state "${stateText}"${where}${code ? `: its code is ${code}` : ''}`, kind: `unknown state${where}`}
      } else {
        result = state
      }
    }
    // Bounded: a file with endless distinct bad codes must not grow memory.
    if (this.regions.size < 10_000) this.regions.set(key, result)
    return result
  }
}

/**
 * What to write instead of a country the file names rather than codes: its ISO code, and the state's code when it is
 * a US state's name too ("Georgia", "Washington") or only that ("Texas"). Advice only: a reader is never routed on a
 * guess.
 */
function countryAdvice(name: string): string {
  const code = countryCodeForName(name)
  const usState = subdivisionCodeForName('US', name)
  if (code) return `: its ISO code is ${code}${usState ? ` (the US state: country US, state ${usState})` : ''}`
  if (usState) return `: for the US state, country US and state ${usState}`
  return ' (use the two-letter ISO code, such as DE)'
}

/** A reject whose reason holds no value from the file: it is its own kind. */
const same = (row: number, reason: string): Reject => ({row, reason, kind: reason})

export function isReject(value: Recipient | Reject): value is Reject {
  return 'reason' in value
}
