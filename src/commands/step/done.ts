import {StepCommand} from '../../cli/step-command.js'

export default class StepDone extends StepCommand {
  static override summary = 'Mark a step done.'
  static override examples = [
    '<%= config.bin %> step done contain-isolate --note "VLAN 20 cut off at 03:10"',
    '<%= config.bin %> step done STEP --incident ID --at 2026-03-28T21:00+01:00',
  ]
  protected readonly action = 'done' as const
}
