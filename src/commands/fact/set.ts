import {printable} from '../../core/printable.js'
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {setFact} from '../../app/record.js'
import {BaseCommand} from '../../cli/base-command.js'
import {atFlag, asFlag, incidentFlag, expectSeqFlag} from '../../cli/flags.js'
import {factValueInZone} from '../../ui/record-view.js'

export default class FactSet extends BaseCommand {
  static override summary = 'Record a fact about the incident (what is known, and since when).'
  static override description = `Facts decide which playbook steps and notification obligations apply. Setting a fact again records a new event; the history of what was known when is kept.
Lists are comma-separated; instants are ISO 8601 with an offset or Z, or a local time read in the incident's time zone.`
  static override examples = [
    '<%= config.bin %> fact set affected.US-CA 1240',
    '<%= config.bin %> fact set data_categories contact,financial',
    '<%= config.bin %> fact set aware_at "2026-03-28 20:00"',
    '<%= config.bin %> fact set encrypted false --as dpo',
    '<%= config.bin %> fact set affected.US-CA 0 --reason "CRM export: no California addresses"',
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
    'expect-seq': expectSeqFlag,
    force: Flags.boolean({
      summary:
        'Accept an instant more than 5 minutes in the future, or a response instant from before the incident was opened (usually a typo or a wrong zone).',
    }),
    reason: Flags.string({summary: 'Why the answer is right, when it removes obligations (e.g. encrypted true, risk low, affected.US-CA 0); kept in the log.'}),
  }

  async run() {
    const {args, flags} = await this.parse(FactSet)
    const input = {incident: flags.incident, at: flags.at, key: args.key, value: args.value, force: flags.force, reason: flags.reason}
    const {event, value, timezone} = await setFact(this.context(flags), input)
    // The value as typed goes to this terminal and others' scrollback: escapes shown, not obeyed.
    this.log(`Recorded (#${event.seq}): ${args.key} = ${printable(factValueInZone(args.key, value, timezone))}`)
    return {key: args.key, value, seq: event.seq, ...(flags.reason ? {reason: flags.reason} : {})}
  }
}
