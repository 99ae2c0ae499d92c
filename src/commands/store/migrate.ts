import * as Flags from '@oclif/core/flags'
import {migrateStore, schemaScript} from '../../app/store.js'
import {BaseCommand} from '../../cli/base-command.js'
import {migrateLines} from '../../ui/store-view.js'

export default class StoreMigrate extends BaseCommand {
  static override summary = "Create or update runbook's tables in the PostgreSQL database (as the database owner)."
  static override description = `Applies the schema migrations the database lacks, in order, in one transaction: all of them or none. runbook never changes the schema on its own; a database that needs this says so and names this command.
The database is --url, else RUNBOOK_DATABASE_URL, else store.url in runbook.yaml. --print writes the SQL instead, for a DBA to review and apply (psql -1 -f).`
  static override examples = [
    '<%= config.bin %> store migrate',
    'PGUSER=runbook_owner <%= config.bin %> store migrate --url postgresql://db.example.com/runbook',
    '<%= config.bin %> store migrate --print > runbook-schema.sql',
  ]
  static override enableJsonFlag = true
  static override flags = {
    url: Flags.string({summary: 'The database (postgresql://user@host/db); the password comes from ~/.pgpass or PGPASSWORD.'}),
    print: Flags.boolean({summary: 'Print the SQL of every migration instead of applying it.'}),
  }

  async run() {
    const {flags} = await this.parse(StoreMigrate)
    if (flags.print) {
      const sql = await schemaScript()
      if (!this.jsonEnabled()) this.write(sql)
      return {sql}
    }
    const outcome = await migrateStore(this.context(flags), {url: flags.url})
    for (const line of migrateLines(outcome, this.style)) this.log(line)
    return outcome
  }
}
