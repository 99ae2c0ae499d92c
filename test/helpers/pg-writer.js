// A writer process for the PostgreSQL durability tests: appends notes to one incident through the built store, one at a
// time, and prints "ack TEXT" only once an append has returned (acknowledged). An append that fails (the server away)
// is tried again with the same event id until it succeeds: a retry must never record twice.
//   node pg-writer.js URL INCIDENT NAME [COUNT]   without COUNT, until standard input closes
import {randomUUID} from 'node:crypto'
import {PgIncidentStore} from '../../dist/store/pg/store.js'

const [url, incident, name, count] = process.argv.slice(2)
const store = new PgIncidentStore(url, {now: () => new Date()})
let open = true
if (!count) {
  process.stdin.resume()
  process.stdin.on('end', () => (open = false))
  process.stdin.on('close', () => (open = false))
}
const limit = count ? Number(count) : Infinity
let failures = 0
for (let i = 0; i < limit && open; i++) {
  const draft = {id: randomUUID(), type: 'note.added', actor: name, payload: {text: `${name}:${i}`}}
  for (;;) {
    try {
      await store.append(incident, [draft])
      break
    } catch (error) {
      failures++
      if (failures > 2000) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  process.stdout.write(`ack ${name}:${i}\n`)
}
await store.close()
process.stderr.write(`failures ${failures}\n`)
