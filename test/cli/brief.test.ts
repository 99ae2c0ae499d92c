import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, type CliOptions} from '../helpers/cli.js'
import {clock, teamWorkspace} from '../helpers/team.js'

describe('the handover brief', () => {
  const workspace = teamWorkspace()
  const time = clock('2026-03-28T21:00:00Z')
  const opts = (): CliOptions => ({workspace, now: time.now})
  const at = async (when: string, args: string[]) => {
    time.set(when)
    const result = await runCli(args, opts())
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
  }
  interface BriefJson {
    from: {kind: string; at: string; name?: string; previous?: string | null}
    facts: {key: string; from: unknown; to: unknown}[]
    notes: {text: string}[]
    steps: {done: {step: string}[]; blocked: {step: string; isNew: boolean}[]}
    roles: {role: string; holder: {name: string} | null}[]
  }

  beforeAll(async () => {
    await at('2026-03-28T21:00:00Z', ['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28 21:40', '--tz', 'Europe/Berlin'])
    await at('2026-03-28T21:05:00Z', ['assign', 'ic', 'Anna Weber'])
    await at('2026-03-28T21:10:00Z', ['fact', 'set', 'affected.total', '100'])
    await at('2026-03-28T21:20:00Z', ['step', 'done', 'declare-incident', '--note', 'bridge *open*'])
    await at('2026-03-28T23:00:00Z', ['assign', 'ic', 'Ben Ode'])
    await at('2026-03-28T23:30:00Z', ['fact', 'set', 'affected.total', '1240'])
    await at('2026-03-28T23:40:00Z', ['note', 'see [the doc](http://evil.example) <img src=x> _now_'])
    await at('2026-03-28T23:50:00Z', ['step', 'block', 'isolate-systems', '--reason', 'waiting for `vendor`'])
    time.set('2026-03-29T00:30:00Z')
  })

  it('covers what changed since the last change of incident commander', async () => {
    const brief = await runJson<BriefJson>(['brief'], opts())
    expect(brief.from).toMatchObject({kind: 'handover', at: '2026-03-28T23:00:00.000Z', name: 'Ben Ode', previous: 'Anna Weber'})
    expect(brief.facts).toEqual([expect.objectContaining({key: 'affected.total', from: 100, to: 1240})])
    expect(brief.steps.done).toEqual([])
    expect(brief.steps.blocked).toEqual([expect.objectContaining({step: 'isolate-systems', isNew: true})])
    expect(brief.notes.map((n) => n.text)).toEqual(['see [the doc](http://evil.example) <img src=x> _now_'])
    expect(brief.roles.find((r) => r.role === 'incident-commander')?.holder?.name).toBe('Ben Ode')
    const text = (await runCli(['brief'], opts())).stdout
    expect(text).toContain(
      'What changed since Ben Ode took over as incident commander from Anna Weber at 2026-03-29 00:00 +01:00 (#6), until 2026-03-29 01:30 +01:00 (1h 30m; times in Europe/Berlin).',
    )
    expect(text).toContain('\nFacts set or changed (1)\n  affected.total: 100 -> 1,240 (tester, 03-29 00:30)\n')
    expect(text).toContain('  Incident commander: Ben Ode · +1 617 555 0101 · ben@northwind.example\n')
    expect(text).toContain('The shift before this one: runbook brief ')
    expect(text).toContain(' --since 2026-03-28T22:05:00+01:00')
  })

  it("reads --since in the incident's time zone", async () => {
    // 22:15 in Berlin is 21:15Z: declare-incident (done at 21:20Z) is in; read as UTC, it would not be.
    const brief = await runJson<BriefJson>(['brief', '--since', '2026-03-28 22:15'], opts())
    expect(brief.from).toEqual({kind: 'time', at: '2026-03-28T21:15:00.000Z', afterSeq: 4})
    expect(brief.steps.done.map((s) => s.step)).toEqual(['declare-incident'])
    const future = await runCli(['brief', '--since', '2026-03-29 09:00'], opts())
    expect(future.code).toBe(2)
    expect(future.stderr).toContain('--since 2026-03-29 09:00 +02:00 is in the future (now is 2026-03-29 01:30 +01:00 in Europe/Berlin)')
  })

  it('gives Markdown to paste into a chat with what responders typed escaped', async () => {
    const md = (await runCli(['brief', '--since', 'opened', '--format', 'md'], opts())).stdout
    expect(md).toMatch(/^## Handover brief: /)
    expect(md).toContain('- 03-29 00:40 see \\[the doc\\]\\(http://evil.example\\) \\<img src=x\\> \\_now\\_ _(tester)_')
    expect(md).toContain('bridge \\*open\\*')
    expect(md).toContain('waiting for \\`vendor\\`')
    expect(md).not.toContain('[the doc](')
    expect(md).not.toMatch(/(^|[^\\])<img/m)
    expect(md).toContain('\n**Steps done (1)**\n')
  })
})
