import {copyFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson, spawnCli, tempDir} from '../helpers/cli.js'
import {longText} from '../helpers/long-text.js'
import {tmuxSessions, type TmuxSession} from '../helpers/tmux.js'

// Issue 14, findings 10 and 15, in a real terminal: a walk and another responder's process on one workspace, and a
// long paste into the walk's note.

type Event = {seq: number; type: string; actor: string; payload: Record<string, unknown>}

async function openedWorkspace(): Promise<string> {
  const dir = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(dir, 'runbook.yaml'))
  mkdirSync(join(dir, 'playbooks'))
  copyFileSync(join(ROOT, 'test', 'fixtures', 'playbooks', 'ransomware.yaml'), join(dir, 'playbooks', 'ransomware.yaml'))
  const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--tz', 'Europe/Berlin', '--aware-at', '2026-03-28 21:40'], {workspace: dir})
  expect(opened.code, opened.stderr).toBe(0)
  return dir
}

/** Walks to the first step's menu, keeping the answer recorded at open. */
async function toFirstMenu(walk: TmuxSession): Promise<void> {
  await walk.waitFor('When did you become reasonably sure')
  walk.press('Enter')
  await walk.waitFor('declare-incident: what now?')
}

/** The walk with vim as the editor (no user configuration), at the first step's menu. */
async function walkWithVim(session: (name: string) => TmuxSession, name: string, dir: string): Promise<TmuxSession> {
  const walk = session(name)
  walk.start(['incident', 'run'], {RUNBOOK_WORKSPACE: dir, EDITOR: 'vim -u NONE -N -n -i NONE', VISUAL: ''})
  await toFirstMenu(walk)
  return walk
}

/** In the vim the walk opened: paste the text, save and quit. */
async function writeInVim(walk: TmuxSession, text: string): Promise<void> {
  await walk.waitFor(/^~/m)
  walk.press('i')
  walk.paste(text)
  await walk.waitFor(/-- INSERT --/)
  walk.press('Escape')
  walk.type(':wq')
  walk.press('Enter')
}

/** Another responder, in a process of their own. */
function other(dir: string, args: string[]): void {
  const result = spawnCli(args, {workspace: dir, env: {RUNBOOK_ACTOR: 'Anna'}, cwd: dir})
  expect(result.code, result.stderr).toBe(0)
}

const timeline = (dir: string) => runJson<Event[]>(['timeline'], {workspace: dir})

