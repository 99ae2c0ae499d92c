import {describe, expect, it} from 'vitest'
import {canonicalJson, eventHash, GENESIS_HASH} from '../../src/core/incident/chain.js'
import type {EventDraft, StoredEvent} from '../../src/core/incident/events.js'
import {verifyLog} from '../../src/core/incident/verify.js'
import {FileIncidentStore, LogMovedError, type IncidentStore} from '../../src/store/incidents.js'
import {PgIncidentStore} from '../../src/store/pg/store.js'
import {createWorkspace, findWorkspace} from '../../src/store/workspace.js'
import {tempDir} from '../helpers/cli.js'
import {openDrafts} from '../helpers/events.js'
import {migratedDatabase, pgUnavailable} from '../helpers/postgres.js'

/**
 * One behavioural suite for the event store, run against both stores: what a use case may rely on whichever one
 * a workspace has. Each test gets a fresh place (a workspace folder, a database) and two store instances on it, as two
 * responders' processes would have.
 */
interface Place {
  open(): IncidentStore
}

const clock = () => new Date('2026-03-28T20:00:00.000Z')

const STORES: {name: string; skip?: string; place(): Promise<Place>}[] = [
  {
    name: 'file',
    async place() {
      const root = tempDir()
      createWorkspace(root)
      const workspace = findWorkspace({flag: root})
      return {open: () => new FileIncidentStore(workspace, clock)}
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgUnavailable,
    async place() {
      const url = await migratedDatabase('suite')
      return {open: () => new PgIncidentStore(url, {now: clock})}
    },
  },
]

const note = (text: string, id?: string): EventDraft => ({type: 'note.added', actor: 'alice', payload: {text}, ...(id ? {id} : {})})
const opening = (id: string): EventDraft[] => openDrafts().map((d) => (d.type === 'incident.opened' ? ({...d, payload: {...d.payload, id}} as EventDraft) : d))

async function withStores<T>(place: Place, work: (a: IncidentStore, b: IncidentStore) => Promise<T>): Promise<T> {
  const a = place.open()
  const b = place.open()
  try {
    return await work(a, b)
  } finally {
    await a.close()
    await b.close()
  }
}

describe.each(STORES)('the $name event store', ({skip, place}) => {
  const test = it.skipIf(Boolean(skip))

  test('creates an incident with its first events, numbered from 1 and chained from the genesis hash', async () => {
    await withStores(await place(), async (store) => {
      const events = await store.create('inc-one', opening('inc-one'))
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
      expect(events[0]!.prevHash).toBe(GENESIS_HASH)
      for (const [i, e] of events.entries()) {
        expect(e.hash).toBe(eventHash(e as unknown as Record<string, unknown>))
        if (i > 0) expect(e.prevHash).toBe(events[i - 1]!.hash)
        expect(e.id).toMatch(/^[0-9a-f-]{36}$/)
      }
      expect(await store.exists('inc-one')).toBe(true)
      expect(await store.exists('inc-two')).toBe(false)
      const loaded = await store.load('inc-one')
      expect(loaded.events).toEqual(events)
      expect(loaded.state.id).toBe('inc-one')
    })
  })

  test('refuses to create an incident twice, and leaves the first as it was', async () => {
    await withStores(await place(), async (store) => {
      await store.create('inc-one', opening('inc-one'))
      const before = await store.rawLog('inc-one')
      await expect(store.create('inc-one', opening('inc-one'))).rejects.toThrow(/already exists/)
      expect(await store.rawLog('inc-one')).toEqual(before)
    })
  })

  test('appends after the tail another instance wrote, and the record verifies', async () => {
    await withStores(await place(), async (a, b) => {
      await a.create('inc-one', opening('inc-one'))
      const first = await a.append('inc-one', [note('from a')])
      const second = await b.append('inc-one', [note('from b 1'), note('from b 2')])
      expect(second.map((e) => e.seq)).toEqual([first[0]!.seq + 1, first[0]!.seq + 2])
      expect(second[0]!.prevHash).toBe(first[0]!.hash)
      const result = verifyLog(await a.rawLog('inc-one'))
      expect(result).toMatchObject({ok: true, events: second[1]!.seq, lastHash: second[1]!.hash})
      expect((await a.load('inc-one')).events.map((e) => e.payload.text).filter(Boolean)).toEqual(['from a', 'from b 1', 'from b 2'])
    })
  })

  test('keeps each event as its canonical JSON line, the bytes its hash covers', async () => {
    await withStores(await place(), async (store) => {
      await store.create('inc-one', opening('inc-one'))
      await store.append('inc-one', [note("Grüße, 東京, O'Brien's \\'quoted\\' \\\\ and a tab\t")])
      const text = (await store.rawLog('inc-one')).toString('utf8')
      expect(text.endsWith('\n')).toBe(true)
      const lines = text.slice(0, -1).split('\n')
      const events = (await store.load('inc-one')).events
      expect(lines).toEqual(events.map((e) => canonicalJson(e)))
    })
  })

  test('an append retried with the same event ids is recorded once', async () => {
    await withStores(await place(), async (a, b) => {
      await a.create('inc-one', opening('inc-one'))
      const ids = ['7d1b1d64-0001-4000-8000-000000000001', '7d1b1d64-0001-4000-8000-000000000002']
      const first = await a.append('inc-one', [note('one', ids[0]), note('two', ids[1])])
      await b.append('inc-one', [note('someone else in between')])
      const retried = await b.append('inc-one', [note('one', ids[0]), note('two', ids[1])])
      expect(retried).toEqual(first)
      const texts = (await a.load('inc-one')).events.map((e) => e.payload.text)
      expect(texts.filter((t) => t === 'one')).toHaveLength(1)
      expect(texts.filter((t) => t === 'two')).toHaveLength(1)
      // An id reused for a different batch is refused rather than guessed at.
      await expect(a.append('inc-one', [note('one', ids[0]), note('three', '7d1b1d64-0001-4000-8000-000000000003')])).rejects.toThrow(/already/)
      expect(verifyLog(await a.rawLog('inc-one')).ok).toBe(true)
    })
  })

  test('reports the last sequence number, and appends with afterSeq only if nobody recorded since (else nothing)', async () => {
    await withStores(await place(), async (a, b) => {
      const opened = await a.create('inc-one', opening('inc-one'))
      expect(await b.lastSeq('inc-one')).toBe(opened.length)
      // Both responders read the record at the same point; b records first.
      const read = await a.lastSeq('inc-one')
      const [bs] = await b.append('inc-one', [note('b was first')], {afterSeq: read})
      expect(bs!.seq).toBe(read + 1)
      expect(await a.lastSeq('inc-one')).toBe(read + 1)
      const before = await a.rawLog('inc-one')
      const refused = await a.append('inc-one', [note('a, on an outdated screen')], {afterSeq: read}).catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(LogMovedError)
      expect(refused).toMatchObject({expected: read, actual: read + 1, message: expect.stringMatching(/nothing was recorded/)})
      expect(await a.rawLog('inc-one')).toEqual(before)
      expect(verifyLog(await a.rawLog('inc-one'))).toMatchObject({ok: true, events: read + 1})
      // Having read again, a records after b.
      const [as] = await a.append('inc-one', [note('a, after reading again')], {afterSeq: read + 1})
      expect(as!.seq).toBe(read + 2)
      await expect(b.lastSeq('inc-nine')).rejects.toThrow(/unknown incident "inc-nine"/)
    })
  })

  test('refuses a draft its schema rejects, and records nothing', async () => {
    await withStores(await place(), async (store) => {
      await store.create('inc-one', opening('inc-one'))
      const before = await store.rawLog('inc-one')
      await expect(store.append('inc-one', [note('fine'), {type: 'step.skipped', actor: 'a', payload: {step: 'x', reason: ''}} as EventDraft])).rejects.toThrow(
        /step\.skipped/,
      )
      expect(await store.rawLog('inc-one')).toEqual(before)
    })
  })

  test('names an unknown incident and the known ones', async () => {
    await withStores(await place(), async (store) => {
      await store.create('inc-one', opening('inc-one'))
      await expect(store.load('inc-nine')).rejects.toThrow(/unknown incident "inc-nine".*inc-one/)
      await expect(store.append('inc-nine', [note('x')])).rejects.toThrow(/unknown incident "inc-nine"/)
      await expect(store.load('../etc')).rejects.toThrow(/not an incident id/)
    })
  })

  test('lists incidents (drills only when asked) with their summaries', async () => {
    await withStores(await place(), async (store) => {
      await store.create('inc-one', opening('inc-one'))
      await store.create('inc-two', opening('inc-two'))
      await store.create('drill-one', opening('drill-one'))
      await store.append('inc-two', [note('x')])
      const {incidents, damaged} = await store.list()
      expect(damaged).toEqual([])
      expect(incidents.map((i) => i.id).sort()).toEqual(['inc-one', 'inc-two'])
      const two = incidents.find((i) => i.id === 'inc-two')!
      expect(two.lastSeq).toBe((await store.load('inc-two')).events.length)
      expect((await store.list({drills: true})).incidents.map((i) => i.id).sort()).toEqual(['drill-one', 'inc-one', 'inc-two'])
    })
  })

  test('takes in a copied record byte for byte, an old one without event ids too, and appends after it', async () => {
    await withStores(await place(), async (store) => {
      // A log as runbook wrote it before events carried ids (and before databases): it must stay readable and verify.
      let prevHash = GENESIS_HASH
      const old: StoredEvent[] = opening('inc-old').map((draft, i) => {
        const body = {
          seq: i + 1,
          type: draft.type,
          recordedAt: '2025-01-01T00:00:00.000Z',
          actor: draft.actor,
          payload: draft.payload as Record<string, unknown>,
          prevHash,
        }
        const event = {...body, hash: eventHash(body)}
        prevHash = event.hash
        return event
      })
      const bytes = Buffer.from(old.map((e) => canonicalJson(e) + '\n').join(''))
      await store.importLog('inc-old', bytes)
      expect(await store.rawLog('inc-old')).toEqual(bytes)
      await expect(store.importLog('inc-old', bytes)).rejects.toThrow(/already exists/)
      const [next] = await store.append('inc-old', [note('after the copy')])
      expect(next!.prevHash).toBe(old.at(-1)!.hash)
      expect(verifyLog(await store.rawLog('inc-old'))).toMatchObject({ok: true, events: old.length + 1})
      expect(await store.tornTail('inc-old')).toBeNull()
    })
  })

  test('tells a subscriber of an append by another instance, and stops when asked', async () => {
    await withStores(await place(), async (a, b) => {
      await a.create('inc-one', opening('inc-one'))
      await a.create('inc-two', opening('inc-two'))
      let calls = 0
      const stop = await a.subscribe('inc-one', () => calls++)
      await b.append('inc-two', [note('another incident')])
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(calls).toBe(0)
      await b.append('inc-one', [note('news')])
      const until = performance.now() + 1000
      while (calls === 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(calls).toBeGreaterThan(0)
      await stop()
      const seen = calls
      await b.append('inc-one', [note('after stop')])
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(calls).toBe(seen)
    })
  })

  test('concurrent appends from several instances leave no gap and no duplicate', async () => {
    const where = await place()
    const stores = Array.from({length: 4}, () => where.open())
    try {
      await stores[0]!.create('inc-one', opening('inc-one'))
      const base = (await stores[0]!.load('inc-one')).events.length
      await Promise.all(stores.map(async (store, w) => Promise.all(Array.from({length: 10}, (_, i) => store.append('inc-one', [note(`${w}:${i}`)])))))
      expect(verifyLog(await stores[1]!.rawLog('inc-one'))).toMatchObject({ok: true, events: base + 40})
      const texts = (await stores[2]!.load('inc-one')).events.map((e) => e.payload.text).filter(Boolean)
      expect(new Set(texts).size).toBe(40)
    } finally {
      for (const store of stores) await store.close()
    }
  })
})
