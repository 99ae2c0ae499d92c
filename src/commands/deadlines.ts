import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../cli/base-command.js'
import {computeDeadlines} from '../app/deadlines.js'
import {UserError} from '../core/errors.js'
import {isValidTimeZone} from '../core/time/instant.js'
import {formatInZone} from '../core/time/instant.js'
import {resolveIncident} from '../store/incidents.js'
import {writeFileAtomic} from '../store/files.js'
import {deadlineLines} from '../ui/deadlines-view.js'
import {Recorder} from '../app/session.js'
import {incidentNow} from '../core/incident/now.js'

export default class Deadlines extends BaseCommand {
  static override summary = 'Who must be told, by when: the notification obligations that apply or may apply, from the incident\'s facts.'
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
    all: Flags.boolean({summary: 'Also list the obligations that do not apply, with the reason.'}),
    tz: Flags.string({summary: 'Show times in this IANA time zone (default: the incident\'s).'}),
    ics: Flags.file({summary: 'Also write an iCalendar file with one event per deadline (alarms 24 h and 1 h before).'}),
    as: Flags.string({summary: 'Who is asking (recorded with the regulation versions).'}),
  }

  async run() {
    const {args, flags} = await this.parse(Deadlines)
    const workspace = this.workspace(flags.workspace)
    const incident = resolveIncident(workspace, args.id)
    const zone = flags.tz ?? incident.state.timezone
    if (!isValidTimeZone(zone)) throw new UserError(`--tz "${zone}" is not an IANA time zone; use a name such as Europe/Berlin or America/New_York`)
    const now = incidentNow(incident.state, Date.now())
    const report = await computeDeadlines(workspace, incident.state, now, this.actor(flags.as))
    if (report.record) await new Recorder(incident).record(report.record)
    const {state} = incident
    for (const file of report.broken) this.logToStderr(this.style.yellow(`Skipped ${file.file}: it does not validate (run \`runbook regulation validate ${file.file}\`).`))
    if (!this.jsonEnabled()) {
      this.log(`${state.drill ? this.style.exercise('EXERCISE ') : ''}${this.style.bold(`Notification deadlines: ${state.title}`)} ${this.style.dim(`(${state.id}; times in ${zone})`)}`)
      if (!state.facts.aware_at) this.log(this.style.yellow('aware_at is not set: clocks that start at awareness cannot run. Set it: runbook fact set aware_at "YYYY-MM-DD HH:MM"'))
      for (const change of report.changed) {
        this.log(this.style.yellow(`Rules changed: ${change.regulation} (${change.file}) differs from the version this incident was evaluated with on ${formatInZone(change.since, zone)}. Check the deadlines below against the earlier ones in \`runbook timeline\`.`))
      }
      for (const line of deadlineLines(report.obligations, zone, now, this.style, {all: flags.all})) this.log(line)
      this.log(this.style.dim('\nWhen a notification is made: runbook deadline met OBLIGATION [--at TIME] [--ref REFERENCE]. Not legal advice: check each rule\'s source.'))
    }
    if (flags.ics) {
      const {deadlinesToIcs} = await import('../render/ics.js')
      writeFileAtomic(flags.ics, deadlinesToIcs(state, report.obligations, now))
      this.logToStderr(`Wrote the open deadlines to ${flags.ics}.`)
    }
    return report.obligations.filter((o) => flags.all || o.applies !== 'no').map((o) => ({
      id: o.id,
      title: o.title,
      regulation: o.regulation,
      notify: o.notify,
      recipient: o.recipient,
      applies: o.applies,
      reasons: o.reasons,
      missing: o.missing,
      rule: o.rule,
      dueAt: o.dueAt,
      asap: o.asap,
      targetAt: o.targetAt,
      dueLocal: o.dueAt ? formatInZone(o.dueAt, zone) : null,
      status: o.status,
      timeLeftMinutes: o.timeLeftMs === null ? null : Math.round(o.timeLeftMs / 60_000),
      met: o.met ? {...o.met, lateByMinutes: o.met.lateByMs === null ? null : Math.round(o.met.lateByMs / 60_000), sinceAwarenessMinutes: o.met.sinceAwarenessMs === null ? null : Math.round(o.met.sinceAwarenessMs / 60_000)} : null,
      stage: o.stage ?? null,
      stages: o.stages,
      notes: o.notes,
      source: o.source,
      confidence: o.confidence,
    }))
  }
}
