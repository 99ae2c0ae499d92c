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
  /**
   * Long text in the person's editor (VISUAL, else EDITOR, else vi): the text is written and read back as a file, so
   * a long paste costs what the editor costs, not a redraw per character. `launch` opens it at once (no Enter first).
   */
  editor(options: {message: string; default?: string; launch?: boolean; validate?: (value: string) => true | string}): Promise<string>
}

/** Prompts in the terminal with @inquirer/prompts, loaded on first use (it costs start-up time). */
export function terminalPrompter(): Prompter {
  const lib = () => import('@inquirer/prompts')
  return {
    input: async (options) => (await lib()).input(options),
    select: async (options) => (await lib()).select(options),
    checkbox: async (options) => (await lib()).checkbox(options),
    confirm: async (options) => (await lib()).confirm(options),
    editor: async ({launch, ...options}) => (await lib()).editor({...options, waitForUserInput: !launch, postfix: '.txt'}),
  }
}

/** True for the errors the prompt library throws when the user presses Ctrl-C or the terminal closes. */
export function isPromptAbort(error: unknown): boolean {
  const name = (error as {name?: string} | undefined)?.name
  return name === 'ExitPromptError' || name === 'AbortPromptError'
}
