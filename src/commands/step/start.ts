import {StepCommand} from '../../cli/step-command.js'

export default class StepStart extends StepCommand {
  static override summary = 'Mark a step as started (someone is on it).'
  static override examples = [
    '<%= config.bin %> step start scope-data --as alice',
    '<%= config.bin %> step start STEP --incident ID --at 2026-03-28T21:00+01:00',
  ]
  protected readonly action = 'start' as const
}
