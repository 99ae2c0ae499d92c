import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {streamRecipients} from '../../src/merge/recipients-file.js'
import {tempDir} from '../helpers/cli.js'

type Read = {records: [string[], number][]; broken: [number, string][]; stopped: boolean; bytes: number}

async function read(text: string | Buffer, stopAt?: number): Promise<Read> {
  const path = join(tempDir(), 'recipients.csv')
  writeFileSync(path, text)
  const got: Read = {records: [], broken: [], stopped: false, bytes: 0}
  const {stopped} = await streamRecipients(path, {
    record: (cells, line) => {
      got.records.push([cells, line])
      return got.records.length === stopAt ? false : undefined
    },
    broken: (line, problem) => void got.broken.push([line, problem]),
    bytes: (total) => void (got.bytes = total),
  })
  got.stopped = stopped
  return got
}

describe('reading a recipients file', () => {
  it('gives each record the line it ends on, whatever the line breaks and however many a quoted field holds', async () => {
    for (const br of ['\n', '\r\n', '\r']) {
      const text = ['\uFEFFid,address', 'A1,"1 Elm St', 'Springfield"', 'A2,plain', '', 'A3,"a', 'b', 'c"', 'A4,end'].join(br) + br
      const got = await read(text)
      expect(got.records, JSON.stringify(br)).toEqual([
        [['id', 'address'], 1],
        [['A1', `1 Elm St${br}Springfield`], 3],
        [['A2', 'plain'], 4],
        // A blank line is a record of one empty field (rejected by the merge for its field count, on its line).
        [[''], 5],
        [['A3', `a${br}b${br}c`], 8],
        [['A4', 'end'], 9],
      ])
      expect(got.broken).toEqual([])
      expect(got.bytes).toBe(Buffer.byteLength(text))
    }
  })

  it('reads columns separated by semicolons or tabs when the header has no comma, as Excel writes them in Europe', async () => {
    const semicolons = await read('\uFEFFid;name;"e-mail;work";data_categories\r\nA1;"Dubois; Chloé";c@x.fr;contact,financial\r\n')
    expect(semicolons.records).toEqual([
      [['id', 'name', 'e-mail;work', 'data_categories'], 1],
      [['A1', 'Dubois; Chloé', 'c@x.fr', 'contact,financial'], 2],
    ])
    const tabs = await read('id\temail\nA1\ta@x.org\n')
    expect(tabs.records).toEqual([
      [['id', 'email'], 1],
      [['A1', 'a@x.org'], 2],
    ])
    // A comma in the header decides it, whatever the rows hold (data_categories lists take semicolons).
    const commas = await read('id,email,data_categories\nA1,a@x.org,contact;financial\n')
    expect(commas.records[1]).toEqual([['A1', 'a@x.org', 'contact;financial'], 2])
    // A quoted column name may hold a comma: the header is still read with semicolons.
    const quoted = await read('id;"name, as printed";email\nA1;Ana;a@x.org\n')
    expect(quoted.records[0]).toEqual([['id', 'name, as printed', 'email'], 1])
  })

  it('skips a byte-order mark, before a quoted column too', async () => {
    const got = await read('\uFEFF"id","name"\nA1,"Ruiz, Ana"\n')
    expect(got.records).toEqual([
      [['id', 'name'], 1],
      [['A1', 'Ruiz, Ana'], 2],
    ])
  })

  it('reads a stray quote in an unquoted field as a quote, and a malformed quoted field as one broken record', async () => {
    const got = await read('id,name\nA1,O"Brien\nA2,"Qu"ote"\nA3,next\n')
    expect(got.records).toEqual([
      [['id', 'name'], 1],
      [['A1', 'O"Brien'], 2],
      [['A3', 'next'], 4],
    ])
    expect(got.broken).toEqual([[3, 'a quoted field has text after its closing quote (a quote inside a quoted field is written "")']])
  })

  it('says a quoted field never closed took the rows after it, on the last line', async () => {
    const got = await read('id,name\nA1,ok\nA2,"open\nA3,lost\nA4,lost\n')
    expect(got.records.map(([cells]) => cells[0])).toEqual(['id', 'A1'])
    expect(got.broken).toEqual([[6, 'a quoted field is never closed, so the rows after it were read into it']])
  })

  it('keeps characters and quoted fields whole across the pieces the file is read in', async () => {
    // 5,000 rows of about 60 bytes: 300 KB, ten pieces; three-byte characters and line breaks fall on their edges.
    const rows = ['id,name,address']
    for (let i = 0; i < 5000; i++) rows.push(`J${i},佐藤 美咲 ${i},"${i} 桜通り\n名古屋市 ${'あ'.repeat(i % 7)}"`)
    const got = await read(rows.join('\r\n') + '\r\n')
    expect(got.broken).toEqual([])
    expect(got.records).toHaveLength(5001)
    const bad = got.records.slice(1).filter(([cells, line], i) => {
      return cells.join('|') !== `J${i}|佐藤 美咲 ${i}|${i} 桜通り\n名古屋市 ${'あ'.repeat(i % 7)}` || line !== 2 * i + 3
    })
    expect(bad).toEqual([])
  })

  it("finds a file's line break even when its first line is longer than a piece read", async () => {
    const header = `id,${'x'.repeat(40_000)}`
    const got = await read(`${header}\r\nA1,one\r\nA2,two\r\n`)
    expect(got.records.map(([cells, line]) => [cells[0], cells[1]?.length, line])).toEqual([
      ['id', 40_000, 1],
      ['A1', 3, 2],
      ['A2', 3, 3],
    ])
  })

  it('lets the event loop turn while it reads: Ctrl-C and the progress bar wait for a turn', async () => {
    // About 1 MB: four of the blocks the file is read in. Read synchronously without a turn, the immediate set
    // before the read would run only after the last record.
    const path = join(tempDir(), 'many.csv')
    writeFileSync(path, ['id,name', ...Array.from({length: 60_000}, (_, i) => `A${i},Reader number ${i}`)].join('\n') + '\n')
    let turned = false
    setImmediate(() => (turned = true))
    let records = 0
    let firstAfterTurn = -1
    await streamRecipients(path, {
      record: () => {
        records++
        if (turned && firstAfterTurn < 0) firstAfterTurn = records
      },
      broken: () => undefined,
    })
    expect(records).toBe(60_001)
    expect(firstAfterTurn).toBeGreaterThan(0)
    expect(firstAfterTurn).toBeLessThan(30_000)
  })

  it('stops when the sink says so', async () => {
    const got = await read(['id', ...Array.from({length: 100_000}, (_, i) => `A${i}`)].join('\n') + '\n', 10)
    expect(got.stopped).toBe(true)
    expect(got.records).toHaveLength(10)
  })
})
