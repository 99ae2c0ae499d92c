#!/usr/bin/env node
// The floor for the mail merge: parse the same CSV once with the same parser, and write the same number of bytes
// (one fixed line per record, 1 MiB writes, fsync at the end), without validating, deduplicating or rendering.
// Usage: node bench/floor.js IN.csv OUT BYTES RECORDS
import {closeSync, createReadStream, fsyncSync, openSync, writeSync} from 'node:fs'
import Papa from 'papaparse'

const [input, output, bytesText, recordsText] = process.argv.slice(2)
const total = Number(bytesText)
const per = Math.max(1, Math.floor(total / Math.max(1, Number(recordsText))))
const line = Buffer.from('x'.repeat(per - 1) + '\n')
const buffer = Buffer.allocUnsafe(1 << 20)
const fd = openSync(output, 'w')
let used = 0
let written = 0
const add = () => {
  if (used + line.length > buffer.length) {
    writeSync(fd, buffer, 0, used)
    written += used
    used = 0
  }
  used += line.copy(buffer, used)
}
// As src/merge/recipients-file.ts reads it: 32 KB pieces decoded as UTF-8, one record at a time.
await new Promise((resolve, reject) => {
  const source = createReadStream(input, {highWaterMark: 32 * 1024})
  source.setEncoding('utf8')
  source.once('error', reject)
  Papa.parse(source, {delimiter: ',', quoteChar: '"', escapeChar: '"', newline: '\n', step: add, complete: resolve, error: reject})
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
