import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {setFact} from '../../app/record.js'
import {BaseCommand} from '../../cli/base-command.js'
import {atFlag, asFlag, incidentFlag} from '../../cli/flags.js'
import {formatFactValue} from '../../ui/record-view.js'

export default class FactSet extends BaseCommand {
  static override summary = 'Record a fact about the incident (what is known, and since when).'
  static override description = `Facts decide which playbook steps and notification obligations apply. Setting a fact again records a new event; the history of what was known when is kept.
Lists are comma-separated; instants are ISO 8601 with an offset or Z, or a local time read in the incident's time zone.`
  static override examples = [
    '<%= config.bin %> fact set affected.US-CA 1240',
    '<%= config.bin %> fact set data_categories contact,financial',
    '<%= config.bin %> fact set aware_at "2026-03-28 20:00"',
    '<%= config.bin %> fact set encrypted false --as dpo',
  ]
  static override enableJsonFlag = true
  static override args = {
    key: Args.string({description: 'fact key, e.g. affected.total, data_categories, aware_at (see `runbook fact list --known`)', required: true}),
    value: Args.string({description: 'the value', required: true}),
  }
  static override flags = {
    incident: incidentFlag,
    at: atFlag,
    as: asFlag,
    force: Flags.boolean({summary: 'Accept an instant more than 5 minutes in the future (it is almost always a typo or a wrong zone).'}),
  }

  async run() {
    const {args, flags} = await this.parse(FactSet)
    const {event, value} = await setFact(this.context(flags), {incident: flags.incident, at: flags.at, key: args.key, value: args.value, force: flags.force})
    this.log(`Recorded (#${event.seq}): ${args.key} = ${formatFactValue(value)}`)
    return {key: args.key, value, seq: event.seq}
  }
}
