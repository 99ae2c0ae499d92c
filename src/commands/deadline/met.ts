import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {computeDeadlines} from '../../app/deadlines.js'
import {atFlag, asFlag, incidentFlag} from '../../cli/flags.js'
import {Recorder} from '../../app/session.js'
import {UserError} from '../../core/errors.js'
import {ensureOpen, parseAt} from '../../core/incident/actions.js'
import {formatElapsed} from '../../core/time/duration.js'
import {resolveIncident} from '../../store/incidents.js'
import {incidentNow} from '../../core/incident/now.js'

export default class DeadlineMet extends BaseCommand {
  static override summary = 'Record that a notification was made, so its deadline shows as met on time or late.'
  static override description = 'A late notification under a law that asks for it (GDPR Art. 33(1), LGPD, PDPA) needs the reason for the delay: asked at a terminal, else --delay-reason. It is kept for the report.'
  static override examples = [
    '<%= config.bin %> deadline met gdpr-art33 --ref "CNIL notification 2026-0412"',
    '<%= config.bin %> deadline met ca-1798.82-individual --at "2026-04-20 10:00"',
    '<%= config.bin %> deadline met gdpr-art33 --delay-reason "scope was only confirmed on day 4 by forensics"',
  ]
  static override enableJsonFlag = true
  static override args = {obligation: Args.string({description: 'obligation id (see `runbook deadlines`)', required: true})}
  static override flags = {
    incident: incidentFlag,
    at: atFlag,
    as: asFlag,
    ref: Flags.string({summary: 'A reference: the regulator\'s case number, a filing id, a mailing batch.'}),
    'delay-reason': Flags.string({summary: 'Why it was late (required when late under laws that ask for it).'}),
  }

  async run() {
    const {args, flags} = await this.parse(DeadlineMet)
    const workspace = this.workspace(flags.workspace)
    const incident = resolveIncident(workspace, flags.incident)
    ensureOpen(incident.state)
    const now = incidentNow(incident.state, Date.now())
    const at = parseAt(flags.at, incident.state.timezone, now) ?? now.toISOString()
    const actor = this.actor(flags.as)
    const report = await computeDeadlines(workspace, incident.state, now, actor)
    const obligation = report.obligations.find((o) => o.id === args.obligation)
    if (!obligation) {
      const ids = report.obligations.filter((o) => o.applies !== 'no').map((o) => o.id)
      throw new UserError(`unknown obligation "${args.obligation}"`, {hint: `Obligations that apply or may apply here: ${ids.join(', ') || 'none yet'}. All of them: runbook deadlines --all`})
    }
    if (obligation.applies === 'no') this.logToStderr(this.style.yellow(`Note: ${obligation.id} does not apply on the current facts (${obligation.reasons.join('; ')}); recording it anyway.`))
    const lateByMs = obligation.dueAt ? Date.parse(at) - Date.parse(obligation.dueAt) : 0
    let delayReason = flags['delay-reason']?.trim()
    if (lateByMs > 0 && obligation.delayReasonRequired && !delayReason) {
      if (!process.stdin.isTTY) {
        throw new UserError(`${obligation.id} is ${formatElapsed(lateByMs)} late and ${obligation.regulation.name} requires the reasons for the delay`, {hint: 'Add --delay-reason "why it took longer"; it is kept for the report.'})
      }
      const {input} = await import('@inquirer/prompts')
      delayReason = (await input({message: `${formatElapsed(lateByMs)} late: the reasons for the delay (kept for the report)`, validate: (v) => (v.trim() ? true : 'The law asks for the reasons for the delay')})).trim()
    }
    const recorder = new Recorder(incident)
    const drafts = [...(report.record ? [report.record] : []), {
      type: 'obligation.met' as const,
      actor,
      occurredAt: at,
      payload: {obligation: obligation.id, ...(flags.ref ? {ref: flags.ref} : {}), ...(delayReason ? {delayReason} : {})},
    }]
    const events = await recorder.record(...drafts)
    const verdict = !obligation.dueAt ? 'no fixed deadline' : lateByMs > 0 ? this.style.red(`${formatElapsed(lateByMs)} late`) : this.style.green(`on time, ${formatElapsed(-lateByMs)} to spare`)
    this.log(`Recorded (#${events.at(-1)!.seq}): ${obligation.id} made: ${verdict}.`)
    return {obligation: obligation.id, at, ref: flags.ref ?? null, delayReason: delayReason ?? null, dueAt: obligation.dueAt, lateByMinutes: obligation.dueAt ? Math.round(lateByMs / 60_000) : null}
  }
}
