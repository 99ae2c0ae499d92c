import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {serveUntilStopped} from '../app/serve/server.js'
import {BaseCommand} from '../cli/base-command.js'
import {asFlag, incidentArgFlag, incidentNamed} from '../cli/flags.js'
import {serveLines} from '../ui/serve-view.js'

export default class Serve extends BaseCommand {
  static override summary = 'Show the incident (or drill) as a live web page on this machine, with a console for the drill facilitator.'
  static override description = `Listens on 127.0.0.1 (this machine only) on a free port and prints links carrying random access tokens: the read-only link shows the dashboard (and a drill's projector view); the facilitator link also opens the drill console, which can act. Pages update live as anyone records events. Works offline. Stop with Ctrl-C.
Another address (to show the page to other machines) only with --host, and with a warning: anyone holding a link can see the incident.`
  static override examples = [
    '<%= config.bin %> serve',
    '<%= config.bin %> serve 20261129-ransomware-7f3a --port 8700',
    '<%= config.bin %> serve drill-20261129-vendor-breach-press-1a2b --as "Eva (facilitator)"',
  ]
  static override args = {id: Args.string({description: 'incident or drill id (default: the single open one)'})}
  static override flags = {
    incident: incidentArgFlag,
    port: Flags.integer({summary: 'Port to listen on (default: a free one).', min: 1, max: 65_535}),
    host: Flags.string({summary: 'Address to listen on (default 127.0.0.1). Another machine can reach a non-loopback address: use with care.'}),
    as: asFlag,
  }

  async run() {
    const {args, flags} = await this.parse(Serve)
    await serveUntilStopped(this.context(flags), {id: incidentNamed(args.id, flags.incident), host: flags.host, port: flags.port}, (info) => {
      for (const line of serveLines(info, this.style)) this.log(line)
    })
    this.log('Stopped.')
  }
}
