import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {existsSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {BaseCommand} from '../cli/base-command.js'
import {UserError} from '../core/errors.js'
import {DATA_CATEGORIES, ENTITY_TYPES} from '../core/facts/vocabulary.js'
import {regionOrGroupProblem} from '../core/facts/regions.js'
import {ROLES, ROLE_TITLES, type Role} from '../core/playbook/model.js'
import {isValidTimeZone} from '../core/time/instant.js'
import {FOLDER_READMES, INIT_HEADER, parsePerson, parseRoleAssignment, tidyConfig, type InitAnswers} from '../core/workspace/init.js'
import type {Person} from '../core/workspace/config.js'
import {ensurePrivateDir, FILE_MODE} from '../store/files.js'
import {CONFIG_FILE} from '../store/workspace.js'

const list = (text?: string) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : undefined)

export default class Init extends BaseCommand {
  static override summary = 'Create a team workspace: runbook.yaml (organisation, regions, data held, regulators, roster) and folders for your own content.'
  static override description = `Asks each question at a terminal; every question has a flag, and --yes writes what the flags say plus defaults without asking (for scripts). Without a terminal and without --yes it stops and names the flags.
Roles: ${ROLES.join(', ')}.`
  static override examples = [
    '<%= config.bin %> init ./breach-response',
    '<%= config.bin %> init . --yes --name "Northwind Outfitters Inc." --timezone America/New_York --regions US-CA,US-NY,DE --data contact,financial --email privacy@northwind.example --primary "incident-commander=Ana Ruiz <ana@northwind.example>"',
  ]
  static override args = {dir: Args.directory({description: 'where to create it (default: the current folder)'})}
  static override flags = {
    yes: Flags.boolean({char: 'y', summary: 'Do not ask; use the flags and defaults.'}),
    force: Flags.boolean({summary: 'Replace an existing runbook.yaml.'}),
    name: Flags.string({summary: 'Organisation name.'}),
    timezone: Flags.string({summary: 'IANA time zone, e.g. Europe/Berlin.'}),
    locales: Flags.string({summary: 'Languages notices are written in, comma-separated (en,ja).'}),
    regions: Flags.string({summary: 'Where customers live: ISO codes, comma-separated (US-CA,US-NY,DE,JP).'}),
    data: Flags.string({summary: `Personal data held, comma-separated: ${DATA_CATEGORIES.join(', ')}.`}),
    'entity-types': Flags.string({summary: `What kind of regulated entity, comma-separated: ${ENTITY_TYPES.join(', ')}.`}),
    email: Flags.string({summary: 'Contact email for customers in a breach.'}),
    phone: Flags.string({summary: 'Contact phone (toll-free if you have one).'}),
    website: Flags.string({summary: 'Web page for breach updates.'}),
    address: Flags.string({summary: 'Postal address.'}),
    'dpo-name': Flags.string({summary: 'Data protection officer / privacy lead name.'}),
    'dpo-email': Flags.string({summary: 'Data protection officer email.'}),
    regulator: Flags.string({multiple: true, summary: 'A regulator you are registered with: "Name[, registration number]".'}),
    primary: Flags.string({multiple: true, summary: 'A role\'s primary: ROLE=Name <email> (repeat for each role).'}),
    backup: Flags.string({multiple: true, summary: 'A role\'s backup: ROLE=Name <email> (repeat).'}),
  }

  async run() {
    const {args, flags} = await this.parse(Init)
    const dir = resolve(args.dir ?? '.')
    const file = join(dir, CONFIG_FILE)
    if (existsSync(file) && !flags.force) throw new UserError(`${file} already exists`, {hint: 'Edit it, or pass --force to replace it.'})
    const interactive = !flags.yes
    if (interactive && (!process.stdin.isTTY || !process.stdout.isTTY)) {
      throw new UserError('`runbook init` asks questions and needs a terminal', {hint: 'In scripts, pass --yes with the flags you need: --name --timezone --locales --regions --data --email --phone --website --primary ROLE=Name <email> --backup ROLE=Name <email> (see --help).'})
    }
    const prompts = interactive ? await import('@inquirer/prompts') : undefined
    const ask = async (value: string | undefined, message: string, fallback: string, validate?: (v: string) => true | string) =>
      value ?? (prompts ? (await prompts.input({message, default: fallback || undefined, validate})).trim() : fallback)
    const askList = async (value: string | undefined, message: string, choices: readonly string[], fallback: string[]) =>
      list(value) ?? (prompts ? await prompts.checkbox({message, choices: choices.map((c) => ({value: c, checked: fallback.includes(c)}))}) : fallback)

    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
    const name = await ask(flags.name, 'Organisation name', 'My Organisation')
    const timezone = await ask(flags.timezone, 'Time zone (IANA)', zone, (v) => isValidTimeZone(v) || 'an IANA zone such as Europe/Berlin')
    const locales = list(await ask(flags.locales, 'Languages for notices (comma-separated codes)', 'en')) ?? ['en']
    const regions = list(await ask(flags.regions, 'Where customers live (ISO codes, e.g. US-CA,US-NY,DE,JP)', '', (v) => list(v)?.map((r) => regionOrGroupProblem(r)).find(Boolean) ?? true)) ?? []
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
    if (prompts && !flags.primary) {
      this.log('Roster: for each role, a primary and a backup, as "Name <email>" or "Name, phone". Enter to skip.')
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
        name, timezone, locales,
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
      import('yaml'), import('../core/content/yaml-source.js'), import('../core/workspace/config.js'),
    ])
    const text = INIT_HEADER + stringify(tidyConfig(answers))
    // Validate before writing, exactly as every later command will read it: a bad answer writes nothing.
    const checked = parseYamlWith(workspaceConfigSchema, text, file)
    if (!checked.ok) throw new UserError(`these answers do not make a valid ${CONFIG_FILE}:\n${checked.problems.map(formatProblem).join('\n')}`, {hint: 'Correct the flag or answer named and run `runbook init` again.'})
    ensurePrivateDir(dir)
    writeFileSync(file, text, {mode: FILE_MODE})
    for (const [folder, readme] of Object.entries(FOLDER_READMES)) {
      ensurePrivateDir(join(dir, folder))
      if (!existsSync(join(dir, folder, 'README.md'))) writeFileSync(join(dir, folder, 'README.md'), readme, {mode: FILE_MODE})
    }
    ensurePrivateDir(join(dir, 'incidents'))
    // The cache is derived and rebuilt at will: keep it out of a team's repository.
    if (!existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), '.runbook-cache/\n', {mode: FILE_MODE})
    this.log(`Created ${file}.`)
    this.log(this.style.dim(`Next: cd ${dir} && runbook readiness   (shows what is still missing)`))
  }
}
