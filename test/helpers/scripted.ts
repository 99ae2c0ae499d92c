import type {Choice, Prompter} from '../../src/ui/prompts.js'

export interface Asked {
  kind: 'input' | 'select' | 'checkbox' | 'confirm' | 'editor'
  message: string
  default?: unknown
  choices?: unknown[]
}

/**
 * Answers prompts from a script, in order: each answer is given to the first prompt whose message matches it; a
 * prompt that no remaining answer matches fails the test. Every prompt asked is kept, with its default.
 */
export function scripted(script: [RegExp, unknown][]): Prompter & {asked: Asked[]} {
  const asked: Asked[] = []
  const answer = (entry: Asked): unknown => {
    asked.push(entry)
    const next = script[0]
    if (!next || !next[0].test(entry.message)) throw new Error(`unexpected prompt "${entry.message}"; next in the script: ${next?.[0]}`)
    script.shift()
    return next[1]
  }
  return {
    asked,
    input: async (o) => answer({kind: 'input', message: o.message, default: o.default}) as string,
    select: async <T>(o: {message: string; choices: Choice<T>[]; default?: T}) =>
      answer({kind: 'select', message: o.message, default: o.default, choices: o.choices.map((c) => c.value)}) as T,
    checkbox: async <T>(o: {message: string; choices: Choice<T>[]}) =>
      answer({kind: 'checkbox', message: o.message, default: o.choices.filter((c) => c.checked).map((c) => c.value)}) as T[],
    confirm: async (o) => answer({kind: 'confirm', message: o.message, default: o.default}) as boolean,
    editor: async (o) => answer({kind: 'editor', message: o.message, default: o.default}) as string,
  }
}
