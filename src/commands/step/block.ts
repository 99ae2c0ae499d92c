import {StepCommand} from '../../cli/step-command.js'

export default class StepBlock extends StepCommand {
  static override summary = 'Mark a step blocked, saying what it waits for.'
  static override examples = [
    '<%= config.bin %> step block restore-from-backups --note "waiting for offline tapes"',
    '<%= config.bin %> step block STEP --incident ID --at 2026-03-28T21:00+01:00',
  ]
  protected readonly action = 'block' as const
}
