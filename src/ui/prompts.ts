// The only module that imports the prompt library; everything else asks through a Prompter, so tests can answer
// and a script without a terminal is never asked.

export interface Choice<T> {
  name: string
  value: T
  description?: string
  checked?: boolean
}

export interface Prompter {
  input(options: {message: string; default?: string; validate?: (value: string) => true | string}): Promise<string>
  select<T>(options: {message: string; choices: Choice<T>[]; default?: T}): Promise<T>
  checkbox<T>(options: {message: string; choices: Choice<T>[]}): Promise<T[]>
  confirm(options: {message: string; default?: boolean}): Promise<boolean>
}

/** Prompts in the terminal with @inquirer/prompts, loaded on first use (it costs start-up time). */
export function terminalPrompter(): Prompter {
  const lib = () => import('@inquirer/prompts')
  return {
    input: async (options) => (await lib()).input(options),
    select: async (options) => (await lib()).select(options),
    checkbox: async (options) => (await lib()).checkbox(options),
    confirm: async (options) => (await lib()).confirm(options),
  }
}

/** True for the errors the prompt library throws when the user presses Ctrl-C or the terminal closes. */
export function isPromptAbort(error: unknown): boolean {
  const name = (error as {name?: string} | undefined)?.name
  return name === 'ExitPromptError' || name === 'AbortPromptError'
}
