#!/usr/bin/env node
// The floor for the mail merge: parse the same CSV with the same parser and write the same number of bytes,
// without validating or rendering anything. Usage: node bench/floor.js IN.csv OUT BYTES
import {closeSync, createReadStream, fsyncSync, openSync, writeSync} from 'node:fs'
import {parse} from 'csv-parse'

const [input, output, bytesText] = process.argv.slice(2)
const total = Number(bytesText)
let records = 0
for await (const record of createReadStream(input).pipe(parse({bom: true, relax_column_count: true, skip_records_with_error: true}))) {
  if (record.length) records++
}
const per = Math.max(1, Math.floor(total / Math.max(1, records)))
const line = 'x'.repeat(per - 1) + '\n'
const fd = openSync(output, 'w')
let pending = []
let pendingLength = 0
for await (const record of createReadStream(input).pipe(parse({bom: true, relax_column_count: true, skip_records_with_error: true}))) {
  pending.push(line.replace('x', record[0]?.[0] ?? 'x'))
  pendingLength += line.length
  if (pendingLength > 1 << 20) {
    writeSync(fd, pending.join(''))
    pending = []
    pendingLength = 0
  }
}
writeSync(fd, pending.join(''))
fsyncSync(fd)
closeSync(fd)
