import * as Flags from '@oclif/core/flags'
import {setActor, whoAmI} from '../app/identity.js'
import {BaseCommand} from '../cli/base-command.js'
import {asFlag} from '../cli/flags.js'
import {whoamiLines} from '../ui/people-view.js'

export default class Whoami extends BaseCommand {
  static override summary = 'Who you are recorded as, and why; --set keeps your name for every workspace.'
  static override description = `The name every event you record carries comes from, in this order: --as, the RUNBOOK_ACTOR variable, "actor" in your own config file ($XDG_CONFIG_HOME/runbook/config.yaml, else ~/.config/runbook/config.yaml), and last your login name (often "root" on a server, which tells nobody who did it).
--set writes your name to that config file (mode 0600), keeping anything else in it.`
  static override examples = [
    '<%= config.bin %> whoami',
    '<%= config.bin %> whoami --set "Anna Weber"',
    'RUNBOOK_ACTOR="Ben Ode" <%= config.bin %> whoami --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    set: Flags.string({summary: 'Keep this name in your config file: it is recorded as the actor from now on.'}),
    as: asFlag,
  }

  async run() {
    const {flags} = await this.parse(Whoami)
    const ctx = this.context(flags)
    if (flags.set === undefined) {
      const who = await whoAmI(ctx, {as: flags.as})
      for (const line of whoamiLines(who, this.style)) this.log(line)
      return who
    }
    const result = await setActor(ctx, {name: flags.set, as: flags.as})
    this.log(`Saved: you are recorded as ${result.saved} from now on (kept in ${result.configFile}).`)
    if (result.source !== 'config')
      this.log(this.style.yellow(`But here ${result.source === 'flag' ? '--as' : 'RUNBOOK_ACTOR'} still wins: recorded as ${result.actor}.`))
    return result
  }
}
