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
    select: async () => (await onSelect()) as never,
    checkbox: async () => [],
    confirm: async () => false,
  }
}
