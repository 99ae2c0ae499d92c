import {describe, expect, it} from 'vitest'
import {advanceDrill, drillView} from '../../src/app/drill-control.js'
import {runCli, runJson} from '../helpers/cli.js'
import {otherTerminal, walkPrompter} from '../helpers/drill.js'
import {sampleIncident} from '../helpers/sample-incident.js'

const HOUR = 3_600_000

describe('the walk of a drill reads the simulated clock afresh for every event (issue 16)', () => {
  it('a decision recorded after the facilitator advanced carries the new simulated time', async () => {
    const workspace = await sampleIncident()
    const id = (await runCli(['drill', 'start', '--scenario', 'ransomware-double-extortion', '--manual'], {workspace})).stdout.trim()
    const start = Date.parse((await drillView(otherTerminal(workspace), id, {audience: 'player'})).clock.simulatedNow)
    // The journalist's enquiry (+20h) has arrived before the players start walking.
    expect((await runCli(['drill', 'advance', '20h', '--drill', id], {workspace})).code).toBe(0)
    let advanced = false
    const prompter = walkPrompter(async (message) => {
      if (!message.includes('Press enquiry') || advanced) return ''
      // While the players think, the facilitator moves the clock on by an hour in another terminal.
      await advanceDrill(otherTerminal(workspace), id, '1h')
      advanced = true
      return 'Holding statement; only the CEO speaks'
    })
    const walk = await runCli(['incident', 'run', id, '--as', 'Anna'], {workspace, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(advanced).toBe(true)
    const view = await drillView(otherTerminal(workspace), id, {audience: 'player'})
    const decision = view.injects.find((i) => i.id === 'journalist')!.decisions[0]!
    expect(decision.decision).toBe('Holding statement; only the CEO speaks')
    // Before the fix the walk stamped it with the simulated time it had read before the advance (start + 20h).
    expect(decision.at).toBe(new Date(start + 21 * HOUR).toISOString())
  })

  it('an answer of "now" given after an advance is the new simulated time', async () => {
    const workspace = await sampleIncident()
    const id = (await runCli(['drill', 'start', '--scenario', 'ransomware-double-extortion', '--manual'], {workspace})).stdout.trim()
    const start = Date.parse((await drillView(otherTerminal(workspace), id, {audience: 'player'})).clock.simulatedNow)
    let advanced = false
    const prompter = walkPrompter(async (message) => {
      if (!message.startsWith('When did you become reasonably sure')) return ''
      // The players were slow: the facilitator moved the clock on 2 hours before they answered.
      await advanceDrill(otherTerminal(workspace), id, '2h')
      advanced = true
      return 'now'
    })
    const walk = await runCli(['incident', 'run', id, '--as', 'Anna'], {workspace, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(advanced).toBe(true)
    const facts = await runJson<{key: string; value: unknown}[]>(['fact', 'list', '--incident', id], {workspace})
    expect(facts.find((f) => f.key === 'aware_at')?.value).toBe(new Date(start + 2 * HOUR).toISOString())
  })
})
