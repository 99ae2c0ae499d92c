#!/usr/bin/env node
// The floor for the mail merge: parse the same CSV once with the same parser, and write the same number of bytes
// (one fixed line per record, 1 MiB writes, fsync at the end), without validating, deduplicating or rendering.
// Usage: node bench/floor.js IN.csv OUT BYTES RECORDS
import {closeSync, createReadStream, fsyncSync, openSync, writeSync} from 'node:fs'
import {Parser} from 'csv-parse'

const [input, output, bytesText, recordsText] = process.argv.slice(2)
const total = Number(bytesText)
const per = Math.max(1, Math.floor(total / Math.max(1, Number(recordsText))))
const line = Buffer.from('x'.repeat(per - 1) + '\n')
const buffer = Buffer.allocUnsafe(1 << 20)
const fd = openSync(output, 'w')
let used = 0
let written = 0
const parser = new Parser({bom: true, relax_column_count: true, skip_records_with_error: true, encoding: 'utf8'})
parser.on('data', () => {
  if (used + line.length > buffer.length) {
    writeSync(fd, buffer, 0, used)
    written += used
    used = 0
  }
  used += line.copy(buffer, used)
})
await new Promise((resolve, reject) => {
  parser.once('end', resolve)
  parser.once('error', reject)
  createReadStream(input, {highWaterMark: 256 * 1024}).pipe(parser)
})
// Top up to exactly the same number of bytes.
for (let rest = total - written - used; rest > 0;) {
  if (used === buffer.length) {
    writeSync(fd, buffer, 0, used)
    written += used
    used = 0
  }
  const n = Math.min(rest, buffer.length - used)
  buffer.fill(120, used, used + n)
  used += n
  rest -= n
}
writeSync(fd, buffer, 0, used)
fsyncSync(fd)
closeSync(fd)
