import {copyFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createContext} from '../../src/app/context.js'
import {resolveIncident} from '../../src/app/incidents.js'
import {stepEvent} from '../../src/core/incident/actions.js'
import {OperationalError} from '../../src/core/errors.js'
import {bufferIO} from '../../src/ui/io.js'
import type {Choice, Prompter} from '../../src/ui/prompts.js'
import {ROOT, runCli, runJson, spawnCli, tempDir} from '../helpers/cli.js'
import {migratedDatabase, pgUnavailable} from '../helpers/postgres.js'

// Finding 10 of issue 14: "B, whose screen still showed step 1, changed aware_at (moving every regulatory clock) and
// flipped A's done to skipped; neither walk said so". Here A is another process (spawnCli), B the walk.

const STORES: {name: string; skip?: string; env(): Promise<Record<string, string>>}[] = [
  {name: 'file', env: async () => ({})},
  {name: 'PostgreSQL', skip: pgUnavailable, env: async () => ({RUNBOOK_DATABASE_URL: await migratedDatabase('walkc')})},
]

async function openedWorkspace(env: Record<string, string>): Promise<string> {
  const dir = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(dir, 'runbook.yaml'))
  mkdirSync(join(dir, 'playbooks'))
  copyFileSync(join(ROOT, 'test', 'fixtures', 'playbooks', 'ransomware.yaml'), join(dir, 'playbooks', 'ransomware.yaml'))
  const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--tz', 'UTC', '--aware-at', '2026-03-28T20:40Z'], {workspace: dir, env})
  expect(opened.code, opened.stderr).toBe(0)
  return dir
}

interface Asked {
  kind: string
  message: string
  default?: unknown
}

/** Answers prompts in order; `before` runs first (another responder acting while the prompt is on screen). */
function scripted(script: {match: RegExp; answer: unknown; before?: () => void}[]): Prompter & {asked: Asked[]} {
  const asked: Asked[] = []
  const answer = (entry: Asked): unknown => {
    asked.push(entry)
    const next = script.shift()
    if (!next || !next.match.test(entry.message)) throw new Error(`unexpected prompt "${entry.message}"; next in the script: ${next?.match}`)
    next.before?.()
    return next.answer
  }
  return {
    asked,
    input: async (o) => answer({kind: 'input', message: o.message, default: o.default}) as string,
    select: async <T>(o: {message: string; choices: Choice<T>[]; default?: T}) => answer({kind: 'select', message: o.message, default: o.default}) as T,
    checkbox: async () => [],
    confirm: async (o) => answer({kind: 'confirm', message: o.message, default: o.default}) as boolean,
    editor: async (o) => answer({kind: 'editor', message: o.message}) as string,
  }
}

type Event = {seq: number; type: string; actor: string; payload: Record<string, unknown>}

describe.each(STORES)('two responders on one incident, $name store', ({skip, env: makeEnv}) => {
  const test = it.skipIf(Boolean(skip))

  test('a walk about to change aware_at that another process changed meanwhile shows it, and asks again with theirs', async () => {
    const env = await makeEnv()
    const dir = await openedWorkspace(env)
    const anna = (args: string[]) => expect(spawnCli(args, {workspace: dir, env: {...env, RUNBOOK_ACTOR: 'Anna'}, cwd: dir}).code).toBe(0)
    const prompter = scripted([
      // While Ben's screen asks, Anna corrects aware_at from her terminal.
      {match: /When did you become/, answer: '2026-03-28T21:30Z', before: () => anna(['fact', 'set', 'aware_at', '2026-03-28T19:00Z'])},
      {match: /Record yours anyway, replacing theirs\?/, answer: false},
      // Asked again, with Anna's answer as the default: Ben keeps it.
      {match: /When did you become/, answer: '2026-03-28T19:00Z'},
      {match: /declare-incident: what now\?/, answer: 'stop'},
    ])
    const walk = await runCli(['incident', 'run', '--as', 'Ben'], {workspace: dir, env, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(prompter.asked.find((a) => a.kind === 'confirm')?.default).toBe(false)
    expect(prompter.asked[2]?.default).toMatch(/^2026-03-28 19:00/)
    expect(walk.stdout).toMatch(
      /! fact aware_at: Anna set it to 2026-03-28T19:00:00\.000Z .*when you read it, it was 2026-03-28T20:40:00\.000Z\. Yours would replace it with 2026-03-28T21:30:00\.000Z\./,
    )
    const facts = (await runJson<Event[]>(['timeline'], {workspace: dir, env})).filter((e) => e.type === 'fact.set' && e.payload.key === 'aware_at')
    expect(facts.map((e) => [e.actor, e.payload.value])).toEqual([
      ['tester', '2026-03-28T20:40:00.000Z'],
      ['Anna', '2026-03-28T19:00:00.000Z'],
    ])
  })

  test('--expect-seq: a write that passed the first look but lost the race is refused by the store, and names what it would replace', async () => {
    const env = await makeEnv()
    const dir = await openedWorkspace(env)
    const before = await runJson<{lastSeq: number}>(['status'], {workspace: dir, env})
    const ctx = createContext({io: bufferIO(), actorFlag: 'Ben', env: {...process.env, ...env, RUNBOOK_WORKSPACE: dir}, expectSeq: before.lastSeq})
    try {
      const session = await resolveIncident(ctx)
      // Anna records in the moment between Ben's look and his write.
      expect(
        spawnCli(['step', 'skip', 'declare-incident', '--reason', 'declared by the MSP'], {workspace: dir, env: {...env, RUNBOOK_ACTOR: 'Anna'}, cwd: dir})
          .code,
      ).toBe(0)
      const raw = await ctx.store.rawLog(session.id)
      const refused = await session.record(stepEvent(session.state, 'declare-incident', 'done', undefined, session.who())).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(OperationalError)
      expect((refused as Error).message).toContain(`has moved on since you read it (--expect-seq ${before.lastSeq})`)
      expect((refused as Error).message).toMatch(/step declare-incident: Anna set it to skipped \("declared by the MSP"\).*Yours would replace it with done\./)
      expect(await ctx.store.rawLog(session.id)).toEqual(raw)
    } finally {
      await ctx.close?.()
    }
    expect(await runJson(['verify'], {workspace: dir, env})).toMatchObject({ok: true, events: before.lastSeq + 1})
  })
})
