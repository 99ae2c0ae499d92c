import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {resolveIncident} from '../../app/incidents.js'
import {requireTerminal, runWalk} from '../../app/walk.js'
import {BaseCommand} from '../../cli/base-command.js'
import {PARTICIPANT_ROLES} from '../../cli/options.js'

export default class IncidentRun extends BaseCommand {
  static override summary = "Walk the incident's playbook step by step, interactively; resumes at the first open step."
  static override description = `For each step: its phase, guidance, owner and target; answer its questions (recorded as facts), then mark it done, skipped (with a reason), blocked, add a note, or come back later.
Every answer is recorded the moment it is given: Ctrl-C loses nothing. Needs a terminal; in scripts use \`runbook step\`, \`runbook fact set\` and \`runbook note\`.`
  static override examples = ['<%= config.bin %> incident run', '<%= config.bin %> incident run 20261129-ransomware-7f3a --as alice']
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    as: Flags.string({summary: 'Who is walking (default: RUNBOOK_ACTOR or your OS user name).'}),
    role: Flags.string({options: [...PARTICIPANT_ROLES], summary: 'In a drill: the role you take part in (for the after-action report).'}),
  }

  async run() {
    const {args, flags} = await this.parse(IncidentRun)
    const ctx = this.context(flags)
    requireTerminal(ctx, '`runbook incident run`')
    await runWalk(await resolveIncident(ctx, args.id), {role: flags.role})
  }
}
