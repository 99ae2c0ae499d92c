import {createContext, type Context} from '../../src/app/context.js'
import type {Prompter} from '../../src/ui/prompts.js'
import {bufferIO} from '../../src/ui/io.js'

/** Another terminal on the same workspace (the facilitator's), with its own context, as another process has. */
export function otherTerminal(workspace: string, actor = 'Eva', now?: () => Date): Context {
  return createContext({actorFlag: actor, io: bufferIO(), env: {...process.env, RUNBOOK_WORKSPACE: workspace}, ...(now ? {now} : {})})
}

/** Answers the walk: `onInput` for text prompts, "stop" at the first step's menu unless told otherwise. */
export function walkPrompter(onInput: (message: string) => Promise<string>, onSelect: () => Promise<string> = async () => 'stop'): Prompter {
  return {
    input: ({message}) => onInput(message),
    // The step's action menu goes to onSelect; a question asked as a choice keeps its recorded answer.
    select: async ({choices, default: recorded}) =>
      (choices.some((c) => c.value === 'done' || c.value === 'stop') ? await onSelect() : (recorded ?? choices[0]!.value)) as never,
    checkbox: async () => [],
    // A yes/no question keeps its recorded answer (the default the walk offers).
    confirm: async ({default: recorded}) => recorded ?? false,
    editor: ({message}) => onInput(message),
  }
}
