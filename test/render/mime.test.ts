import {describe, expect, it} from 'vitest'
import {address, buildMessage} from '../../src/render/mime.js'

const LONG_JA_NAME = '佐藤 美咲 さまのとても長いお名前がここに続きます長い長い長い名前'
const LONG_JA_SUBJECT = 'EXERCISE EXERCISE EXERCISE: 個人情報の漏えいに関するお知らせとお詫び（重要なお知らせ）'

function headerOf(message: string): string[] {
  return message.split('\r\n\r\n')[0]!.split('\r\n')
}

describe('MIME headers (RFC 5322 and RFC 2047)', () => {
  const message = buildMessage({
    from: {name: 'Northwind Outfitters Inc.', email: 'privacy@northwind.example'},
    to: {name: LONG_JA_NAME, email: 'misaki@example.jp'},
    subject: LONG_JA_SUBJECT,
    text: 'x',
    html: '<p>x</p>',
    date: new Date('2026-03-01T00:00:00Z'),
    messageId: 'a@b',
    boundary: 't1',
  })

  it('keeps every encoded word within 75 characters and every header line within 78', () => {
    const lines = headerOf(message)
    const words = lines.join(' ').match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? []
    expect(words.length).toBeGreaterThan(2)
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75)
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(78)
  })

  it('folds long headers onto continuation lines that a reader unfolds to the original text', () => {
    const lines = headerOf(message)
    const subject = [lines.findIndex((l) => l.startsWith('Subject:'))].flatMap((i) => [
      lines[i]!,
      ...lines.slice(i + 1).filter((_, k, rest) => rest.slice(0, k + 1).every((l) => l.startsWith(' '))),
    ])
    expect(subject.length).toBeGreaterThan(1)
    const decoded = subject
      .join('')
      .replace(/^Subject: /, '')
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'))
    expect(decoded.replace(/\s+/g, ' ')).toBe(LONG_JA_SUBJECT.replace(/\s+/g, ' '))
  })

  it('never encodes the address itself, and quotes a plain name', () => {
    expect(address(LONG_JA_NAME, 'misaki@example.jp')).toMatch(/<misaki@example\.jp>$/)
    expect(address('Ruiz, Ana', 'ana@example.com')).toBe('"Ruiz, Ana" <ana@example.com>')
  })
})
