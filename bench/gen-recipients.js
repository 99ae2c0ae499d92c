#!/usr/bin/env node
// Writes a synthetic recipients CSV: a realistic mix of languages, jurisdictions and channels, quoted names with
// commas, addresses with embedded newlines, duplicates and a share of bad rows. Deterministic for a given seed.
// Usage: node bench/gen-recipients.js COUNT OUT.csv [SEED]
import {createWriteStream} from 'node:fs'
import {once} from 'node:events'

const count = Number(process.argv[2] ?? 1000)
const out = process.argv[3] ?? 'recipients.csv'
let seed = Number(process.argv[4] ?? 42)
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296
  return seed / 4294967296
}
const pick = (weighted) => {
  let r = random() * weighted.reduce((s, [, w]) => s + w, 0)
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value
  return weighted[0][0]
}
const US_STATES = [
  ['CA', 12],
  ['TX', 9],
  ['FL', 7],
  ['NY', 6],
  ['PA', 4],
  ['IL', 4],
  ['OH', 3],
  ['GA', 3],
  ['NC', 3],
  ['MI', 3],
  ['NJ', 3],
  ['VA', 3],
  ['WA', 2],
  ['MA', 2],
  ['AZ', 2],
  ['CO', 2],
  ['OR', 1],
  ['MN', 1],
]
const PLACES = [
  ['US', 70],
  ['DE', 8],
  ['FR', 6],
  ['JP', 8],
  ['GB', 6],
  ['CA', 2],
]
const LANG = {
  US: [
    ['en', 90],
    ['es', 10],
  ],
  DE: [
    ['de', 80],
    ['en', 20],
  ],
  FR: [
    ['fr', 85],
    ['en', 15],
  ],
  JP: [
    ['ja', 90],
    ['en', 10],
  ],
  GB: [['en', 100]],
  CA: [
    ['en', 70],
    ['fr', 30],
  ],
}
const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Emeka',
  'Fatima',
  'George',
  'Hana',
  'Ivan',
  'Jun',
  'Keiko',
  'Liam',
  'María',
  'Noah',
  'Olga',
  'Priya',
  '翔太',
  '美咲',
]
const LAST = ['Smith', 'García', 'Müller', "O'Brien", 'Tanaka', 'Nguyen', 'Kowalski', 'Dubois', 'Rossi', '佐藤', '鈴木', 'Johnson', 'Brown']
const CATS = [
  ['contact;financial', 40],
  ['contact', 30],
  ['contact;credentials', 15],
  ['contact;payment_card', 10],
  ['contact;government_id;financial', 5],
]
const quote = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

const stream = createWriteStream(out)
const write = async (line) => {
  if (!stream.write(line)) await once(stream, 'drain')
}
await write('\uFEFFid,name,email,address,language,channel,country,state,data_categories\n')
let last = null
for (let i = 1; i <= count; i++) {
  const country = pick(PLACES)
  const state = country === 'US' ? pick(US_STATES) : ''
  const language = pick(LANG[country])
  const channel = pick([
    ['email', 80],
    ['letter', 15],
    ['none', 5],
  ])
  const first = FIRST[Math.floor(random() * FIRST.length)]
  const lastName = LAST[Math.floor(random() * LAST.length)]
  const name = random() < 0.1 ? `${lastName}, ${first}` : `${first} ${lastName}`
  let email = `${
    first
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '') || 'user'
  }.${i}@mail${i % 97}.example.net`
  const address = `${1 + (i % 900)} Harbor Street\n${country === 'US' ? `Springfield, ${state} ${10000 + (i % 89999)}` : `${10000 + (i % 89999)} City`}\n${country}`
  let row = [`C${String(i).padStart(8, '0')}`, name, email, address, language, channel, country, state, pick(CATS)]
  const bad = random()
  if (bad < 0.004 && channel === 'email')
    row[2] = '' // missing email
  else if (bad < 0.006)
    row[7] = country === 'US' ? 'ZZ' : row[7] // unknown state
  else if (bad < 0.007)
    row = row.slice(0, 7) // missing fields
  else if (bad < 0.009 && last) row = [...last] // a duplicate
  if (bad >= 0.009) last = row
  await write(row.map(quote).join(',') + '\n')
  if (i % 200_000 === 0) process.stderr.write(`${i} rows\n`)
}
stream.end()
await once(stream, 'finish')
