import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, type CliOptions} from '../helpers/cli.js'
import {clock, teamWorkspace, type Person} from '../helpers/team.js'

describe('people: the roster, assignments and the call list', () => {
  const workspace = teamWorkspace()
  const time = clock('2026-03-28T21:00:00Z')
  const opts = (): CliOptions => ({workspace, now: time.now})

  beforeAll(async () => {
    expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28 21:40', '--tz', 'Europe/Berlin'], opts())).code).toBe(0)
  })

  it('records who holds a role, hands it over, and the timeline shows the handover', async () => {
    time.set('2026-03-28T21:05:00Z')
    const first = await runJson<{role: string; holder: Person & {inRoster: boolean}; previous: string | null}>(['assign', 'ic', 'Anna Weber'], opts())
    expect(first).toMatchObject({role: 'incident-commander', previous: null, holder: {name: 'Anna Weber', phone: '+49 170 1234567', inRoster: true}})
    time.set('2026-03-28T23:00:00Z')
    const second = await runCli(['assign', 'incident-commander', 'Ben Ode'], opts())
    expect(second.code).toBe(0)
    expect(second.stdout).toBe('Recorded (#4): Ben Ode · +1 617 555 0101 · ben@northwind.example holds Incident commander (handed over from Anna Weber).\n')
    const timeline = (await runCli(['timeline'], opts())).stdout
    expect(timeline).toMatch(/2026-03-28 22:05:00 \+01:00 +#3 +tester +Incident commander: Anna Weber/)
    expect(timeline).toMatch(/2026-03-29 00:00:00 \+01:00 +#4 +tester +Incident commander handed over from Anna Weber to Ben Ode/)
    expect((await runJson<{ok: boolean}>(['verify'], opts())).ok).toBe(true)
  })

  it('prints the call list with who holds each role in the open incident', async () => {
    const roster = await runJson<{incident: string; roles: {role: string; holder: Person | null; primary: Person | null; backup: Person | null}[]}>(
      ['roster'],
      opts(),
    )
    expect(roster.incident).toMatch(/-ransomware-/)
    expect(roster.roles[0]).toEqual({
      role: 'incident-commander',
      title: 'Incident commander',
      holder: {
        name: 'Ben Ode',
        phone: '+1 617 555 0101',
        email: 'ben@northwind.example',
        at: '2026-03-28T23:00:00.000Z',
        actor: 'tester',
        seq: 4,
        inRoster: true,
      },
      primary: {name: 'Anna Weber', phone: '+49 170 1234567', email: 'anna@northwind.example'},
      backup: {name: 'Ben Ode', phone: '+1 617 555 0101', email: 'ben@northwind.example'},
    })
    expect(roster.roles.find((r) => r.role === 'security-lead')).toMatchObject({holder: null, primary: {name: 'Sam Reyes'}, backup: null})
    const text = (await runCli(['roster'], opts())).stdout
    expect(text).toContain('  holds it  Ben Ode · +1 617 555 0101 · ben@northwind.example (since 03-29 00:00 +01:00, #4)')
    expect(text).toContain('  primary   Anna Weber · +49 170 1234567 · anna@northwind.example')
    expect(text).toContain(
      'Security lead (security-lead)\n  holds it  nobody assigned\n  primary   Sam Reyes · +49 30 5550 1234\n  backup    none on the roster',
    )
  })

  it("shows, for each next step in status, the owner role's holder, primary and backup", async () => {
    const status = await runJson<{
      next: {id: string; people: {holder: Person | null; primary: Person | null; backup: Person | null}}[]
      roles: {role: string}[]
    }>(['status'], opts())
    expect(status.next[0]).toMatchObject({
      id: 'declare-incident',
      people: {holder: {name: 'Ben Ode'}, primary: {name: 'Anna Weber'}, backup: {name: 'Ben Ode'}},
    })
    // IT operations has nobody on this roster: the step says so rather than naming someone else.
    expect(status.next.find((n) => n.id === 'isolate-systems')?.people).toEqual({holder: null, primary: null, backup: null})
    expect(status.roles.map((r) => r.role)).toEqual(['incident-commander'])
    const text = (await runCli(['status'], opts())).stdout
    expect(text).toContain('Roles: Incident commander Ben Ode')
    expect(text).toContain(
      '  declare-incident: Declare the incident, name the commander, and move to out-of-band communication (Incident commander, 2h 5m overdue)\n      Ben Ode · +1 617 555 0101 · ben@northwind.example (holds it); primary Anna Weber · +49 170 1234567 · anna@northwind.example\n',
    )
  })

  it('refuses an unknown role, a bad email and assigning the holder again, saying what to do', async () => {
    const role = await runCli(['assign', 'janitor', 'Pat'], opts())
    expect(role.code).toBe(2)
    expect(role.stderr).toContain('Error: "janitor" is not a role\nRoles: incident-commander, security-lead, legal, privacy, communications, it-ops, executive')
    const email = await runCli(['assign', 'legal', 'Outside Counsel', '--email', 'counsel-at-firm'], opts())
    expect(email.code).toBe(2)
    expect(email.stderr).toContain('--email: expected an email address such as anna@example.org')
    const again = await runJson<{error: {message: string}}>(['assign', 'ic', 'ben ode'], opts()).catch((e: Error) => e)
    expect(String(again)).toContain('Ben Ode already holds incident-commander')
  })

  it('says when the person assigned is not on the roster and has no contact', async () => {
    const result = await runCli(['assign', 'legal', 'Dr. Lee Park'], opts())
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Dr. Lee Park is not on the roster in runbook.yaml: add --phone or --email')
  })

  it('prints the call list without an incident, and says how to start one without a roster', async () => {
    const none = await runJson<{incident: null; roles: {role: string; holder: null}[]}>(['roster'], {workspace: teamWorkspace()})
    expect(none.incident).toBeNull()
    expect(none.roles.map((r) => r.role)).toEqual(['incident-commander', 'security-lead'])
    const empty = await runCli(['roster'], {workspace: teamWorkspace('organization: {name: N}\n')})
    expect(empty.stdout).toContain('No roster yet. Add one under roster: in runbook.yaml')
  })

  it('names the file, line and field of a bad roster entry', async () => {
    const workspace = teamWorkspace(`organization: {name: N}
roster:
  legal:
    primary: {name: Lee, phone: call me}
`)
    const result = await runCli(['roster'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      `Error: runbook.yaml is not valid:\n${join(workspace, 'runbook.yaml')}:4:33 roster.legal.primary.phone: expected a phone number such as "+49 30 1234567" (at least 5 digits; spaces, + - . ( ) and an optional "ext 12")\nFix`,
    )
  })
})
