import {createReadStream} from 'node:fs'
import {OperationalError} from '../core/errors.js'

export interface RecordSink {
  /** One CSV record (the header included) and the file line it ends on; return false to stop reading. */
  record(cells: string[], line: number): boolean | void
  /** A record that is not valid CSV, by the line where the parser gave up on it. */
  broken(line: number, message: string): void
  /** Bytes of the file read so far (for progress). */
  bytes?(total: number): void
}

/**
 * Streams a recipients CSV through csv-parse (BOM, quotes, embedded newlines) and hands each record to the sink
 * synchronously, with the line it ends on. The records are taken from the parser's 'data' event rather than an
 * async iterator: a promise per record costs more than parsing it, and `parser.info` is exact at that moment
 * (checked: the parser's record count must equal ours), where info: true would build an object per record.
 */
export async function streamRecipients(path: string, sink: RecordSink): Promise<{stopped: boolean}> {
  const {Parser} = await import('csv-parse')
  const parser = new Parser({bom: true, relax_column_count: true, skip_records_with_error: true, encoding: 'utf8'})
  const source = createReadStream(path, {highWaterMark: 256 * 1024})
  let bytes = 0
  let records = 0
  let stopped = false
  let lastBroken = -1
  let failure: Error | undefined
  const stop = () => {
    stopped = true
    source.unpipe(parser)
    source.destroy()
    parser.destroy()
  }
  source.on('data', (chunk) => {
    bytes += (chunk as Buffer).length
    sink.bytes?.(bytes)
  })
  parser.on('skip', (error: Error & {lines?: number}) => {
    const line = error.lines ?? 0
    // One broken record can raise more than one error; it is one broken record.
    if (stopped || line === lastBroken) return
    lastBroken = line
    sink.broken(line, error.message.split('\n')[0] ?? 'not valid CSV')
  })
  parser.on('data', (cells: string[]) => {
    if (stopped) return
    records++
    if (parser.info.records !== records) {
      failure = new OperationalError('the CSV parser ran ahead of the mail merge, so line numbers would be wrong', {
        hint: 'Please report this with your Node.js version.',
      })
      stop()
      return
    }
    try {
      if (sink.record(cells, parser.info.lines) === false) stop()
    } catch (error) {
      failure = error as Error
      stop()
    }
  })
  await new Promise<void>((resolve, reject) => {
    parser.once('end', resolve)
    parser.once('close', resolve)
    parser.once('error', reject)
    source.once('error', reject)
    source.pipe(parser)
  })
  if (failure) throw failure
  return {stopped}
}
