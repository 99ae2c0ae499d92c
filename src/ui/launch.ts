import {createRequire} from 'node:module'
import type {IO} from './io.js'

// Loaded when a program is started, not with every command that builds a context (child_process costs ~4 ms to load).
const childProcess = () => createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process')

/** What happened when runbook tried to hand files to another program. */
export type Launched = {ok: true; program: string} | {ok: false; reason: string}

/**
 * Hands files to the person's own programs: their editor at a terminal, their desktop's viewer where there is a
 * display. Decided from the IO (is there a terminal?) and the environment, never from process.* elsewhere.
 */
export interface Launcher {
  /** Opens files in $VISUAL or $EDITOR and waits until the editor exits; only at a terminal. */
  edit(files: readonly string[]): Launched
  /** Opens a file with the desktop's viewer (xdg-open, open) without waiting; only where a display exists. */
  open(file: string): Launched
}

export function processLauncher(io: IO, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Launcher {
  return {
    edit(files) {
      if (!io.canPrompt) return {ok: false, reason: 'no terminal to open an editor in'}
      // As git does: VISUAL first, then EDITOR; a value may carry arguments ("code --wait"), so the shell reads it.
      const editor = env.VISUAL?.trim() || env.EDITOR?.trim()
      if (!editor) return {ok: false, reason: 'neither VISUAL nor EDITOR is set (for example: export EDITOR=nano)'}
      const result = childProcess().spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, ...files], {stdio: 'inherit', env})
      if (result.error) return {ok: false, reason: `could not start ${editor}: ${result.error.message}`}
      if (result.status !== 0) return {ok: false, reason: `${editor} exited with status ${result.status ?? result.signal}`}
      return {ok: true, program: editor}
    },
    open(file) {
      const program = platform === 'darwin' ? 'open' : platform === 'win32' ? undefined : 'xdg-open'
      const display = platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
      if (!program || !display) return {ok: false, reason: 'no display to open it on'}
      if (childProcess().spawnSync('/bin/sh', ['-c', 'command -v "$1"', 'sh', program], {stdio: 'ignore', env}).status !== 0)
        return {ok: false, reason: `${program} is not installed`}
      try {
        const child = childProcess().spawn(program, [file], {stdio: 'ignore', detached: true, env})
        // A missing program is reported asynchronously; the path is printed either way, so it is not lost.
        child.on('error', () => undefined)
        child.unref()
        return {ok: true, program}
      } catch (error) {
        return {ok: false, reason: `could not start ${program}: ${(error as Error).message}`}
      }
    },
  }
}
