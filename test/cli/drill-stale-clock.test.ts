import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createContext} from '../../src/app/context.js'
import {advanceDrill} from '../../src/app/drills.js'
import type {Prompter} from '../../src/ui/prompts.js'
import {bufferIO} from '../../src/ui/io.js'
import {runCli, runJson} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

const HOUR = 3_600_000

/** The facilitator's terminal: its own context on the same workspace, as another process would have. */
function facilitator(workspace: string) {
  return createContext({workspaceFlag: workspace, actorFlag: 'Eva', io: bufferIO(), env: {...process.env, RUNBOOK_WORKSPACE: workspace}})
}

describe('the walk of a drill reads the simulated clock afresh for every event (issue 16)', () => {
  it('a decision recorded after the facilitator advanced carries the new simulated time', async () => {
    const workspace = await sampleIncident()
    const started = await runCli(['drill', 'start', '--scenario', 'ransomware-double-extortion', '--manual'], {workspace})
    const id = started.stdout.trim()
    const {simStart} = (await runJson<{simulatedNow: string}>(['drill', 'injects', '--drill', id], {workspace})) as unknown as {simulatedNow: string} & {
      simStart?: string
    }
    const start = Date.parse(simStart ?? (await runJson<{simulatedNow: string}>(['drill', 'injects', '--drill', id], {workspace})).simulatedNow)
    // The journalist's enquiry (+20h) has arrived before the players start walking.
    expect((await runCli(['drill', 'advance', '20h', '--drill', id], {workspace})).code).toBe(0)
    let advanced = false
    const prompter: Prompter = {
      input: async ({message}) => {
        if (message.includes('Press enquiry') && !advanced) {
          // While the players think, the facilitator moves the clock on by an hour in another terminal.
          await advanceDrill(facilitator(workspace), {drill: id, by: '1h'})
          advanced = true
          return 'Holding statement; only the CEO speaks'
        }
        return ''
      },
      select: async () => 'stop' as never,
      checkbox: async () => [],
      confirm: async () => false,
    }
    const walk = await runCli(['incident', 'run', id, '--as', 'Anna'], {workspace, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(advanced).toBe(true)
    const events = readFileSync(join(workspace, 'drills', id, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as {type: string; occurredAt?: string; payload: {inject?: string}})
    const decision = events.find((e) => e.type === 'drill.decision' && e.payload.inject === 'journalist')!
    expect(decision.occurredAt).toBe(new Date(start + 21 * HOUR).toISOString())
  })
})
