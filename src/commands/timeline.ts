import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {exportTimeline} from '../app/timeline.js'
import {BaseCommand} from '../cli/base-command.js'
import {TIMELINE_FORMATS} from '../cli/options.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Timeline extends BaseCommand {
  static override summary = 'The incident timeline, in order of when things happened.'
  static override description = `Formats: text (for reading), md (for a report), json (the events exactly as stored, with their hashes), csv (for spreadsheets; cells are safe against formula injection), timesketch (JSONL that Timesketch imports).`
  static override examples = [
    '<%= config.bin %> timeline',
    '<%= config.bin %> timeline --format md --out timeline.md',
    '<%= config.bin %> timeline 20261129-ransomware-7f3a --format timesketch > incident.jsonl',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    format: Flags.string({char: 'f', summary: 'Output format.', options: [...TIMELINE_FORMATS], default: 'text'}),
    out: Flags.file({char: 'o', summary: 'Write to this file (mode 0600) instead of standard output.'}),
  }

  async run() {
    const {args, flags} = await this.parse(Timeline)
    const json = this.jsonEnabled()
    const {events, output} = await exportTimeline(this.context(flags), {
      incident: incidentNamed(args.id, flags.incident),
      format: json ? 'json' : (flags.format as (typeof TIMELINE_FORMATS)[number]),
      out: json ? undefined : flags.out,
    })
    if (json) return events
    if (flags.out) this.logToStderr(`Wrote ${events.length} events to ${flags.out}.`)
    else this.write(output)
  }
}
