import {describe, expect, it} from 'vitest'
import {ID_TOKEN, NAME_TOKEN, type Shape} from '../../src/merge/shapes.js'
import type {Piece, SlotValues} from '../../src/merge/pieces.js'
import {NoticeWriter, type EmailFormat, type NoticeSink} from '../../src/merge/notice-writer.js'
import type {Recipient} from '../../src/merge/recipients.js'

/** Keeps what would be written, by file. */
class MemorySink implements NoticeSink {
  readonly files = new Map<string, Buffer[]>()
  compiledWrites = 0

  private add(name: string, data: Buffer) {
    this.files.set(name, [...(this.files.get(name) ?? []), data])
  }

  write(name: string, text: string) {
    this.add(name, Buffer.from(text))
  }

  writePieces(name: string, pieces: readonly Piece[], values: SlotValues) {
    this.compiledWrites++
    this.add(name, Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(values[p]) : p))))
  }

  writeSeparate(name: string, text: string) {
    this.write(name, text)
    return 'sha'
  }

  close() {}

  text(name: string) {
    return Buffer.concat(this.files.get(name) ?? []).toString()
  }
}

const shapes: Shape[] = [
  {
    locale: 'en',
    fellBack: false,
    subject: 'Notice of Data Breach & <Update>',
    text: `Notice\n\nDear ${NAME_TOKEN},\n\nFrom now on we check every sign-in.\nYour customer number: ${ID_TOKEN}\n`,
    html: `<h1>Notice</h1>\n<p>Dear ${NAME_TOKEN},</p>\n<p>Your customer number: ${ID_TOKEN}</p>\n`,
  },
  // A name at the start of a line, as Japanese letters begin ("NAME 様").
  {locale: 'ja', fellBack: false, subject: 'お知らせ', text: `${NAME_TOKEN} 様\n\n個人情報の漏えいについて\n`, html: `<p>${NAME_TOKEN} 様</p>\n`},
  // A long line that a long name pushes past 998 octets (that part must then be base64).
  {locale: 'en', fellBack: false, subject: 'Long', text: `${'x'.repeat(950)} ${NAME_TOKEN}\n`, html: `<p>${'y'.repeat(950)} ${NAME_TOKEN}</p>\n`},
  // No name known.
  {locale: 'en', fellBack: true, subject: 'Notice', text: `Dear customer,\n\n>From the start: ${ID_TOKEN}\n`, html: `<p>Dear customer, ${ID_TOKEN}</p>\n`},
]

const names = [
  'Ana Ruiz',
  'Ruiz, Ana',
  '"Quoted" <b>&',
  'From Ana',
  '>From here',
  'Fatima',
  '佐藤 美咲',
  'Two\nLines',
  'Car\rriage',
  'n'.repeat(60),
  'é'.repeat(40),
  ' mAria',
]
const recipients: Recipient[] = names.map((name, i) => ({
  row: i + 2,
  id: i % 3 ? `C${i}` : `From-${i}<&>`,
  name,
  email: `user${i}@mail.example.net`,
  address: `${i} Elm St\nSpringfield`,
  language: 'en',
  channel: i === 5 || i === 10 ? 'letter' : 'email',
  jurisdiction: 'US-CA',
  categories: null,
}))

function run(format: EmailFormat, whole: boolean, exercise = false) {
  const sink = new MemorySink()
  const writer = new NoticeWriter(sink, {
    sender: 'privacy@northwind.example',
    orgName: 'Northwind "Outfitters"',
    now: new Date('2026-03-01T09:00:00Z'),
    runToken: 'abc123def456',
    layout: {
      paper: 'letter',
      orgName: 'Northwind "Outfitters"',
      orgAddress: '100 Harbor St, Boston, MA 02110',
      signatory: {name: 'Ana Ruiz', title: 'Chief Privacy Officer'},
      exercise,
    },
    incidentId: 'inc-1',
    exercise,
    format,
    whole,
  })
  const byChannel: Record<string, number> = {}
  for (const shape of shapes) {
    for (const recipient of recipients) {
      const r = shape.text.includes(NAME_TOKEN) ? recipient : {...recipient, name: ''}
      byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1
      writer.deliver(r, shape, byChannel)
    }
  }
  writer.closeBatches(byChannel)
  return sink
}

describe('compiled notices', () => {
  for (const format of ['mbox', 'html'] as const) {
    for (const exercise of [false, true]) {
      it(`write exactly what rendering each notice whole writes (${format}${exercise ? ', exercise' : ''})`, () => {
        const whole = run(format, true, exercise)
        const compiled = run(format, false, exercise)
        expect([...compiled.files.keys()].sort()).toEqual([...whole.files.keys()].sort())
        for (const name of whole.files.keys()) expect(compiled.text(name), name).toBe(whole.text(name))
        // The compiled form is really used, and the hard cases really fall back.
        expect(compiled.compiledWrites).toBeGreaterThan(20)
        if (format === 'mbox') expect(compiled.compiledWrites).toBeLessThan(shapes.length * recipients.length - 9)
      })
    }
  }

  it('quote From lines in the mbox and never let a line break in a name start a header', () => {
    const mbox = run('mbox', false).text('notices.mbox')
    expect(mbox).toContain('\n>From Ana 様')
    expect(mbox).toContain('\n>>From the start:')
    expect(mbox).toContain('To: "Two Lines" <user7@mail.example.net>')
    for (const entry of mbox.split(/\n(?=From )/)) expect(entry.slice(0, entry.indexOf('\n\n'))).not.toMatch(/^Lines/m)
    expect(mbox).toContain('Content-Transfer-Encoding: base64')
    expect(run('html', false).text('letters-0001.html')).toContain('<title>Notice of Data Breach &amp; &lt;Update&gt;</title>')
  })

  it("sign a letter for a reader who shares the signatory's name like every other letter", () => {
    for (const whole of [true, false]) {
      const sections = run('html', whole).text('emails-0001.html').split('<section').slice(1)
      const anaRuiz = sections.find((s) => s.includes('<p>Dear Ana Ruiz,</p>'))
      expect(anaRuiz, `whole: ${whole}`).toContain('<p class="signature">Ana Ruiz\nChief Privacy Officer')
    }
  })
})
