import {regionProblem} from '../facts/regions.js'
import {DATA_CATEGORIES} from '../facts/vocabulary.js'
import {UserError} from '../errors.js'

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
  categories: string[] | null
}

export interface Reject {
  row: number
  reason: string
}

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
    throw new UserError(`the recipients file has no "id" column (columns: ${header.join(', ')})`, {hint: 'Name the column that identifies each customer with --map COLUMN=id.'})
  }
  if (!columns.has('email') && !columns.has('address')) {
    throw new UserError('the recipients file has neither an "email" nor an "address" column', {hint: 'Map them with --map COLUMN=email or --map COLUMN=address.'})
  }
  return columns
}

/** Checks one row; returns the recipient, or why it cannot get a notice. Pure. */
export function readRecipient(row: number, cells: readonly string[], columns: ReadonlyMap<Field, number>, headerLength: number, defaultLanguage: string): Recipient | Reject {
  if (cells.length !== headerLength) return {row, reason: `${cells.length} fields, expected ${headerLength}`}
  const get = (field: Field) => {
    const index = columns.get(field)
    return index === undefined ? '' : (cells[index] ?? '').trim()
  }
  if (cells.some((cell) => cell.includes('\uFFFD'))) return {row, reason: 'bad encoding: the row is not valid UTF-8'}
  const id = get('id')
  if (!id) return {row, reason: 'missing id'}
  const channelText = (get('channel') || (get('email') ? 'email' : 'letter')).toLowerCase()
  if (!CHANNELS.includes(channelText as Channel)) return {row, reason: `unknown channel "${channelText}" (email, letter or none)`}
  const channel = channelText as Channel
  const email = get('email')
  if (channel === 'email') {
    if (!email) return {row, reason: 'missing email for the email channel'}
    if (!EMAIL.test(email)) return {row, reason: `invalid email address "${email}"`}
  }
  const address = get('address')
  if (channel === 'letter' && !address) return {row, reason: 'missing postal address for the letter channel'}
  const country = get('country').toUpperCase()
  const stateText = get('state').toUpperCase()
  let jurisdiction = country || 'unknown'
  if (country && regionProblem(country)) return {row, reason: `unknown country "${country}"`}
  if (stateText) {
    const state = stateText.includes('-') ? stateText : `${country || 'US'}-${stateText}`
    const problem = regionProblem(state)
    if (problem) return {row, reason: `unknown state "${stateText}"${country ? ` for ${country}` : ''}`}
    jurisdiction = state
  }
  const categoriesText = get('data_categories')
  let categories: string[] | null = null
  if (categoriesText) {
    categories = [...new Set(categoriesText.split(/[;|,]/).map((c) => c.trim()).filter(Boolean))].sort()
    const bad = categories.filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c))
    if (bad.length) return {row, reason: `unknown data categories: ${bad.join(', ')}`}
  }
  const language = (get('language') || defaultLanguage).toLowerCase().slice(0, 2)
  return {row, id, name: get('name'), email, address, language, channel, jurisdiction, categories}
}

export function isReject(value: Recipient | Reject): value is Reject {
  return 'reason' in value
}
