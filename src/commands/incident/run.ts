import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {resolveIncident} from '../../app/incidents.js'
import {requireTerminal, runWalk} from '../../app/walk.js'
import {BaseCommand} from '../../cli/base-command.js'
import {PARTICIPANT_ROLES, ROLES} from '../../cli/options.js'
import type {Role} from '../../core/playbook/model.js'
import {incidentArgFlag, incidentNamed} from '../../cli/flags.js'

export default class IncidentRun extends BaseCommand {
  static override summary = "Walk the incident's playbook step by step, interactively, the most urgent open step first."
  static override description = `For each step: its phase, guidance, owner and target; answer its questions (recorded as facts), then mark it done, skipped (with a reason), blocked, add a note, or come back later.
The next step is the open step due soonest among those that apply and whose prerequisites (after:) are done; the phase order breaks ties. --step goes to one step (a finished one too, to change an answer); --role walks only that role's steps, so legal, communications and IT can walk the same incident side by side.
Every answer is recorded the moment it is given: Ctrl-C loses nothing. If another responder records something while a step is on your screen, the walk shows who recorded what (and whose answer yours would replace) and asks before writing. For a long or pasted note or reason, press Enter on the empty line: your editor (VISUAL or EDITOR) opens; where the text is optional (the note on a step done, a drill decision), type + and Enter.
Needs a terminal; in scripts use \`runbook step\`, \`runbook fact set\` and \`runbook note\` (with --expect-seq N to refuse if anyone recorded after event N).`
  static override examples = [
    '<%= config.bin %> incident run',
    '<%= config.bin %> incident run 20261129-ransomware-7f3a --as alice',
    '<%= config.bin %> incident run --role legal',
    '<%= config.bin %> incident run --step scope-personal-data',
  ]
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}
  static override flags = {
    incident: incidentArgFlag,
    as: Flags.string({summary: 'Who is walking (default: RUNBOOK_ACTOR or your OS user name).'}),
    step: Flags.string({char: 's', summary: 'Go to this step first (see `runbook status` or `runbook playbook show`), then walk on.'}),
    role: Flags.string({char: 'r', summary: "Walk only this role's steps.", options: [...ROLES]}),
    'drill-role': Flags.string({options: [...PARTICIPANT_ROLES], summary: 'In a drill: the part you take (for the after-action report).'}),
  }

  async run() {
    const {args, flags} = await this.parse(IncidentRun)
    const ctx = this.context(flags)
    requireTerminal(ctx, '`runbook incident run`')
    await runWalk(await resolveIncident(ctx, incidentNamed(args.id, flags.incident)), {
      step: flags.step,
      role: flags.role as Role | undefined,
      drillRole: flags['drill-role'],
    })
  }
}
