import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {incidentDeadlines} from '../app/deadlines.js'
import {writeDeadlineCalendar} from '../app/calendar.js'
import {BaseCommand} from '../cli/base-command.js'
import {deadlineJson, deadlineReportLines} from '../ui/deadlines-view.js'
import {incidentArgFlag, incidentNamed} from '../cli/flags.js'

export default class Deadlines extends BaseCommand {
  static override summary = "Who must be told, by when: the notification obligations that apply or may apply, from the incident's facts."
  static override description = `Each obligation shows why it applies (or what to find out when it may apply), its due time in the team's time zone, the time left, and its state: open, due within 24 h, overdue, met on time or met late.
Hour clocks are elapsed hours (72 h across a DST change is 72 real hours); day clocks follow each law's calendar, business days skip that country's public holidays.
The incident records which version of each regulation file it was evaluated with; a later change of a rule is reported, never silently applied to history.
Not legal advice: each rule names its source and how sure we are of it.`
  static override examples = [
    '<%= config.bin %> deadlines',
    '<%= config.bin %> deadlines --all --tz America/New_York',
    '<%= config.bin %> deadlines --json',
    '<%= config.bin %> deadlines --ics deadlines.ics',
  ]
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    all: Flags.boolean({summary: 'Also list the obligations that do not apply, with the reason.'}),
    tz: Flags.string({summary: "Show times in this IANA time zone (default: the incident's)."}),
    ics: Flags.file({summary: 'Also write an iCalendar file with one event per deadline (alarms 24 h and 1 h before).'}),
    as: Flags.string({summary: 'Who is asking (recorded with the regulation versions).'}),
  }

  async run() {
    const {args, flags} = await this.parse(Deadlines)
    const ctx = this.context(flags)
    const {session, report, zone, now, contacts} = await incidentDeadlines(ctx, {incident: incidentNamed(args.id, flags.incident), tz: flags.tz})
    if (!this.jsonEnabled())
      for (const line of deadlineReportLines(session.state, report, zone, now, this.style, {all: flags.all, width: ctx.io.columns, contacts})) this.log(line)
    if (flags.ics) {
      await writeDeadlineCalendar(session.state, report.obligations, now, flags.ics)
      this.logToStderr(`Wrote the open deadlines to ${flags.ics}.`)
    }
    return report.obligations.filter((o) => flags.all || o.applies !== 'no').map((o) => deadlineJson(o, zone))
  }
}