describe('two responders on one incident, in real terminals', () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it('the walk shows what another process recorded while the step was on screen and asks before replacing it', async () => {
    const dir = await openedWorkspace()
    const walk = session('conflict')
    walk.start(['incident', 'run'], {RUNBOOK_WORKSPACE: dir, RUNBOOK_ACTOR: 'Ben'})
    await toFirstMenu(walk)

    // While Ben's screen shows the step, Anna skips it from her own terminal.
    other(dir, ['step', 'skip', 'declare-incident', '--reason', 'declared by the MSP'])
    walk.press('Enter') // Done
    await walk.waitFor('Note (optional')
    walk.type('bridge open')
    walk.press('Enter')
    const warned = await walk.waitFor('Record yours anyway, replacing theirs?')
    expect(warned).toContain('Since this step was shown, 1 event(s) were recorded on this incident:')
    expect(warned).toMatch(/! step declare-incident: Anna set it to skipped \("declared by the MSP"\) at \d\d:\d\d:\d\d .*Yours would replace it with done/)
    expect(warned).toMatch(/#\d+ Anna, \d\d:\d\d:\d\d: Step skipped: declare-incident/)
    walk.type('n')
    walk.press('Enter')
    await walk.waitFor('not recorded; the step is shown again as it is now')
    // Shown again as it is now: skipped (its question keeps the recorded answer), so the menu is a finished step's.
    await walk.waitFor(/Status: skipped: declared by the MSP[\s\S]*When did you become reasonably sure/)
    walk.press('Enter')
    await walk.waitFor(/declare-incident: what now\?[\s\S]*Back to the walk/)
    let events = (await timeline(dir)).filter((e) => e.payload.step === 'declare-incident')
    expect(events.map((e) => [e.type, e.actor])).toEqual([['step.skipped', 'Anna']])

    // Back to the walk: the next step. Anna adds a note meanwhile; it replaces nothing, so the default is to go on.
    walk.press('Enter')
    await walk.waitFor('isolate-systems: what now?')
    other(dir, ['note', 'MSP on the phone'])
    walk.press('Enter') // Done
    await walk.waitFor('Note (optional')
    walk.press('Enter')
    const told = await walk.waitFor('Record yours as well?')
    expect(told).toMatch(/#\d+ Anna, .*Note: MSP on the phone/)
    walk.press('Enter')
    await walk.waitFor(/✔ recorded #\d+/)
    walk.press('C-c')
    await walk.waitFor(/EXIT=\d+/)

    events = await timeline(dir)
    const note = events.findIndex((e) => e.type === 'note.added' && e.payload.text === 'MSP on the phone')
    const done = events.findIndex((e) => e.type === 'step.completed' && e.payload.step === 'isolate-systems')
    expect(events[done]?.actor).toBe('Ben')
    expect(done).toBeGreaterThan(note)
    expect(await runJson(['verify'], {workspace: dir})).toMatchObject({ok: true})
  }, 60_000)

  it('a 20 KB paste into the walk note (through the editor) lands in the log, every byte', async () => {
    const dir = await openedWorkspace()
    // ASCII only: the terminal's locale is not the test's to choose; the UTF-8 path is pinned in test/cli/long-notes.
    const text = longText(20 * 1024, 5, ['ransom', 'note', "O'Brien", '"quoted"', 'C:\\Users\\ops', '{{ 7*7 }}', '<b>', '|', '#1', 'x=1;', '(y)', '100%'])
    expect(text.length).toBeGreaterThanOrEqual(20 * 1024)
    const walk = await walkWithVim(session, 'paste', dir)
    walk.press('Down', 'Enter') // Add a note
    await walk.waitFor('press Enter on an empty line to open your editor')
    walk.press('Enter')
    await writeInVim(walk, text)
    // Recorded, and the step shown again with the note's first line only (a 20 KB note would fill the screen).
    await walk.waitFor(/✔ recorded #\d+[\s\S]*note: 1: .*\(\+\d+ line\(s\), whole note in `runbook timeline`\)/, 60_000)
    walk.press('Enter')
    await walk.waitFor('declare-incident: what now?')
    walk.press('C-c')
    await walk.waitFor(/EXIT=\d+/)
    const notes = (await timeline(dir)).filter((e) => e.type === 'note.added')
    expect(notes).toHaveLength(1)
    expect(notes[0]!.payload.text).toBe(text)
    expect(notes[0]!.payload.step).toBe('declare-incident')
  }, 90_000)

  it('note - at a keyboard says how to end the note, and records what was typed', async () => {
    const dir = await openedWorkspace()
    const typing = session('stdin')
    typing.start(['note', '-'], {RUNBOOK_WORKSPACE: dir})
    await typing.waitFor('press Ctrl-D on a line of its own')
    typing.type('Insurer called back, claim 4471')
    typing.press('Enter', 'C-d')
    await typing.waitFor(/EXIT=0/)
    const notes = (await timeline(dir)).filter((e) => e.type === 'note.added')
    expect(notes.map((n) => n.payload.text)).toEqual(['Insurer called back, claim 4471'])
  }, 60_000)

  it('the note on a step done is written in the editor after a lone "+" (it is optional, so Enter skips it)', async () => {
    const dir = await openedWorkspace()
    const note = longText(4 * 1024, 3, ['isolated', 'VLAN 20', "O'Brien"])
    const walk = await walkWithVim(session, 'done-note', dir)
    walk.press('Enter') // Mark done
    await walk.waitFor('Note (optional, Enter to skip; + and Enter to write it in your editor)')
    walk.type('+')
    walk.press('Enter')
    await writeInVim(walk, note)
    await walk.waitFor(/✔ recorded #\d+/, 60_000)
    walk.press('C-c')
    await walk.waitFor(/EXIT=\d+/)
    const done = (await timeline(dir)).filter((e) => e.type === 'step.completed')
    expect(done.map((e) => [e.payload.step, e.payload.note])).toEqual([['declare-incident', note]])
  }, 90_000)

  it('a reason for skipping a step can be written in the editor too (a pasted reason is as long as a note)', async () => {
    const dir = await openedWorkspace()
    const reason = longText(4 * 1024, 3, ['not ours', 'vendor', "O'Brien"])
    const walk = await walkWithVim(session, 'reason', dir)
    walk.press('Down', 'Down', 'Down', 'Enter') // Skip: does not apply
    await walk.waitFor('Why does it not apply? (press Enter on an empty line to open your editor')
    walk.press('Enter')
    await writeInVim(walk, reason)
    await walk.waitFor(/✔ recorded #\d+/, 60_000)
    walk.press('C-c')
    await walk.waitFor(/EXIT=\d+/)
    const skipped = (await timeline(dir)).filter((e) => e.type === 'step.skipped')
    expect(skipped.map((e) => [e.payload.step, e.payload.reason])).toEqual([['declare-incident', reason]])
  }, 90_000)
})
