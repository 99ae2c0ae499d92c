import {styleText} from 'node:util'

type Style = Parameters<typeof styleText>[0]

/** Colour only on a TTY, and never with NO_COLOR (https://no-color.org) or TERM=dumb. */
export function colourEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
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

export type Styler = ReturnType<typeof makeStyle>
