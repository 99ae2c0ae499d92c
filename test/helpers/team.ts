import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from './cli.js'

/** A workspace whose roster has an incident commander (primary and backup) and a security lead. */
export const ROSTER_YAML = `organization: {name: Northwind, timezone: Europe/Berlin}
roster:
  incident-commander:
    primary: {name: Anna Weber, phone: "+49 170 1234567", email: anna@northwind.example}
    backup: {name: Ben Ode, phone: "+1 617 555 0101", email: ben@northwind.example}
  security-lead:
    primary: {name: Sam Reyes, phone: "+49 30 5550 1234"}
`

export function teamWorkspace(yaml = ROSTER_YAML): string {
  const workspace = tempDir()
  writeFileSync(join(workspace, 'runbook.yaml'), yaml)
  return workspace
}

/** A clock the test moves forward between commands; events are recorded at its time. */
export function clock(start: string) {
  let now = new Date(start)
  return {now: () => now, set: (at: string) => (now = new Date(at))}
}

export interface Person {
  name: string
  phone?: string
  email?: string
}
