import {existsSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {UserError} from '../core/errors.js'
import {DATA_CATEGORIES, ENTITY_TYPES} from '../core/facts/vocabulary.js'
import {regionOrGroupProblem} from '../core/facts/regions.js'
import {ROLES, ROLE_TITLES, type Role} from '../core/playbook/model.js'
import {isValidTimeZone} from '../core/time/zone.js'
import type {Person} from '../core/workspace/config.js'
import {FOLDER_READMES, INIT_HEADER, parsePerson, parseRoleAssignment, tidyConfig, type InitAnswers} from '../core/workspace/init.js'
import {CONFIG_FILE, writeWorkspaceLayout} from '../store/workspace.js'
import type {Context} from './context.js'

/** What `runbook init` was told by flags; anything missing is asked at a terminal, or defaulted with --yes. */
export interface InitFlags {
  dir?: string
  yes?: boolean
  force?: boolean
  name?: string
  timezone?: string
  locales?: string
  regions?: string
  data?: string
  'entity-types'?: string
  email?: string
  phone?: string
  website?: string
  address?: string
  'dpo-name'?: string
  'dpo-email'?: string
  regulator?: string[]
  primary?: string[]
  backup?: string[]
}

const list = (text?: string) =>
  text
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined

const SCRIPT_HINT =
  'In scripts, pass --yes with the flags you need: --name --timezone --locales --regions --data --email --phone --website --primary ROLE=Name <email> --backup ROLE=Name <email> (see --help).'

/** Creates a team workspace: asks what the flags do not say, validates the result as every later command will, writes it. */
export async function initWorkspace(ctx: Context, flags: InitFlags): Promise<{file: string; dir: string}> {
  const dir = resolve(flags.dir ?? '.')
  const file = join(dir, CONFIG_FILE)
  if (existsSync(file) && !flags.force) throw new UserError(`${file} already exists`, {hint: 'Edit it, or pass --force to replace it.'})
  const interactive = !flags.yes
  if (interactive && !ctx.io.canPrompt) throw new UserError('`runbook init` asks questions and needs a terminal', {hint: SCRIPT_HINT})
  const prompts = interactive ? ctx.prompter : undefined
  const ask = async (value: string | undefined, message: string, fallback: string, validate?: (v: string) => true | string) =>
    value ?? (prompts ? (await prompts.input({message, default: fallback || undefined, validate})).trim() : fallback)
  const askList = async (value: string | undefined, message: string, choices: readonly string[], fallback: string[]) =>
    list(value) ?? (prompts ? await prompts.checkbox({message, choices: choices.map((c) => ({name: c, value: c, checked: fallback.includes(c)}))}) : fallback)

  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  const name = await ask(flags.name, 'Organisation name', 'My Organisation')
  const timezone = await ask(flags.timezone, 'Time zone (IANA)', zone, (v) => isValidTimeZone(v) || 'an IANA zone such as Europe/Berlin')
  const locales = list(await ask(flags.locales, 'Languages for notices (comma-separated codes)', 'en')) ?? ['en']
  const regions =
    list(
      await ask(
        flags.regions,
        'Where customers live (ISO codes, e.g. US-CA,US-NY,DE,JP)',
        '',
        (v) =>
          list(v)
            ?.map((r) => regionOrGroupProblem(r))
            .find(Boolean) ?? true,
      ),
    ) ?? []
  const data = await askList(flags.data, 'Personal data you hold', DATA_CATEGORIES, ['contact'])
  const entityTypes = await askList(flags['entity-types'], 'What kind of regulated entity are you? (none is fine)', ENTITY_TYPES, [])
  const email = await ask(flags.email, 'Contact email for customers in a breach', '')
  const phone = await ask(flags.phone, 'Contact phone', '')
  const website = await ask(flags.website, 'Web page for breach updates (https://...)', '')
  const address = await ask(flags.address, 'Postal address', '')
  const dpoName = await ask(flags['dpo-name'], 'Data protection officer / privacy lead', '')
  const dpoEmail = await ask(flags['dpo-email'], 'Their email', '')

  const roster: Partial<Record<Role, {primary: Person; backup?: Person}>> = {}
  for (const [role, person] of (flags.primary ?? []).map(parseRoleAssignment)) roster[role] = {...roster[role], primary: person}
  for (const [role, person] of (flags.backup ?? []).map(parseRoleAssignment)) {
    if (!roster[role]) throw new UserError(`--backup ${role} given without a --primary for that role`)
    roster[role] = {...roster[role]!, backup: person}
  }
  if (prompts && !flags.primary?.length) {
    ctx.io.stdout.write(
      'Roster: for each role, a primary and a backup, as "Name <email>, phone" (the walk shows them to whoever needs to call). Enter to skip.\n',
    )
    for (const role of ROLES) {
      const primary = (await prompts.input({message: `${ROLE_TITLES[role]}, primary`})).trim()
      if (!primary) continue
      const backup = (await prompts.input({message: `${ROLE_TITLES[role]}, backup`})).trim()
      roster[role] = {primary: parsePerson(primary), ...(backup ? {backup: parsePerson(backup)} : {})}
    }
  }
  const regulators = (flags.regulator ?? []).map((r) => {
    const [regulatorName, registration] = r.split(',').map((s) => s.trim())
    return {name: regulatorName!, ...(registration ? {registration} : {})}
  })
  const answers: InitAnswers = {
    organization: {
      name,
      timezone,
      locales,
      contact: {email: email || undefined, phone: phone || undefined, website: website || undefined, address: address || undefined},
      entity_types: entityTypes.length ? (entityTypes as InitAnswers['organization']['entity_types']) : undefined,
      dpo: dpoName || dpoEmail ? {name: dpoName || undefined, email: dpoEmail || undefined} : undefined,
    },
    regions,
    data_inventory: data.map((category) => ({category: category as (typeof DATA_CATEGORIES)[number]})),
    regulators,
    channels: ['email', 'letter'],
    roster,
  }
  const [{stringify}, {parseYamlWith, formatProblem}, {workspaceConfigSchema}] = await Promise.all([
    import('yaml'),
    import('../core/content/yaml-source.js'),
    import('../core/workspace/config.js'),
  ])
  const text = INIT_HEADER + stringify(tidyConfig(answers))
  // Validate before writing, exactly as every later command will read it: a bad answer writes nothing.
  const checked = parseYamlWith(workspaceConfigSchema, text, file)
  if (!checked.ok) {
    throw new UserError(`these answers do not make a valid ${CONFIG_FILE}:\n${checked.problems.map(formatProblem).join('\n')}`, {
      hint: 'Correct the flag or answer named and run `runbook init` again.',
    })
  }
  writeWorkspaceLayout(dir, text, FOLDER_READMES)
  return {file, dir}
}
