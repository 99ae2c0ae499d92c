import {copyFileSync, readFileSync, writeFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {drillView, fireInject} from '../../src/app/drill-control.js'
import {ROOT, runCli, runJson, tempDir, type CliOptions} from '../helpers/cli.js'
import {otherTerminal, walkPrompter} from '../helpers/drill.js'

const HOUR = 3_600_000
/** Tuesday 3 March 2026, 15:05 in New York (the Northwind workspace's zone). */
const T0 = Date.parse('2026-03-03T20:05:00.000Z')

function northwind(): string {
  const workspace = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
  return workspace
}

/** A workspace and a machine clock the test moves by hand. */
function room() {
  const workspace = northwind()
  let real = T0
  const options: CliOptions = {workspace, now: () => new Date(real)}
  return {
    workspace,
    options,
    wait: (minutes: number) => {
      real += minutes * 60_000
    },
    run: (args: string[]) => runCli(args, options),
    json: <T>(args: string[]) => runJson<T>(args, options),
  }
}

type Clock = {simulatedNow: string; paused: boolean}
type Delivered = {id: string; message: string; expected?: unknown; fired: boolean; addedFromFloor: boolean}

async function start(r: ReturnType<typeof room>, ...flags: string[]): Promise<string> {
  const started = await r.run(['drill', 'start', '--scenario', 'ransomware-double-extortion', ...flags])
  expect(started.code, started.stderr).toBe(0)
  return started.stdout.trim()
}

describe('drill pause and resume (issue 16)', () => {
  it('the clock stands still while paused, even at --speed 60, and runs on from there', async () => {
    const r = room()
    const id = await start(r, '--speed', '60', '--as', 'Eva')
    r.wait(1)
    const paused = await r.json<{clock: Clock; delivered: Delivered[]}>(['drill', 'pause'])
    expect(paused.clock).toMatchObject({simulatedNow: new Date(T0 + HOUR).toISOString(), paused: true})
    // The ransom note (+10m) and the EDR alert (+45m) were due before the pause: they arrive, not swallowed.
    expect(paused.delivered.map((i) => i.id)).toEqual(['ransom-note', 'edr-alert'])
    r.wait(30)
    expect((await r.json<{clock: Clock}>(['drill', 'injects'])).clock).toMatchObject({simulatedNow: new Date(T0 + HOUR).toISOString(), paused: true})
    const again = await r.run(['drill', 'pause'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(`drill ${id} is already paused`)
    const resumed = await r.json<{clock: Clock}>(['drill', 'resume'])
    expect(resumed.clock).toMatchObject({simulatedNow: new Date(T0 + HOUR).toISOString(), paused: false})
    r.wait(1)
    expect((await r.json<{clock: Clock}>(['drill', 'injects'])).clock.simulatedNow).toBe(new Date(T0 + 2 * HOUR).toISOString())
    expect((await r.run(['drill', 'resume'])).stderr).toContain('is not paused')
    expect((await r.run(['drill', 'pause'])).stdout).toContain('(PAUSED)')
  })
})

describe('drill next and drill inject (issue 16)', () => {
  it('next moves the clock to the next inject and never past it; defer, fire and add steer the schedule', async () => {
    const r = room()
    await start(r, '--manual')
    const first = await r.json<{inject: Delivered; clock: Clock}>(['drill', 'next'])
    expect(first.inject.id).toBe('ransom-note')
    expect(first.clock.simulatedNow).toBe(new Date(T0 + 10 * 60_000).toISOString())
    await r.run(['drill', 'next'])
    await r.run(['drill', 'next'])
    // After the scope estimate (+6h), the journalist is due at +20h: `next` stops there, inside the 2 h window.
    const deferred = await r.json<{dueAt: string; by: string}>(['drill', 'inject', '--defer', 'journalist', '--by', '1h'])
    expect(deferred).toMatchObject({by: '1h', dueAt: new Date(T0 + 21 * HOUR).toISOString()})
    const journalist = await r.json<{inject: Delivered; clock: Clock}>(['drill', 'next'])
    expect(journalist.inject.id).toBe('journalist')
    expect(journalist.clock.simulatedNow).toBe(new Date(T0 + 21 * HOUR).toISOString())
    const late = await r.run(['drill', 'inject', '--defer', 'journalist'])
    expect(late.code).toBe(2)
    expect(late.stderr).toContain('inject journalist has already arrived')

    const fired = await r.json<{delivered: Delivered[]}>(['drill', 'inject', '--fire', 'leak-published'])
    expect(fired.delivered).toMatchObject([{id: 'leak-published', fired: true}])
    const facts = await r.json<{key: string; value: unknown}[]>(['fact', 'list', '--incident', (await r.json<{drill: string}>(['drill', 'injects'])).drill])
    expect(facts.find((f) => f.key === 'risk')?.value).toBe('high')

    const added = await r.run(['drill', 'inject', '--add', '--title', 'CEO calls', '--message', 'The board wants one line, now.', '--from', 'the CEO'])
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toContain('From the CEO: CEO calls')
    expect(added.stdout).toContain('The board wants one line, now.')
    expect((await r.run(['drill', 'respond', 'added-ceo-calls', 'One line agreed with legal'])).code).toBe(0)
    const noTitle = await r.run(['drill', 'inject', '--add', '--message', 'x'])
    expect([noTitle.code, noTitle.stderr]).toEqual([2, expect.stringContaining('the inject needs a title (--title)')])
    expect((await r.run(['drill', 'inject'])).code).toBe(2)

    const rest = await r.run(['drill', 'next'])
    expect(rest.stdout).toContain('insurer')
    await r.run(['drill', 'next'])
    const done = await r.run(['drill', 'next'])
    expect([done.code, done.stderr]).toEqual([2, expect.stringContaining('every inject of drill')])
  })
})

describe('expected actions are for the facilitator only (issue 16)', () => {
  it('advance, injects and next show the full message and never what is expected, unless --facilitator', async () => {
    const r = room()
    await start(r, '--manual')
    const players = await r.run(['drill', 'advance', '20h'])
    expect(players.stdout).toContain('We publish in two hours.')
    expect(players.stdout).not.toContain('Expected')
    expect(players.stdout).not.toContain('declare-incident')
    const list = await r.run(['drill', 'injects'])
    expect(list.stdout).toContain('Do not contact police.')
    expect(list.stdout).not.toMatch(/Expected|declare-incident|holding statement/)
    const json = (await r.run(['drill', 'injects', '--json'])).stdout
    expect(json).not.toMatch(/expect|declare-incident|Agree a holding statement/i)
    const facilitator = await r.run(['drill', 'injects', '--facilitator'])
    expect(facilitator.stdout).toContain('Expected (facilitator only): step declare-incident, within 30m')
    expect(facilitator.stdout).toContain('Agree a holding statement and who may speak to the press')
    expect((await r.run(['drill', 'next', '--facilitator'])).stdout).toContain('Expected (facilitator only): Decide on the ransom with counsel')
  })

  it('the read model gives players the situation, clock and messages; the MSEL, notes and ratings only to the facilitator', async () => {
    const r = room()
    const id = await start(r, '--manual')
    await r.run(['drill', 'advance', '1h'])
    await r.run(['drill', 'debrief', 'Bridge number was out of date', '--as', 'Anna'])
    const ctx = otherTerminal(r.workspace)
    const player = await drillView(ctx, id, {audience: 'player'})
    expect(player.injects.map((i) => i.id)).toEqual(['ransom-note', 'edr-alert'])
    expect(player.injects[0]!.message).toContain('Pay 40 BTC within 72 hours')
    expect(player.next).toEqual({dueAt: expect.any(String)})
    expect(player.facilitator).toBeUndefined()
    expect(JSON.stringify(player)).not.toMatch(/expect|declare-incident|check-exfiltration|Bridge number/i)
    const facilitator = await drillView(ctx, id, {audience: 'facilitator'})
    expect(facilitator.next).toMatchObject({id: 'scope-estimate', title: 'First count of people affected'})
    expect(facilitator.facilitator!.msel.find((m) => m.id === 'ransom-note')!.expects).toMatchObject({step: 'declare-incident', within: '30m'})
    expect(facilitator.facilitator!.notes).toMatchObject([{text: 'Bridge number was out of date', actor: 'Anna'}])
    expect(facilitator.facilitator!.ratings).toHaveLength(5)
  })
})

describe('injects reach the players walk (issue 16)', () => {
  it('the walk shows every inject that arrived, whoever delivered it, with its full text and never the expected answer', async () => {
    const r = room()
    const id = await start(r, '--manual')
    // The facilitator delivers in their terminal: the walk's own clock delivers nothing.
    await r.run(['drill', 'advance', '20h'])
    let steps = 0
    const prompter = walkPrompter(
      async () => '',
      async () => {
        steps += 1
        if (steps > 1) return 'stop'
        // While the players are on the first step, the facilitator fires the insurer's inject.
        await fireInject(otherTerminal(r.workspace, 'Eva', r.options.now), id, 'insurer')
        return 'later'
      },
    )
    const walk = await runCli(['incident', 'run', id, '--as', 'Anna', '--drill-role', 'player'], {...r.options, prompter})
    expect(walk.code, walk.stderr).toBe(0)
    expect(walk.stdout).toContain('"Your network is encrypted.')
    expect(walk.stdout).toContain('We publish in two hours."')
    expect(walk.stdout).toContain('decision needed on "Press enquiry"')
    expect(walk.stdout).not.toMatch(/Expected|Agree a holding statement|within 30m/)
    // Shown at the next step, since it arrived after the first: once, with its message.
    const after = walk.stdout.slice(walk.stdout.indexOf('Step 1/'))
    expect(after).toContain('asks whether a ransom payment is being considered.')
    expect(walk.stdout.match(/INJECT journalist/g)).toHaveLength(1)
    const view = await drillView(otherTerminal(r.workspace), id, {audience: 'facilitator'})
    expect(view.facilitator!.participants).toContainEqual({name: 'Anna', role: 'player'})
  })

  it('--drill-role is refused on a real incident, where owners come from the playbook', async () => {
    const r = room()
    await r.run(['incident', 'open', '--playbook', 'ransomware'])
    const walk = await runCli(['incident', 'run', '--drill-role', 'player'], {...r.options, prompter: walkPrompter(async () => '')})
    expect([walk.code, walk.stderr]).toEqual([2, expect.stringContaining('--drill-role is for drills')])
  })
})

describe('scenario texts are filled for the workspace and the clock (issue 16)', () => {
  it('the organisation, the real weekday and time of the start, and the time the GDPR clock really has left', async () => {
    const r = room()
    const started = await r.run(['drill', 'start', '--scenario', 'ransomware-double-extortion', '--manual'])
    expect(started.stderr).toContain('Northwind Outfitters Inc. is a mid-sized online retailer')
    expect(started.stderr).toContain('It is 15:05 on Tuesday.')
    expect(started.stderr).not.toMatch(/23:40|Friday/)
    const edr = await r.run(['drill', 'advance', '1h'])
    expect(edr.stdout).toContain('rclone running on FS-02 on Sunday night')
    const leak = await r.run(['drill', 'advance', '59h'])
    // Aware at the start (+0m): 72 hours for GDPR Art. 33, 60 gone.
    expect(leak.stdout).toContain('The GDPR clock has about 12 hours left.')
    expect(leak.stdout).not.toContain('{{')
  })

  it('the time left follows the real deadline: awareness set earlier leaves less', async () => {
    const r = room()
    const id = await start(r, '--manual')
    await r.run(['fact', 'set', 'aware_at', new Date(T0 - 6 * HOUR).toISOString(), '--incident', id])
    expect((await r.run(['drill', 'advance', '60h'])).stdout).toContain('The GDPR clock has about 6 hours left.')
  })

  it('a scenario with an unknown placeholder does not validate, with file and line', async () => {
    const dir = tempDir()
    mkdirSync(dir, {recursive: true})
    const file = join(dir, 'bad.yaml')
    const good = readFileSync(join(ROOT, 'playbooks', 'scenarios', 'misdirected-email-wrong-list.yaml'), 'utf8')
    writeFileSync(file, good.replace('{{ weekday }}, {{ time }}.', '{{ weekday }}, {{ clock }}.'))
    const result = await runCli(['playbook', 'validate', file])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/bad\.yaml:9:\d+ situation: unknown placeholder \{\{ clock \}\}/)
  })
})

describe('drill show and drill handout (issue 16)', () => {
  let r: ReturnType<typeof room>
  beforeEach(() => {
    r = room()
  })

  it('show: situation, numbered objectives and the schedule as if started now; expected actions only with --facilitator', async () => {
    const shown = await r.run(['drill', 'show', 'ransomware-double-extortion'])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('It is 15:05 on Tuesday.')
    expect(shown.stdout).toContain('  1. Declare the incident')
    expect(shown.stdout).toMatch(/T\+20h\s+03-04 11:05 journalist: Press enquiry/)
    expect(shown.stdout).not.toContain('Expected')
    const preview = await r.json<{injects: {id: string; expects?: unknown}[]}>(['drill', 'show', 'ransomware-double-extortion'])
    expect(preview.injects.every((i) => !('expects' in i))).toBe(true)
    const facilitator = await r.run(['drill', 'show', 'ransomware-double-extortion', '--facilitator'])
    expect(facilitator.stdout).toContain('Expected (facilitator only): step declare-incident, within 30m')
    expect((await r.run(['drill', 'show', 'nope'])).stderr).toContain('unknown scenario "nope"')
  })

  it('handout: Markdown and a print-ready page marked EXERCISE, with roles and rules, and no inject or expected action', async () => {
    const md = await r.run(['drill', 'handout', 'ransomware-double-extortion'])
    expect(md.code, md.stderr).toBe(0)
    expect(md.stdout.match(/EXERCISE EXERCISE EXERCISE/g)).toHaveLength(2)
    expect(md.stdout).toContain('# Participant handout: Ransomware with data theft (double extortion)')
    expect(md.stdout).toContain('It is 15:05 on Tuesday.')
    expect(md.stdout).toContain('3. Establish whether personal data was taken')
    expect(md.stdout).toContain('**Evaluators**')
    expect(md.stdout).not.toMatch(/Pay 40 BTC|journalist|Expected|declare-incident|README-RESTORE\.txt in every folder\. \{/)
    const out = join(tempDir(), 'handout.html')
    expect((await r.run(['drill', 'handout', 'ransomware-double-extortion', '--format', 'html', '--out', out])).code).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('<title>EXERCISE EXERCISE EXERCISE: Participant handout: Ransomware with data theft (double extortion)</title>')
    expect(html).toContain('<h2>Rules of play</h2>')
    expect(html).not.toContain('Pay 40 BTC')
  })
})

describe('roles, ratings, hotwash and the after-action report (issue 16)', () => {
  it('separates players, controllers and evaluators, shows P/S/M/U per objective and the hotwash, and dates the plan in real time', async () => {
    const r = room()
    const id = await start(r, '--manual', '--as', 'Eva')
    expect((await r.run(['drill', 'join', '--role', 'player', '--as', 'Anna'])).stdout).toContain('Anna takes part as player.')
    await r.run(['drill', 'join', '--role', 'evaluator', '--as', 'Kim'])
    expect((await r.run(['drill', 'join', '--role', 'observer', '--as', 'Bo'])).code).toBe(2)
    await r.run(['drill', 'advance', '1h'])
    await r.run(['drill', 'respond', 'ransom-note', 'No contact with the attackers', '--as', 'root'])
    const rated = await r.json<{objective: number; rating: string; meaning: string}>([
      'drill',
      'rate',
      '1',
      's',
      '--note',
      'Declared in 40 minutes',
      '--as',
      'Kim',
    ])
    expect(rated).toMatchObject({objective: 1, rating: 'S', meaning: 'Performed with some challenges'})
    expect((await r.run(['drill', 'rate', '9', 'P'])).stderr).toContain(
      '"9" is not an objective of scenario ransomware-double-extortion: give its number, 1 to 5',
    )
    expect((await r.run(['drill', 'rate', '1', 'Q'])).stderr).toContain('"Q" is not a rating')
    await r.run(['drill', 'advance', '3d'])
    r.wait(90)
    await r.run(['drill', 'end', '--as', 'Eva'])
    // The rating and the hotwash come after the end, as they do in a room.
    await r.run(['drill', 'rate', '5', 'U', '--note', 'No decision on the ransom', '--as', 'Kim'])
    const noted = await r.run(['drill', 'debrief', 'Nobody knew who approves the holding statement', '--as', 'Anna'])
    expect(noted.stdout).toContain('- Nobody knew who approves the holding statement (Anna)')
    expect((await r.run(['drill', 'debrief'])).stdout).toContain('1 hotwash note(s):')

    const report = await r.json<{
      roles: {role: string; names: string[]}[]
      withoutRole: string[]
      ratings: {objective: number; rating: string | null; note: string | null; by: string | null}[]
      hotwash: {text: string; by: string}[]
      plan: {due: string}[]
      improve: string[]
    }>(['drill', 'report', '--drill', id])
    expect(report.roles).toEqual([
      {role: 'player', title: 'Players', names: ['Anna']},
      {role: 'controller', title: 'Controllers', names: ['Eva']},
      {role: 'evaluator', title: 'Evaluators', names: ['Kim']},
    ])
    // tester moved the clock (RUNBOOK_ACTOR) and root answered an inject, neither saying in what role.
    expect(report.withoutRole).toEqual(['tester', 'root'])
    expect(report.ratings[0]).toMatchObject({objective: 1, rating: 'S', note: 'Declared in 40 minutes', by: 'Kim'})
    expect(report.ratings[1]).toMatchObject({rating: null})
    expect(report.ratings[4]).toMatchObject({rating: 'U'})
    expect(report.improve).toContain(
      'Objective 5 was rated U (unable to be performed): Take a documented decision on the ransom demand with counsel. (No decision on the ransom)',
    )
    expect(report.hotwash).toEqual([{text: 'Nobody knew who approves the holding statement', by: 'Anna'}])
    // Ended on 3 March (real), three simulated days later: the plan is due 30 real days after, on 2 April.
    expect(new Set(report.plan.map((p) => p.due))).toEqual(new Set(['2026-04-02']))

    const md = (await r.run(['drill', 'report', '--drill', id])).stdout
    expect(md).toContain('- Players: Anna')
    expect(md).toContain('- Evaluators: Kim')
    expect(md).toContain('- Recorded events without a role given: tester, root')
    expect(md).toContain(
      '| 1 | Declare the incident, name an incident commander and open a bridge off the affected systems within 30 minutes. | S (Performed with some challenges) | Declared in 40 minutes (Kim) |',
    )
    expect(md).toContain('| 2 | Contain the spread without destroying evidence. | not rated | - |')
    expect(md).toContain('### Hotwash')
    expect(md).toContain('- Nobody knew who approves the holding statement (Anna)')
    expect(md).not.toContain('Facilitator Eva')

    // What people typed stays text in the report: no link, no image, no table break, no script.
    await r.run(['drill', 'debrief', 'See [the notes](https://evil.example/x) | ![p](https://tracker.example/p.gif) <script>x</script>', '--as', 'Bo'])
    const html = (await r.run(['drill', 'report', '--drill', id, '--format', 'html'])).stdout
    expect(html).not.toMatch(/href="https:\/\/evil|<img|<script>x/)
    expect(html).toContain('See [the notes](https://evil.example/x) | ![p](https://tracker.example/p.gif) &lt;script&gt;x&lt;/script&gt; (Bo)')
  })
})
