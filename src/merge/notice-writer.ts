import {address, buildMessage, mboxEntry, type Message} from '../render/mime.js'
import type {Recipient} from './recipients.js'
import {escapeHtml, personalise, type Shape} from './shapes.js'
import {compilePieces, SLOT_TOKENS, valuesFit, withHtmlSlots, type CompiledNotice, type Piece, type SlotValues} from './pieces.js'
import {exerciseHeaders} from '../core/exercise.js'
import {envelope, letterPage, letterSection, signsItself, type LetterLayout} from '../render/letter.js'

export const EMAIL_FORMATS = ['mbox', 'eml', 'jsonl', 'html'] as const
export type EmailFormat = (typeof EMAIL_FORMATS)[number]
export const LETTERS_PER_BATCH = 500
/** The email notices in mbox form: by far the largest file a merge writes (5.8 of 6.3 GB at a million rows). */
export const MBOX_FILE = 'notices.mbox'

/** Where notices go: the mail merge's output folder, or memory in a test. */
export interface NoticeSink {
  write(name: string, text: string): void
  writePieces(name: string, pieces: readonly Piece[], values: SlotValues): void
  /** A file of its own, written whole; returns its SHA-256. */
  writeSeparate(name: string, text: string): string
  /** The file is complete. */
  close(name: string): void
}

export interface WriterSettings {
  sender: string
  orgName: string
  now: Date
  runToken: string
  incidentId: string
  exercise: boolean
  format: EmailFormat
  /** Paper, letterhead and signatory of printed letters. */
  layout: LetterLayout
  /** Render every notice whole (the reference the compiled form is tested against). */
  whole?: boolean
}

/**
 * Writes each notice in its channel's form. Notices of one shape share all their bytes but the recipient's own
 * values, so each shape is compiled once (mbox message, letter section) and filled per recipient; a recipient
 * whose values would change more than those bytes (a line break in a name, a line pushed past 998 octets) gets
 * the notice rendered whole, which is what the compiled form is checked against in the tests.
 */
export class NoticeWriter {
  private readonly compiled = new WeakMap<Shape, {mbox?: CompiledNotice | null; section?: CompiledNotice}>()
  private readonly domain: string

  constructor(
    private readonly out: NoticeSink | undefined,
    private readonly settings: WriterSettings,
  ) {
    this.domain = settings.sender.split('@')[1] ?? 'runbook'
  }

  /** Writes one recipient's notice; `byChannel` counts the notices so far, this one included (it picks the batch). */
  deliver(recipient: Recipient, shape: Shape, byChannel: Readonly<Record<string, number>>): void {
    const out = this.out
    if (!out) return
    const {format} = this.settings
    if (recipient.channel === 'letter' || format === 'html') {
      this.section(out, recipient, shape, byChannel)
      return
    }
    if (format === 'mbox') {
      const compiled = this.compiledFor(shape)
      const values = compiled.mbox ? slotValues(recipient, '') : undefined
      if (compiled.mbox && values && !this.settings.whole && valuesFit(compiled.mbox, values)) out.writePieces(MBOX_FILE, compiled.mbox.pieces, values)
      else out.write(MBOX_FILE, this.mboxText(recipient, String(recipient.row), personalise(shape, recipient)))
      return
    }
    const notice = personalise(shape, recipient)
    if (format === 'jsonl') {
      out.write(
        'notices.jsonl',
        JSON.stringify({
          id: recipient.id,
          to: recipient.email,
          name: recipient.name,
          language: notice.locale,
          subject: notice.subject,
          text: notice.text,
          html: notice.html,
        }) + '\n',
      )
      return
    }
    const name = `eml/${String(recipient.row).padStart(8, '0')}.eml`
    const sha = out.writeSeparate(name, buildMessage(this.message(recipient, String(recipient.row), notice)))
    out.write('eml/MANIFEST.sha256', `${sha}  ${name.slice(4)}\n`)
  }

