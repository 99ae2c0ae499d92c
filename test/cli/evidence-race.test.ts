import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createContext, type Context} from '../../src/app/context.js'
import {transferEvidence} from '../../src/app/evidence.js'
import {OperationalError} from '../../src/core/errors.js'
import {bufferIO} from '../../src/ui/io.js'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

type Event = {seq: number; type: string; actor: string; payload: Record<string, unknown>}

/**
 * Two people hand over the same evidence item at the same moment: Ben's transfer is drafted from the custodian he
 * read, and Anna's lands between his read and his write. Before, both were recorded "from" the same custodian and
 * the chain of custody split; now Ben's is refused and nothing of his is written. A note that lands in between is
 * no hand-over: Ben's transfer is then recorded after it.
 */
describe('evidence transfer against a concurrent one', () => {
  async function setUp() {
    const workspace = tempDir()
    const file = join(tempDir(), 'fw.log')
    writeFileSync(file, 'firewall log\n')
    const opened = await runCli(['incident', 'open', '--playbook', 'ransomware'], {workspace})
    expect(opened.code).toBe(0)
    expect((await runCli(['evidence', 'add', file, '--custodian', 'Carla'], {workspace})).code).toBe(0)
    const [item] = (await runJson<{items: {id: string}[]}>(['evidence', 'list'], {workspace})).items
    const ctx = createContext({io: bufferIO(), actorFlag: 'Ben', env: {...process.env, RUNBOOK_WORKSPACE: workspace}})
    return {workspace, id: item!.id, ctx}
  }

  /** The context with a store whose next append first lets `meanwhile` run (another responder's command). */
  function racing(ctx: Context, meanwhile: () => Promise<void>): Context {
    const store = ctx.store
    let done = false
    const racingStore = Object.create(store) as typeof store
    racingStore.append = async (...args: Parameters<typeof store.append>) => {
      if (!done) {
        done = true
        await meanwhile()
      }
      return store.append(...args)
    }
    return Object.create(ctx, {store: {value: racingStore}}) as Context
  }

  it('refuses when the item changed hands in between, and writes nothing', async () => {
    const {workspace, id, ctx} = await setUp()
    const anna = async () => {
      expect((await runCli(['evidence', 'transfer', id, '--to', 'Forensics Ltd'], {workspace, env: {RUNBOOK_ACTOR: 'Anna'}})).code).toBe(0)
    }
    const refused = await transferEvidence(racing(ctx, anna), {id, to: 'Legal hold locker'}).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(OperationalError)
    expect((refused as Error).message).toMatch(new RegExp(`${id} changed hands while you recorded this: Anna recorded it passing from Carla to Forensics Ltd`))
    const transfers = (await runJson<Event[]>(['timeline'], {workspace})).filter((e) => e.type === 'evidence.transferred')
    expect(transfers.map((e) => [e.actor, e.payload.from, e.payload.to])).toEqual([['Anna', 'Carla', 'Forensics Ltd']])
    expect(await runJson(['verify'], {workspace})).toMatchObject({ok: true})
  })

  it('records after a note that landed in between: the custodian did not change', async () => {
    const {workspace, id, ctx} = await setUp()
    const anna = async () => {
      expect((await runCli(['note', 'imaging booked'], {workspace, env: {RUNBOOK_ACTOR: 'Anna'}})).code).toBe(0)
    }
    const result = await transferEvidence(racing(ctx, anna), {id, to: 'Forensics Ltd'})
    expect(result.item.custodian).toBe('Forensics Ltd')
    const events = await runJson<Event[]>(['timeline'], {workspace})
    expect(events.slice(-2).map((e) => [e.type, e.actor])).toEqual([
      ['note.added', 'Anna'],
      ['evidence.transferred', 'Ben'],
    ])
  })
})
