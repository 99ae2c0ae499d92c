import {StepCommand} from '../../cli/step-command.js'

export default class StepSkip extends StepCommand {
  static override summary = 'Skip a step that does not apply (a reason is required).'
  static override examples = [
    '<%= config.bin %> step skip notify-law-enforcement --note "no criminal act suspected"',
    '<%= config.bin %> step skip STEP --incident ID --at 2026-03-28T21:00+01:00',
  ]
  protected readonly action = 'skip' as const
}
