import {describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir, type CliResult} from '../helpers/cli.js'
import {migratedDatabase, pgUnavailable} from '../helpers/postgres.js'

// Finding 10 of issue 14, for scripts: `--expect-seq N` records only if the incident's last event is still #N; else
// it is refused with who recorded what since, exit 1, and nothing is written. Run against both stores.

interface Team {
  run(args: string[], actor?: string): Promise<CliResult>
  json<T>(args: string[]): Promise<T>
}

const STORES: {name: string; skip?: string; team(): Promise<Team>}[] = [
  {
    name: 'file',
    async team() {
      const workspace = tempDir()
      return {
        run: (args, actor = 'tester') => runCli(args, {workspace, env: {RUNBOOK_ACTOR: actor}}),
        json: (args) => runJson(args, {workspace}),
      }
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgUnavailable,
    async team() {
      const workspace = tempDir()
      const env = {RUNBOOK_DATABASE_URL: await migratedDatabase('expect')}
      return {
        run: (args, actor = 'tester') => runCli(args, {workspace, env: {...env, RUNBOOK_ACTOR: actor}}),
        json: (args) => runJson(args, {workspace, env}),
      }
    },
  },
]

interface Status {
  id: string
  lastSeq: number
  next: {id: string}[]
}

async function opened(team: Team): Promise<Status> {
  const open = await team.run(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00Z'])
  expect(open.code, open.stderr).toBe(0)
  return team.json<Status>(['status'])
}

/** The record as `verify` sees it: its event count, and whether the chain holds. */
const verified = (team: Team) => team.json<{ok: boolean; events: number}>(['verify'])

describe.each(STORES)('--expect-seq with the $name store', ({skip, team: makeTeam}) => {
  const test = it.skipIf(Boolean(skip))

  test('records when nobody wrote since #N, and the next write can expect the number it was given', async () => {
    const team = await makeTeam()
    const status = await opened(team)
    const noted = await team.json<{seq: number}>(['note', 'bridge open', '--expect-seq', String(status.lastSeq)])
    expect(noted.seq).toBe(status.lastSeq + 1)
    const step = status.next[0]!.id
    const done = await team.run(['step', 'done', step, '--expect-seq', String(noted.seq)])
    expect(done.code, done.stderr).toBe(0)
    expect(await verified(team)).toEqual(expect.objectContaining({ok: true, events: noted.seq + 1}))
  })

  test('refuses when someone recorded since #N: names who recorded what, exit 1, writes nothing', async () => {
    const team = await makeTeam()
    const status = await opened(team)
    const step = status.next[0]!.id
    // Anna records two things after the script read the incident.
    expect((await team.run(['step', 'done', step, '--note', 'bridge is up'], 'Anna')).code).toBe(0)
    expect((await team.run(['fact', 'set', 'aware_at', '2026-03-28T19:30Z'], 'Anna')).code).toBe(0)
    const before = await verified(team)

    const skip = await team.run(['step', 'skip', step, '--reason', 'not ours', '--expect-seq', String(status.lastSeq)], 'Ben')
    expect(skip.code).toBe(1)
    expect(skip.stderr).toContain(`has moved on since you read it (--expect-seq ${status.lastSeq})`)
    expect(skip.stderr).toMatch(new RegExp(`#${status.lastSeq + 1} Anna, .*Step done: ${step}`))
    expect(skip.stderr).toMatch(new RegExp(`#${status.lastSeq + 2} Anna, .*Fact aware_at = 2026-03-28T19:30`))
    expect(skip.stderr).toContain(`Nothing was written`)
    expect(skip.stderr).toContain(`--expect-seq ${status.lastSeq + 2}`)
    expect(skip.stderr).not.toMatch(/\n\s+at |LogMovedError/)

    const fact = await team.run(['fact', 'set', 'aware_at', '2026-03-28T21:00Z', '--expect-seq', String(status.lastSeq)], 'Ben')
    expect(fact.code).toBe(1)
    const note = await team.run(['note', 'containment begun', '--expect-seq', String(status.lastSeq)], 'Ben')
    expect(note.code).toBe(1)
    const approval = await team.run(['notice', 'approve', 'customer/us', '--as', 'Ben', '--role', 'legal', '--expect-seq', String(status.lastSeq)])
    expect(approval.code, approval.stderr).toBe(1)
    expect(approval.stderr).toContain('Nothing was written')

    expect(await verified(team)).toEqual(before)
    const after = await team.json<Status>(['status'])
    expect(after.lastSeq).toBe(status.lastSeq + 2)
  })

  test('under --json, one document with the events since, for a script to read', async () => {
    const team = await makeTeam()
    const status = await opened(team)
    const step = status.next[0]!.id
    expect((await team.run(['step', 'done', step], 'Anna')).code).toBe(0)
    const result = await team.run(['step', 'skip', step, '--reason', 'not ours', '--expect-seq', String(status.lastSeq), '--json'], 'Ben')
    expect(result.code).toBe(1)
    const body = JSON.parse(result.stdout) as {
      conflict: {expectedSeq: number; lastSeq: number; since: {seq: number; actor: string; type: string}[]}
      error: {exitCode: number}
    }
    expect(body.error.exitCode).toBe(1)
    expect(body.conflict).toMatchObject({
      expectedSeq: status.lastSeq,
      lastSeq: status.lastSeq + 1,
      since: [{seq: status.lastSeq + 1, actor: 'Anna', type: 'step.completed'}],
    })
  })

  test('a number past the end is refused too (a script reading another incident), and writes nothing', async () => {
    const team = await makeTeam()
    const status = await opened(team)
    const result = await team.run(['note', 'x', '--expect-seq', String(status.lastSeq + 5)])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`its last event is #${status.lastSeq}, not #${status.lastSeq + 5}`)
    expect((await verified(team)).events).toBe(status.lastSeq)
  })
})
