import {styleText} from 'node:util'

type Style = Parameters<typeof styleText>[0]

/** Where output goes; a terminal stream, a pipe, or a test's buffer. */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown
  isTTY?: boolean
  columns?: number
}

export type Styler = ReturnType<typeof makeStyle>

/**
 * The terminal as the program sees it, decided once (like gh's IOStreams): whether it may ask questions, whether
 * each stream gets colour, how wide it is. Every prompt, colour and width decision reads this, never process.*.
 */
export interface IO {
  stdout: OutputStream
  stderr: OutputStream
  /** Standard input and output are both terminals: questions can be asked and answered. */
  canPrompt: boolean
  /** Standard error is a terminal: a progress bar can be drawn there. */
  showProgress: boolean
  /** Colours for what goes to stdout, and for what goes to stderr. */
  style: Styler
  errStyle: Styler
  columns: number
  /** Standard input, for text piped in (`runbook note -`); none in a test that gives none. */
  stdin?: AsyncIterable<string | Uint8Array>
}

/** Colour only on a TTY, and never with NO_COLOR (https://no-color.org) or TERM=dumb; FORCE_COLOR forces it. */
export function colourEnabled(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY)
}

export function makeStyle(enabled: boolean) {
  const paint = (style: Style) => (text: string) => (enabled ? styleText(style, text) : text)
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    red: paint('red'),
    green: paint('green'),
    yellow: paint('yellow'),
    cyan: paint('cyan'),
    exercise: paint(['bold', 'yellow']),
  }
}

/** The process's own streams: the one place that looks at isTTY. */
export function processIO(env: NodeJS.ProcessEnv = process.env): IO {
  const {stdin, stdout, stderr} = process
  return {
    stdout,
    stderr,
    canPrompt: Boolean(stdin.isTTY && stdout.isTTY),
    showProgress: Boolean(stderr.isTTY),
    style: makeStyle(colourEnabled(stdout, env)),
    errStyle: makeStyle(colourEnabled(stderr, env)),
    columns: stdout.columns || 80,
    stdin,
  }
}

/** Output captured in memory, no terminal: for tests and for commands run from other code. */
export function bufferIO(options: {canPrompt?: boolean; columns?: number; stdin?: string} = {}): IO & {out: () => string; err: () => string} {
  const out: string[] = []
  const err: string[] = []
  const decoder = (chunks: string[]) => (chunk: string | Uint8Array) => chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
  return {
    stdout: {write: decoder(out)},
    stderr: {write: decoder(err)},
    canPrompt: options.canPrompt ?? false,
    showProgress: false,
    style: makeStyle(false),
    errStyle: makeStyle(false),
    columns: options.columns ?? 80,
    ...(options.stdin !== undefined ? {stdin: chunks(options.stdin)} : {}),
    out: () => out.join(''),
    err: () => err.join(''),
  }
}

async function* chunks(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text)
}
