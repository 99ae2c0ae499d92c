import {execFileSync} from 'node:child_process'
import {BIN} from './cli.js'

/**
 * A real pseudo-terminal driven through tmux: the program sees a TTY, exactly as a person's terminal.
 * Each session uses its own tmux server socket so tests never touch a developer's tmux.
 */
export class TmuxSession {
  private readonly socket: string
  private readonly name = 'runbook'

  constructor(label: string) {
    this.socket = `runbook-test-${label}-${process.pid}`
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'})
  }

  /** Starts `runbook ARGS` in a 120x40 terminal; the pane stays open after exit to read the exit code. */
  start(args: string[], env: Record<string, string>): void {
    const exports = Object.entries({NO_COLOR: '1', RUNBOOK_ACTOR: 'tester', ...env})
      .map(([k, v]) => `export ${k}=${shellQuote(v)};`)
      .join(' ')
    const command = `${exports} ${shellQuote(process.execPath)} ${shellQuote(BIN)} ${args.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 60`
    this.tmux('new-session', '-d', '-s', this.name, '-x', '120', '-y', '40', command)
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', this.name)
  }

  /** Polls the screen until `pattern` shows, or fails with what the screen shows. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text)
  }

  /** Pastes text into the terminal as a terminal's paste does (line breaks sent as Enter), all at once. */
  paste(text: string): void {
    execFileSync('tmux', ['-L', this.socket, 'load-buffer', '-b', 'paste', '-'], {input: text})
    this.tmux('paste-buffer', '-b', 'paste', '-d', '-t', this.name)
  }

  press(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', this.name, key)
  }

  kill(): void {
    try {
      this.tmux('kill-server')
    } catch {
      // Already gone.
    }
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * For a describe block: checks tmux is there, and returns a factory of sessions that are all killed after each
 * test (a failed test must not leave a terminal running).
 */
export function tmuxSessions(hooks: {beforeAll: (fn: () => void) => void; afterEach: (fn: () => void) => void}): (label: string) => TmuxSession {
  const sessions: TmuxSession[] = []
  hooks.beforeAll(() => {
    try {
      execFileSync('tmux', ['-V'])
    } catch {
      throw new Error('the end-to-end tests need tmux for a real terminal: apt-get install tmux (CI installs it)')
    }
  })
  hooks.afterEach(() => sessions.splice(0).forEach((s) => s.kill()))
  return (label) => {
    const session = new TmuxSession(label)
    sessions.push(session)
    return session
  }
}
