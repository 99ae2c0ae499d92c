import {ID_TOKEN, NAME_TOKEN, type Shape} from './shapes.js'

/**
 * A notice compiled for the mail merge: the bytes that every recipient of a shape shares, encoded once, and slots
 * for what differs (name, id, address, row). Writing a notice is then copying buffers and encoding a few short
 * strings, instead of building and encoding three kilobytes of text per recipient.
 */
export type Slot = 'name' | 'id' | 'nameHtml' | 'idHtml' | 'to' | 'row' | 'envelope'
export type Piece = Buffer | Slot
export type SlotValues = Readonly<Record<Slot, string>>

const token = (name: string) => `\u2063Rb${name}\u2063`
export const SLOT_TOKENS: Readonly<Record<Slot, string>> = {
  name: NAME_TOKEN,
  id: ID_TOKEN,
  nameHtml: token('NameHtml'),
  idHtml: token('IdHtml'),
  to: token('To'),
  row: token('Row'),
  envelope: token('Envelope'),
}
const SLOT_OF = new Map(Object.entries(SLOT_TOKENS).map(([slot, text]) => [text, slot as Slot]))
const ANY_TOKEN = new RegExp(Object.values(SLOT_TOKENS).join('|'), 'g')
const PERSONAL = new RegExp([SLOT_TOKENS.name, SLOT_TOKENS.id, SLOT_TOKENS.nameHtml, SLOT_TOKENS.idHtml].join('|'), 'g')
/** What can come before a value at the start of a line and still become "From " (or ">From ") with it. */
const FROM_PREFIX = /^>*(F(r(o(m)?)?)?)?$/
/** RFC 5322's limit on a line, in octets without the line end. */
export const LINE_LIMIT = 998

export interface CompiledNotice {
  pieces: Piece[]
  /** The longest line that holds a personal value, in bytes without its values; and the most values on one line. */
  lineBytes: number
  valuesPerLine: number
  /** Some line starts with a value (or with part of "From " and then a value), so mbox quoting depends on it. */
  valueAtLineStart: boolean
}

/** A shape whose HTML carries the HTML slots, so the same name is escaped there and raw in the text. */
export function withHtmlSlots(shape: Shape): Shape {
  return {...shape, html: shape.html.replaceAll(NAME_TOKEN, SLOT_TOKENS.nameHtml).replaceAll(ID_TOKEN, SLOT_TOKENS.idHtml)}
}

export function compilePieces(text: string): CompiledNotice {
  const pieces: Piece[] = []
  let at = 0
  for (const match of text.matchAll(ANY_TOKEN)) {
    if (match.index > at) pieces.push(Buffer.from(text.slice(at, match.index)))
    pieces.push(SLOT_OF.get(match[0])!)
    at = match.index + match[0].length
  }
  if (at < text.length) pieces.push(Buffer.from(text.slice(at)))
  let lineBytes = 0
  let valuesPerLine = 0
  let valueAtLineStart = false
  for (const line of text.split('\n')) {
    const values = line.match(PERSONAL)?.length ?? 0
    if (!values) continue
    lineBytes = Math.max(lineBytes, Buffer.byteLength(line.replace(PERSONAL, '')))
    valuesPerLine = Math.max(valuesPerLine, values)
    if (FROM_PREFIX.test(line.slice(0, line.search(PERSONAL)))) valueAtLineStart = true
  }
  return {pieces, lineBytes, valuesPerLine, valueAtLineStart}
}

const mayStartFrom = (value: string) => value.length > 0 && '>From '.includes(value[0]!)

/**
 * Whether filling these values into the compiled notice gives exactly what rendering it whole would: no value
 * breaks a line, pushes a line past the limit (which would have made that part base64), or starts an mbox line
 * that needs quoting. When not, the caller renders that one notice the slow way.
 */
export function valuesFit(notice: CompiledNotice, values: SlotValues): boolean {
  const {name, id, nameHtml, idHtml} = values
  if (/[\r\n]/.test(name) || /[\r\n]/.test(id)) return false
  if (notice.valuesPerLine > 0) {
    const longest = Math.max(Buffer.byteLength(nameHtml), Buffer.byteLength(idHtml))
    if (notice.lineBytes + notice.valuesPerLine * longest > LINE_LIMIT) return false
  }
  return !(notice.valueAtLineStart && (mayStartFrom(name) || mayStartFrom(id) || mayStartFrom(nameHtml) || mayStartFrom(idHtml)))
}