  /** Closes the open letter (or HTML email) batch pages. */
  closeBatches(byChannel: Readonly<Record<string, number>>): void {
    for (const [channel, name] of [
      ['letter', 'letters'],
      ['email', 'emails'],
    ] as const) {
      const n = byChannel[channel] ?? 0
      if ((channel === 'letter' || this.settings.format === 'html') && n % LETTERS_PER_BATCH !== 0)
        this.out?.write(`${name}-${String(Math.ceil(n / LETTERS_PER_BATCH)).padStart(4, '0')}.html`, '</body></html>\n')
    }
  }

  private message(to: Recipient | string, row: string, notice: Shape): Message {
    const {sender, orgName, now, runToken, incidentId, exercise} = this.settings
    return {
      from: {name: orgName, email: sender},
      to: typeof to === 'string' ? to : {name: to.name, email: to.email},
      subject: notice.subject,
      text: notice.text,
      html: `<!doctype html><html lang="${notice.locale}"><head><meta charset="utf-8"><title>${escapeHtml(notice.subject)}</title></head><body>${notice.html}</body></html>`,
      date: now,
      messageId: `${incidentId}.${runToken}.${row}@${this.domain}`,
      boundary: runToken,
      headers: exerciseHeaders(exercise),
    }
  }

  private mboxText(to: Recipient | string, row: string, notice: Shape): string {
    return mboxEntry(this.settings.sender, this.settings.now, buildMessage(this.message(to, row, notice), '\n'))
  }

  /** `shape` is the notice before it is personalised: whether it signs itself is decided on that. */
  private sectionText(envelopeHtml: string, notice: Shape, shape: Shape): string {
    return letterSection(envelopeHtml, notice.html, this.settings.layout, notice.locale, signsItself(shape.html, this.settings.layout))
  }

  private compiledFor(shape: Shape) {
    let compiled = this.compiled.get(shape)
    if (!compiled) {
      compiled = {}
      this.compiled.set(shape, compiled)
    }
    if (compiled.mbox === undefined && this.settings.format === 'mbox') {
      // A subject with a name in it, or a part that must be base64, is rendered whole for each recipient.
      const text = shape.subject.includes('\u2063') ? '' : this.mboxText(SLOT_TOKENS.to, SLOT_TOKENS.row, withHtmlSlots(shape))
      compiled.mbox = text && !text.includes('Content-Transfer-Encoding: base64') ? compilePieces(text) : null
    }
    return compiled
  }

  private section(out: NoticeSink, recipient: Recipient, shape: Shape, byChannel: Readonly<Record<string, number>>): void {
    const isLetter = recipient.channel === 'letter'
    const sent = (isLetter ? byChannel.letter : byChannel.email) ?? 1
    const batchName = `${isLetter ? 'letters' : 'emails'}-${String(Math.floor((sent - 1) / LETTERS_PER_BATCH) + 1).padStart(4, '0')}.html`
    const position = (sent - 1) % LETTERS_PER_BATCH
    if (position === 0) out.write(batchName, letterPage(personalise(shape, recipient).subject, this.settings.layout))
    const envelopeHtml = isLetter ? envelope(recipient.name, recipient.address, shape.locale) : escapeHtml(`${recipient.name} <${recipient.email}>`)
    const compiled = this.compiledFor(shape)
    if (this.settings.whole) {
      out.write(batchName, this.sectionText(envelopeHtml, personalise(shape, recipient), shape))
    } else {
      compiled.section ??= compilePieces(this.sectionText(SLOT_TOKENS.envelope, withHtmlSlots(shape), shape))
      out.writePieces(batchName, compiled.section.pieces, slotValues(recipient, envelopeHtml))
    }
    if (position === LETTERS_PER_BATCH - 1) {
      out.write(batchName, '</body></html>\n')
      out.close(batchName)
    }
  }
}

function slotValues(recipient: Recipient, envelope: string): SlotValues {
  return {
    name: recipient.name,
    id: recipient.id,
    nameHtml: escapeHtml(recipient.name),
    idHtml: escapeHtml(recipient.id),
    // The To slot is filled only in the mbox, whose lines end in LF.
    to: recipient.email ? address(recipient.name, recipient.email, '\n') : '',
    row: String(recipient.row),
    envelope,
  }
}
