import {describe, expect, it} from 'vitest'
import {drillView} from '../../src/app/drill-control.js'
import {runCli, runJson} from '../helpers/cli.js'
import {otherTerminal, walkPrompter} from '../helpers/drill.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// The note on a step done and a drill decision are optional, so an empty line cannot open the editor as it does for
// a note or a reason; a lone "+" does. Before, both were one-line prompts only: a long paste was redrawn per
// character (issue 14, finding 15).
const LONG = Array.from({length: 40}, (_, i) => `${i + 1}. restored host ${i + 1} from the offline copy; checksums match the manifest`).join('\n')

describe('optional text in the walk, written in the editor', () => {
  it('the note on a step done: "+" opens the editor and its whole text is recorded', async () => {
    const workspace = await sampleIncident()
    const editors: string[] = []
    let acted = false
    const prompter = walkPrompter(
      async (message) => {
        if (message.startsWith('Note (optional, Enter to skip; + and Enter to write it in your editor)')) return '+'
        if (message === 'Note') {
          editors.push(message)
          return LONG
        }
        return ''
      },
      async () => (acted ? 'stop' : ((acted = true), 'done')),
    )
    const walk = await runCli(['incident', 'run'], {workspace, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(editors).toEqual(['Note'])
    const events = await runJson<{type: string; payload: {note?: string}}[]>(['timeline'], {workspace})
    expect(events.filter((e) => e.type === 'step.completed').map((e) => e.payload.note)).toEqual([LONG])
  })

  it('a drill decision: "+" opens the editor and its whole text is recorded', async () => {
    const workspace = await sampleIncident()
    const id = (await runCli(['drill', 'start', '--scenario', 'ransomware-double-extortion', '--manual'], {workspace})).stdout.trim()
    expect((await runCli(['drill', 'advance', '20h', '--drill', id], {workspace})).code).toBe(0)
    const asked: string[] = []
    const prompter = walkPrompter(async (message) => {
      if (!message.includes('Press enquiry')) return ''
      asked.push(message)
      return message.includes('+ and Enter') ? '+' : LONG
    })
    const walk = await runCli(['incident', 'run', id, '--as', 'Anna'], {workspace, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(asked).toHaveLength(2)
    const view = await drillView(otherTerminal(workspace), id, {audience: 'player'})
    expect(view.injects.find((i) => i.id === 'journalist')!.decisions.map((d) => d.decision)).toEqual([LONG])
  })
})
