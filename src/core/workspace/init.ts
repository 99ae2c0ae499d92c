import {UserError} from '../errors.js'
import {ROLES, type Role} from '../playbook/model.js'
import {roleNamed} from '../incident/roles.js'
import type {Person, WorkspaceConfig} from './config.js'

/** "Alice Smith <alice@example.org>", "Bob Jones, +1 617 555 0100", "Carol <carol@x.org> +44 20 7946 0000". */
export function parsePerson(text: string): Person {
  const trimmed = text.trim()
  const email = /<([^>]+)>/.exec(trimmed)?.[1] ?? /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/.exec(trimmed)?.[0]
  const phone = /\+?\d[\d\s().-]{5,}\d/.exec(trimmed.replace(/<[^>]+>/, ''))?.[0]?.trim()
  const name = trimmed
    .replace(/<[^>]+>/, '')
    .replace(email ?? '\u0000', '')
    .replace(phone ?? '\u0000', '')
    .replace(/[,;]\s*$/, '')
    .replace(/\s+,/g, ',')
    .trim()
    .replace(/,$/, '')
    .trim()
  if (!name) throw new UserError(`"${text}" has no name; write it as "Name <email>" or "Name, phone"`)
  return {name, ...(email ? {email} : {}), ...(phone ? {phone} : {})}
}

/** "incident-commander=Alice <alice@x.org>, +1 617 555 0100" for --primary and --backup flags (short role names too: ic=...). */
export function parseRoleAssignment(text: string): [Role, Person] {
  const at = text.indexOf('=')
  const role = at === -1 ? undefined : roleNamed(text.slice(0, at))
  if (!role) throw new UserError(`"${text}" should be ROLE=Name <email>, phone, with ROLE one of: ${ROLES.join(', ')}`)
  return [role, parsePerson(text.slice(at + 1))]
}

export const INIT_HEADER = `# runbook workspace: who we are, where our customers live, what data we hold, and who responds.
# Validated by runbook; \`runbook readiness\` scores it. Keys: see the README's "Workspace" section.
`

/** The folders' READMEs: how a team overrides or adds to the built-ins. */
export const FOLDER_READMES: Record<string, string> = {
  playbooks: `# Your playbooks\n\nA YAML file here with the same \`id\` as a built-in playbook replaces it; a new id adds one. Start from a copy\n(\`runbook playbook show ID --json\`, or the files in runbook's own playbooks/ folder) and check with\n\`runbook playbook validate\`. Drill scenarios go in playbooks/scenarios/.\n`,
  templates: `# Your templates\n\nA file here with the same path as a built-in template (e.g. customer/us.en.md.njk) replaces it; a new path adds\none. See \`runbook notice list\` and the templates README in runbook's own templates/ folder.\n`,
  regulations: `# Your obligations\n\nAdd notification duties runbook does not know, such as a contract that says "tell ACME within 24 hours". A file with\nthe same \`id\` as a built-in regulation replaces it. Check with \`runbook regulation validate\`.\n`,
}

export type InitAnswers = Omit<WorkspaceConfig, 'organization'> & {organization: WorkspaceConfig['organization']}

/** Drops empty parts so the file a person reads has only what was said. */
export function tidyConfig(answers: InitAnswers): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length ? value.map(clean) : undefined
    if (value && typeof value === 'object') {
      const entries = Object.entries(value)
        .map(([k, v]) => [k, clean(v)] as const)
        .filter(([, v]) => v !== undefined && v !== '')
      return entries.length ? Object.fromEntries(entries) : undefined
    }
    return value
  }
  return clean(answers) as Record<string, unknown>
}
