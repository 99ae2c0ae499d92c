import * as Args from '@oclif/core/args'
import {BaseCommand} from '../cli/base-command.js'
import {OperationalError} from '../core/errors.js'
import {verifyLog} from '../core/incident/verify.js'
import {incidentLog, resolveIncident} from '../store/incidents.js'

export default class Verify extends BaseCommand {
  static override summary = 'Check that the incident log is intact: every event in sequence and chained by its hash.'
  static override description = 'Exits 1 and names the first bad line when an event was edited, deleted, reordered, or a write was torn.'
  static override examples = ['<%= config.bin %> verify', '<%= config.bin %> verify 20261129-ransomware-7f3a --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'incident id (default: the single open incident)'})}

  async run() {
    const {args, flags} = await this.parse(Verify)
    const workspace = this.workspace(flags.workspace)
    const id = args.id ?? resolveIncident(workspace, undefined).state.id
    const log = incidentLog(workspace, id)
    if (!log.exists()) resolveIncident(workspace, id)
    const result = verifyLog(log.readBytes())
    const summary = {id, file: log.path, ok: result.ok, events: result.events, lastHash: result.lastHash, problem: result.problem}
    if (!result.ok) {
      if (this.jsonEnabled()) {
        this.logJson(summary)
        this.exit(1)
      }
      throw new OperationalError(`${log.path}:${result.problem!.line}: ${result.problem!.message}`, {
        hint: result.problem!.kind === 'torn-tail' ? `The ${result.events} events before it are intact. Run \`runbook incident repair ${id}\`.` : `The ${result.events} events before it are intact; keep a copy of the file as evidence.`,
      })
    }
    this.log(`${this.style.green('ok')}: ${result.events} events, chain intact (last hash ${result.lastHash.slice(0, 16)}...)`)
    return summary
  }
}
