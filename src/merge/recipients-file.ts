import {closeSync, openSync, readSync} from 'node:fs'
import {Readable} from 'node:stream'
import {StringDecoder} from 'node:string_decoder'
import type {ParseError, Parser} from 'papaparse'

export interface RecordSink {
  /** One CSV record (the header included) and the file line it ends on; return false to stop reading. */
  record(cells: string[], line: number): boolean | void
  /** A record that is not valid CSV, by the line it ends on, and what is wrong in words that hold no value from it. */
  broken(line: number, problem: string): void
  /** Bytes of the file read so far (for progress). */
  bytes?(total: number): void
}

/** Which reader of CSV a run used: a run is resumed only by the same one (its row numbers are the reader's). */
export const CSV_READER = 'papaparse-5'

/**
 * Read in pieces this small, each piece's text stays in the young generation: at 256 KB every piece was a large
 * object, and the cells sliced from it kept it alive, 20-50 MB of dead text between two full collections.
 */
const PIECE_BYTES = 32 * 1024
const READ_BYTES = 256 * 1024

const PROBLEMS: Record<string, string> = {
  InvalidQuotes: 'a quoted field has text after its closing quote (a quote inside a quoted field is written "")',
  MissingQuotes: 'a quoted field is never closed, so the rows after it were read into it',
}

/**
 * Streams a recipients CSV through papaparse (quotes, line breaks in quoted fields, a BOM; columns separated by
 * commas, or by semicolons or tabs when the header says so) and hands each record to the sink synchronously, with
 * the line it ends on. papaparse parses a 127 MB file in 1.3 s where csv-parse took 3.5 s, and the merge reads its
 * file twice. It reads a stray quote inside an unquoted field as a quote, as spreadsheets do; a quoted field that
 * is malformed or never closed makes the record broken.
 */
export async function streamRecipients(path: string, sink: RecordSink): Promise<{stopped: boolean}> {
  const {default: Papa} = await import('papaparse')
  const {newline, bom, delimiter} = sniff(path)
  const source = Readable.from(textPieces(path, bom, (bytes) => sink.bytes?.(bytes)))
  let line = 0
  let stopped = false
  let failure: Error | undefined
  const stop = (parser: Parser) => {
    stopped = true
    parser.abort()
    source.destroy()
  }
  await new Promise<void>((resolve, reject) => {
    source.once('error', reject)
    Papa.parse<string[]>(source as unknown as File, {
      delimiter,
      quoteChar: '"',
      escapeChar: '"',
      newline,
      step: (results, parser) => {
        if (stopped) return
        const cells = results.data
        line += 1 + breaksIn(cells, newline)
        if (results.errors.length > 0) {
          sink.broken(line, problemOf(results.errors))
          return
        }
        try {
          if (sink.record(cells, line) === false) stop(parser)
        } catch (error) {
          failure = error as Error
          stop(parser)
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    })
  })
  if (failure) throw failure
  return {stopped}
}

/**
 * The file's text in pieces of PIECE_BYTES, read synchronously a READ_BYTES block at a time: a read stream goes to
 * libuv's threads for each block, and the main thread sat idle for 3 s of a million-row merge waiting for them
 * (longer while a checkpoint's fsyncs held those threads). UTF-8 is decoded across the pieces' edges. A byte-order
 * mark is skipped: papaparse would keep it, and a quoted first column would not be read as one.
 */
async function* textPieces(path: string, bom: number, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const fd = openSync(path, 'r')
  try {
    const block = Buffer.allocUnsafeSlow(READ_BYTES)
    const decoder = new StringDecoder('utf8')
    for (let position = bom; ;) {
      const read = readSync(fd, block, 0, block.length, position)
      if (read === 0) break
      position += read
      onBytes(position)
      for (let at = 0; at < read; at += PIECE_BYTES) {
        const text = decoder.write(block.subarray(at, Math.min(read, at + PIECE_BYTES)))
        if (text) yield text
      }
      // Read synchronously, the file would be parsed without a turn of the event loop: Ctrl-C and the progress
      // bar wait for one. A turn per block costs microseconds.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const rest = decoder.end()
    if (rest) yield rest
  } finally {
    closeSync(fd)
  }
}

function problemOf(errors: readonly ParseError[]): string {
  // A field never closed also has a malformed quote on the way: the first says less than the last.
  const codes = errors.map((e) => e.code as string)
  const code = codes.includes('MissingQuotes') ? 'MissingQuotes' : codes[0]!
  return PROBLEMS[code] ?? 'the record cannot be read as CSV'
}

/** Line breaks inside a record's cells (quoted fields may hold them): how many lines past its first it ends on. */
function breaksIn(cells: readonly string[], newline: string): number {
  const mark = newline === '\r' ? '\r' : '\n'
  let breaks = 0
  for (const cell of cells) for (let at = cell.indexOf(mark); at !== -1; at = cell.indexOf(mark, at + 1)) breaks++
  return breaks
}

/**
 * How the file begins: its line break, from the first one ("\r\n" as Windows and Excel write, "\n", or a lone
 * "\r"), told to the parser rather than guessed from the first piece it reads, which may end between "\r" and
 * "\n"; the length of a UTF-8 byte-order mark, if there is one; and what separates the columns. A header has at
 * least two columns (id, and email or address), so a header line without a comma but with semicolons (Excel's CSV
 * where the decimal mark is a comma: Germany, France ...) or tabs is read with those. The data cannot mislead this
 * (data_categories lists may hold semicolons): only the header line is looked at.
 */
function sniff(path: string): {newline: '\r\n' | '\n' | '\r'; bom: number; delimiter: ',' | ';' | '\t'} {
  const buffer = Buffer.alloc(64 * 1024)
  const fd = openSync(path, 'r')
  let length: number
  try {
    length = readSync(fd, buffer, 0, buffer.length, 0)
  } finally {
    closeSync(fd)
  }
  const head = buffer.subarray(0, length)
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  const n = head.indexOf(0x0a)
  const r = head.indexOf(0x0d)
  const newline = n === -1 ? (r === -1 ? '\n' : '\r') : r === n - 1 ? '\r\n' : r !== -1 && r < n ? '\r' : '\n'
  const ends = [n, r].filter((at) => at !== -1)
  // Quoted column names may hold any of them.
  const header = head.toString('utf8', bom, ends.length ? Math.min(...ends) : length).replace(/"[^"]*"/g, '')
  const delimiter = header.includes(',') ? ',' : header.includes(';') ? ';' : header.includes('\t') ? '\t' : ','
  return {newline, bom, delimiter}
}
