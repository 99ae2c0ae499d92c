import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, type CliOptions} from '../helpers/cli.js'
import {clock, teamWorkspace} from '../helpers/team.js'

// Someone leaves the incident and nobody takes over yet: before, a role could only be handed to someone else, so the
// call list kept naming a person who was no longer on it.
describe('runbook unassign', () => {
  const workspace = teamWorkspace()
  const time = clock('2026-03-28T21:00:00Z')
  const opts = (): CliOptions => ({workspace, now: time.now})

  beforeAll(async () => {
    expect((await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28 21:40', '--tz', 'Europe/Berlin'], opts())).code).toBe(0)
    expect((await runCli(['assign', 'security', 'Sam Reyes'], opts())).code).toBe(0)
  })

  it('records that nobody holds the role, names who held it and whom to call, and the roster and timeline say so', async () => {
    time.set('2026-03-29T01:30:00Z')
    const released = await runCli(['unassign', 'security', '--reason', 'Sam is off shift until 08:00'], opts())
    expect(released.code, released.stderr).toBe(0)
    expect(released.stdout).toBe('Recorded (#4): nobody holds Security lead now (was Sam Reyes).\nTo call for it: Sam Reyes · +49 30 5550 1234.\n')
    const roster = await runJson<{roles: {role: string; holder: unknown}[]}>(['roster'], opts())
    expect(roster.roles.find((r) => r.role === 'security-lead')!.holder).toBeNull()
    expect((await runCli(['roster'], opts())).stdout).toContain('Security lead (security-lead)\n  holds it  nobody assigned')
    const timeline = (await runCli(['timeline'], opts())).stdout
    expect(timeline).toMatch(/2026-03-29 03:30:00 \+02:00 +#4 +tester +Security lead: nobody from now on \(was Sam Reyes\): Sam is off shift until 08:00/)
    const brief = await runJson<{handovers: {role: string; name: string | null; previous: string | null}[]}>(['brief', '--since', '2026-03-28T21:00Z'], opts())
    expect(brief.handovers.at(-1)).toMatchObject({role: 'security-lead', name: null, previous: 'Sam Reyes'})
    expect((await runJson<{ok: boolean}>(['verify'], opts())).ok).toBe(true)
  })

  it('a role nobody holds cannot be released, and says how to hand it to someone', async () => {
    const again = await runCli(['unassign', 'security-lead'], opts())
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('nobody holds security-lead in incident')
    expect(again.stderr).toContain('runbook assign security-lead "Name"')
    expect((await runCli(['unassign', 'janitor'], opts())).stderr).toContain('"janitor" is not a role')
  })

  it('assigning the role again after a release is a new assignment, not a handover from the one who left', async () => {
    const assigned = await runJson<{previous: string | null}>(['assign', 'security', 'Kim Lee', '--phone', '+49 30 5550 9999'], opts())
    expect(assigned.previous).toBeNull()
  })
})
