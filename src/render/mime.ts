import {encodeWords, foldLines} from 'nodemailer/lib/mime-funcs'
/**
 * Each encoded word is at most 52 characters (nodemailer's own choice for its headers), well under RFC 2047's 75,
 * so a word never has to be split and a folded line stays under 78.
 */
const ENCODED_WORD_LENGTH = 52
const HEADER_LINE = 76

/** A header value as RFC 2047 wants it: ASCII as is, anything else as base64 encoded words (nodemailer's encoder). */
export function encodeHeader(value: string): string {
  return ASCII.test(value) ? value : encodeWords(value, 'B', ENCODED_WORD_LENGTH)
}

/** "Name: value", encoded and folded at white space into lines of at most 76 characters (RFC 5322 2.2.3). */
export function headerLine(name: string, value: string, eol: string): string {
  const folded = foldLines(`${name}: ${encodeHeader(value)}`, HEADER_LINE)
  return eol === '\r\n' ? folded : folded.replace(/\r\n/g, eol)
}

const ASCII = /^[\x20-\x7e]*$/

/**
 * A MIME part's body: 8bit when every line is short enough for RFC 5322 (998 octets) and there is no bare CR,
 * which keeps a million messages a quarter smaller and costs nothing to encode; base64 otherwise.
 */
function part(type: string, text: string, eol: string): string {
  const lines = text.split('\n')
  const plain = !text.includes('\r') && lines.every((line) => line.length <= 332 || Buffer.byteLength(line) <= 998)
  if (plain) return `Content-Type: ${type}; charset=utf-8${eol}Content-Transfer-Encoding: 8bit${eol}${eol}${lines.join(eol)}${text.endsWith('\n') ? '' : eol}`
  return `Content-Type: ${type}; charset=utf-8${eol}Content-Transfer-Encoding: base64${eol}${eol}${base64Lines(text, eol)}`
}

function base64Lines(text: string, eol: string): string {
  const encoded = Buffer.from(text).toString('base64')
  let out = ''
  for (let i = 0; i < encoded.length; i += 76) out += encoded.slice(i, i + 76) + eol
  return out
}

/** A To or From value: the name quoted or encoded, folded as it stands after "To: " (so the whole line fits). */
export function address(displayName: string, email: string, eol = '\r\n'): string {
  // A line break in a name (a quoted CSV field can hold one) must not start a new header.
  // eslint-disable-next-line no-control-regex
  const name = displayName.replace(/[\x00-\x1f\x7f]+/g, ' ').trim()
  if (!name) return `<${email}>`
  const phrase = ASCII.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name
  return headerLine('To', `${phrase} <${email}>`, eol).slice('To: '.length)
}

export interface Message {
  from: {name: string; email: string}
  /** The recipient, or an address already formatted for the To header. */
  to: {name: string; email: string} | string
  subject: string
  text: string
  html: string
  date: Date
  messageId: string
  headers?: Record<string, string>
  /** Must not occur in the parts: a random token per run is enough (it need not differ between messages). */
  boundary: string
}

/**
 * An RFC 5322 / MIME message: multipart/alternative with UTF-8 text and HTML parts (8bit, or base64 for long
 * lines), RFC 2047 subject. Built directly because a million of them must be fast.
 */
export function buildMessage(message: Message, eol = '\r\n'): string {
  const boundary = `----=_runbook_${message.boundary}`
  const headers = [
    `From: ${address(message.from.name, message.from.email, eol)}`,
    `To: ${typeof message.to === 'string' ? message.to : address(message.to.name, message.to.email, eol)}`,
    headerLine('Subject', message.subject, eol),
    `Date: ${message.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${message.messageId}>`,
    ...Object.entries(message.headers ?? {}).map(([k, v]) => headerLine(k, v, eol)),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ]
  const n = eol
  return `${headers.join(n)}${n}${n}--${boundary}${n}${part('text/plain', message.text, n)}--${boundary}${n}${part('text/html', message.html, n)}--${boundary}--${n}`
}

const FROM_LINE = /^>*From /m
const FROM_LINE_ALL = /^(>*From )/gm

/** One message in an mbox (mboxrd): a From_ line, LF line ends (build the message with eol "\n"), ">From " quoting. */
export function mboxEntry(sender: string, date: Date, message: string): string {
  const lf = message.includes('\r\n') ? message.replace(/\r\n/g, '\n') : message
  // mboxrd: any line starting with "From " (or already quoted ">From ") gets one more ">".
  const body = FROM_LINE.test(lf) ? lf.replace(FROM_LINE_ALL, '>$1') : lf
  return `From ${sender} ${asctime(date)}\n${body}\n`
}

/** "Sun Mar  1 00:00:00 2026": the date form of an mbox From_ line (UTC). */
function asctime(date: Date): string {
  const [weekday, day, month, year, time] = date.toUTCString().replace(',', '').split(' ') as [string, string, string, string, string]
  return `${weekday} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}`
}
