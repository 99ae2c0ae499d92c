import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {initWorkspace} from '../app/init.js'
import {BaseCommand} from '../cli/base-command.js'
import {DATA_CATEGORIES, ENTITY_TYPES, ROLES} from '../cli/options.js'

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
    primary: Flags.string({multiple: true, summary: "A role's primary: ROLE=Name <email>, phone (repeat for each role)."}),
    backup: Flags.string({multiple: true, summary: "A role's backup: ROLE=Name <email>, phone (repeat)."}),
  }

  async run() {
    const {args, flags: f} = await this.parse(Init)
    const {file, dir} = await initWorkspace(this.context(), {...f, dir: args.dir})
    this.log(`Created ${file}.`)
    this.log(this.style.dim(`Next: cd ${dir} && runbook readiness   (shows what is still missing)`))
  }
}
